// The generated city bundle goes through the real importer into an embedded database: the
// generator's promise that its ledgers pass every refusal rule, checked by the code that enforces them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BundleRefusedError, importBundle } from '../../../api/src/bundle/import-bundle.js';
import { generateBundle, type GenerateResult } from '../../../seeds/generate/index.js';
import { freshDatabase, type TestDatabase } from '../../support/databases.js';
import { tableCounts } from '../../support/bundles.js';

describe('importing a generated city bundle', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-seeds-import-'));
  let t: TestDatabase;
  let generated: GenerateResult;

  beforeAll(async () => {
    generated = await generateBundle({ scale: 'city', seed: 3, outDir: dir });
    t = await freshDatabase('embedded');
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is accepted whole, one table row per CSV row', async () => {
    try {
      const r = await importBundle(t.db.dataSource, dir, { actor: 'seed-test' });
      expect(r.rows).toBe(generated.rows);
    } catch (e) {
      // show the importer's own problem lines rather than a bare "refused"
      if (e instanceof BundleRefusedError) throw new Error(e.message.split('\n').slice(0, 30).join('\n'));
      throw e;
    }
    const { audit_log, ...ledger } = await tableCounts(t.db.dataSource);
    // the generator writes no campaigns.csv: the ledger keeps the first start's default campaign alone
    expect(ledger).toEqual({ campaigns: 0, ...generated.files });
    // the import's own entries: one per file, or one per 10,000 records brought in (audit/import-entries.ts)
    const entries = await t.db.dataSource.query(`SELECT table_name, after FROM audit_log WHERE action = 'bundle.import'`);
    expect(audit_log).toBe(entries.length);
    const brought: Record<string, number> = {};
    for (const e of entries as { table_name: string; after: { keys: string[] } }[]) brought[e.table_name] = (brought[e.table_name] ?? 0) + e.after.keys.length;
    expect(Object.fromEntries(Object.entries(brought).filter(([, n]) => n > 0))).toEqual(Object.fromEntries(Object.entries(generated.files).filter(([, n]) => n > 0)));
  });
});
