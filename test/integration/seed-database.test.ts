// seeds --database-url: the generated ledger written straight into PostgreSQL through COPY must be the
// ledger that importing the same generated bundle gives, table by table (ids of serial keys included).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { generateBundle, type GenerateResult } from '../../seeds/generate/index.js';
import { seedDatabase } from '../../seeds/seed-database.js';
import { LEDGER_TABLES } from '../support/bundles.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { describeWith } from '../support/requires.js';

async function digests(ds: DataSource): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of ['campaigns', ...LEDGER_TABLES]) {
    const [r] = await ds.query(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(j, E'\\n' ORDER BY j), '')) AS md5
      FROM (SELECT to_jsonb(x)::text AS j FROM ${t} x) s`);
    out[t] = r;
  }
  return out;
}

describeWith(['postgres'], 'seeding a database through COPY', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-seed-db-'));
  let imported: TestDatabase;
  let seeded: TestDatabase;
  let generated: GenerateResult;
  beforeAll(async () => {
    [imported, seeded] = [await freshDatabase('postgres'), await freshDatabase('postgres')];
    generated = await generateBundle({ scale: 'city', seed: 5, outDir: dir });
  });
  afterAll(async () => {
    await imported?.drop();
    await seeded?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the ledger an import of the same generated bundle gives', async () => {
    await importBundle(imported.db.dataSource, dir, { actor: 'seed-test' });
    // small flushes: rows of one table go out in many COPYs, between the other tables' (the foreign keys hold)
    const seededResult = await seedDatabase(seeded.db.dataSource, { scale: 'city', seed: 5, flushRows: 300 });
    expect(seededResult).toEqual(generated);
    const want = await digests(imported.db.dataSource);
    for (const [file, rows] of Object.entries(generated.files)) expect([file, want[file].rows]).toEqual([file, rows]);
    expect(await digests(seeded.db.dataSource)).toEqual(want);
  });

  it('refuses a ledger that is not empty, and writes nothing', async () => {
    const before = await digests(seeded.db.dataSource);
    await expect(seedDatabase(seeded.db.dataSource, { scale: 'city', seed: 6 })).rejects.toThrow(/already holds a ledger/);
    expect(await digests(seeded.db.dataSource)).toEqual(before);
  });

  it('writes nothing when the run fails part-way', async () => {
    const t = await freshDatabase('postgres');
    try {
      // a table filled after units and enterprises refuses its rows
      await t.db.dataSource.query(`CREATE FUNCTION fail_drills() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'drills refused'; END $$;
        CREATE TRIGGER fail_drills BEFORE INSERT ON drills FOR EACH ROW EXECUTE FUNCTION fail_drills()`);
      await expect(seedDatabase(t.db.dataSource, { scale: 'city', seed: 5 })).rejects.toThrow(/drills refused/);
      const [{ n }] = await t.db.dataSource.query(`SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM enterprises) AS n`);
      expect(Number(n)).toBe(0);
    } finally {
      await t.drop();
    }
  });
});
