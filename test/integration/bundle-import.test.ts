import { afterAll, beforeAll, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { describeWith } from '../support/requires.js';
import { freshDatabase, SAMPLE_BUNDLE, type Engine, type TestDatabase } from '../support/databases.js';
import { copyBundle, csvRecords, csvRowCounts, removeBundle, setCell, tableCounts } from '../support/bundles.js';
import { BUNDLE_FILES } from '../../api/src/bundle/bundle-files.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { verifyAuditChain } from '../../api/src/audit/audit-chain.js';

for (const engine of ['embedded', 'postgres'] as Engine[]) {
  describeWith(engine === 'postgres' ? ['postgres'] : [], `bundle import on ${engine}`, () => {
    let t: TestDatabase;
    const dirs: string[] = [];
    beforeAll(async () => { t = await freshDatabase(engine); });
    afterAll(async () => {
      await t?.drop();
      dirs.forEach(removeBundle);
    });

    it('imports the sample: every CSV row becomes one row of its table', async () => {
      const progress: [number, number][] = [];
      const r = await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test', onProgress: (d, n) => progress.push([d, n]) });
      const expected = csvRowCounts();
      const { audit_log, ...ledger } = await tableCounts(t.db.dataSource);
      expect(ledger).toEqual(expected);
      // one bundle.import entry per file, naming the records it brought in (no record enters untraced)
      expect(audit_log).toBe(Object.keys(r.files).length);
      const entries = await t.db.dataSource.query(`SELECT record_key, after FROM audit_log WHERE action = 'bundle.import' ORDER BY record_key`);
      expect(Object.fromEntries(entries.map((e: { record_key: string; after: { keys: string[] } }) => [e.record_key, e.after.keys.length])))
        .toEqual(Object.fromEntries(Object.entries(r.files).map(([f, c]) => [f, c.inserted])));
      expect(r.rows).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
      expect(r.files['hazards.csv']).toEqual({ inserted: expected.hazards, updated: 0, unchanged: 0 });
      expect(progress.at(-1)).toEqual([r.rows, r.rows]);
    });

    it('keeps what the CSV says: lists, defaults, money and dates', async () => {
      const ds = t.db.dataSource;
      expect((await ds.query(`SELECT signed_by FROM inspections WHERE inspection_id = 'I00001'`))[0].signed_by).toEqual(['检查员8', '检查员76']);
      expect((await ds.query(`SELECT persons, crime FROM actions WHERE action_id = 'A00001'`))[0]).toEqual({ persons: 1, crime: false });
      expect((await ds.query(`SELECT found_on, funds_wan FROM hazards WHERE ledger_no = 'JC-140502-2023-0001'`))[0]).toEqual({ found_on: '2023-05-07', funds_wan: '4.20' });
    });

    it('stores every cell of the sample as the CSV writes it', async () => {
      // every file the sample brings (it has no campaigns.csv: the default campaign comes with the first start)
      for (const spec of BUNDLE_FILES.filter((f) => fs.existsSync(path.join(SAMPLE_BUNDLE, f.file)))) {
        const cols = spec.columns;
        const asText = (v: unknown, i: number) => {
          const c = cols[i];
          if (v === null || v === undefined || v === '') return c.fallback === undefined ? '' : String(c.fallback);
          if (Array.isArray(v)) return v.join(';');
          if (c.type === 'money') return String(Number(v));
          return String(v);
        };
        const stored: unknown[][] = (await t.db.dataSource.query(`SELECT ${cols.map((c) => c.name).join(', ')} FROM ${spec.table}`)).map((r: Record<string, unknown>) => cols.map((c) => r[c.name]));
        const written = csvRecords(path.join(SAMPLE_BUNDLE, spec.file));
        const order = written[0].map((h) => cols.findIndex((c) => c.name === h));
        const fromCsv = written.slice(1).map((r) => cols.map((_, i) => r[order.indexOf(i)] ?? '').map((v, i) => asText(v, i)).join('|')).sort();
        expect([spec.file, stored.map((r) => r.map(asText).join('|')).sort()]).toEqual([spec.file, fromCsv]);
      }
    });

    it('changes nothing when the same bundle is imported again', async () => {
      const before = await tableCounts(t.db.dataSource);
      const r = await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test' });
      expect(await tableCounts(t.db.dataSource)).toEqual(before);
      for (const [file, c] of Object.entries(r.files)) expect([file, c.inserted, c.updated]).toEqual([file, 0, 0]);
      expect(r.files['feedback.csv'].unchanged).toBe(before.feedback);
    });

    it('takes a changed hazard as a correction: one UPDATE and one audit entry', async () => {
      const dir = copyBundle();
      dirs.push(dir);
      setCell(dir, 'hazards.csv', 2, 'description', '隐患1（更正）');
      const before = await tableCounts(t.db.dataSource);
      const r = await importBundle(t.db.dataSource, dir, { actor: 'clerk' });
      expect(r.files['hazards.csv']).toEqual({ inserted: 0, updated: 1, unchanged: before.hazards - 1 });
      // the correction, and the import's entry for the one file it wrote to
      expect(await tableCounts(t.db.dataSource)).toEqual({ ...before, audit_log: before.audit_log + 2 });
      const ds = t.db.dataSource;
      expect((await ds.query(`SELECT description FROM hazards WHERE ledger_no = 'JC-140502-2023-0001'`))[0].description).toBe('隐患1（更正）');
      const [entry] = await ds.query(`SELECT actor, action, table_name, record_key, before, after FROM audit_log WHERE action = 'bundle.correct' ORDER BY id DESC LIMIT 1`);
      expect(entry).toEqual({ actor: 'clerk', action: 'bundle.correct', table_name: 'hazards', record_key: 'JC-140502-2023-0001', before: { description: '隐患1' }, after: { description: '隐患1（更正）' } });
      const [file] = await ds.query(`SELECT actor, record_key, after FROM audit_log WHERE action = 'bundle.import' ORDER BY id DESC LIMIT 1`);
      expect(file).toEqual({ actor: 'clerk', record_key: 'hazards.csv', after: expect.objectContaining({ file: 'hazards.csv', rows: before.hazards, new: 0, corrected: 1, keys: [] }) });
      expect(await verifyAuditChain(ds)).toMatchObject({ ok: true, entries: before.audit_log + 2 });
      // the corrected bundle again: nothing more
      await importBundle(ds, dir, { actor: 'clerk' });
      expect((await tableCounts(ds)).audit_log).toBe(before.audit_log + 2);
    });

    it('deletes nothing: a bundle of units alone leaves the rest of the ledger as it was', async () => {
      const dir = copyBundle();
      dirs.push(dir);
      for (const f of fs.readdirSync(dir)) if (f !== 'units.csv') fs.rmSync(path.join(dir, f));
      const before = await tableCounts(t.db.dataSource);
      const r = await importBundle(t.db.dataSource, dir, { actor: 'test' });
      expect(r.files).toEqual({ 'units.csv': { inserted: 0, updated: 0, unchanged: before.units } });
      expect(await tableCounts(t.db.dataSource)).toEqual(before);
    });
  });
}
