import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { importBundle, type ImportResult } from '../../api/src/bundle/import-bundle.js';
import { appendRow, copyBundle, LEDGER_TABLES, removeBundle, setCell } from '../support/bundles.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { describeWith } from '../support/requires.js';

// On PostgreSQL the import writes through COPY into staging tables; on PGlite through jsonb batches.
// The same bundles, imported into both, must leave the same ledger, the same counts and the same audit
// entries, text that COPY's format escapes (tab, newline, backslash, \N) and list items with quotes included.
const SIGNERS = ['甲"引号', '乙\\反斜杠', '丙,逗号', '{丁}', 'tab\there', '\\N'];
const DESCRIPTION = '第一行\n第二行\t制表 \\N 反斜杠\\ "引号"';

async function ledger(ds: DataSource): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of LEDGER_TABLES) out[t] = (await ds.query(`SELECT to_jsonb(x)::text AS j FROM ${t} x ORDER BY 1`)).map((r: { j: string }) => r.j);
  return out;
}

const auditOf = (ds: DataSource) => ds.query(`SELECT actor, action, table_name, record_key, before, after FROM audit_log ORDER BY id`);

describeWith(['postgres'], 'bundle import through COPY (PostgreSQL) and through jsonb (PGlite)', () => {
  const dbs: TestDatabase[] = [];
  const dirs: string[] = [];
  let first: string;
  let correction: string;
  beforeAll(async () => {
    dbs.push(await freshDatabase('embedded'), await freshDatabase('postgres'));
    first = copyBundle();
    appendRow(first, 'inspections.csv', { inspection_id: 'I99001', unit_code: '140502', enterprise_credit_code: '91140502L12TH3BJ3R', inspected_on: '2023-07-30', signed_by: SIGNERS.join(';'), major_hazards_found: '0' });
    appendRow(first, 'hazards.csv', { ledger_no: 'JC-140502-2023-9001', enterprise_credit_code: '91140502L12TH3BJ3R', unit_code: '140502', source: 'enforcement', found_on: '2023-09-01', description: DESCRIPTION, measures: '', funds_wan: '1.005' });
    correction = copyBundle();
    setCell(correction, 'hazards.csv', 2, 'description', 'corrected\ttext\\');
    setCell(correction, 'hazards.csv', 3, 'funds_wan', '0');
    dirs.push(first, correction);
  });
  afterAll(async () => {
    for (const d of dirs) removeBundle(d);
    for (const t of dbs) await t.drop();
  });

  it('writes the same ledger, counts and audit entries on both', async () => {
    const results: ImportResult[][] = [];
    for (const t of dbs) {
      const ds = t.db.dataSource;
      results.push([
        await importBundle(ds, first, { actor: 'test' }),
        await importBundle(ds, correction, { actor: 'test' }),
        await importBundle(ds, correction, { actor: 'test' }),
      ]);
    }
    expect(results[1]).toEqual(results[0]);
    const [, corrected, again] = results[1];
    expect(corrected.files['hazards.csv']).toEqual({ inserted: 0, updated: 2, unchanged: corrected.files['hazards.csv'].unchanged });
    expect(again.files['hazards.csv'].updated).toBe(0);
    expect(await ledger(dbs[1].db.dataSource)).toEqual(await ledger(dbs[0].db.dataSource));
    const audit = await auditOf(dbs[1].db.dataSource);
    // the two corrections, one bundle.import entry per file the first import wrote, one for the corrected
    // file; the correction again wrote nothing
    expect(audit.filter((e: { action: string }) => e.action === 'bundle.correct')).toHaveLength(2);
    const written = Object.values(results[1][0].files).filter((c) => c.inserted > 0).length;
    expect(audit).toHaveLength(2 + written + 1);
    expect(audit).toEqual(await auditOf(dbs[0].db.dataSource));

    // and the stored values are the bundle's, not something both writers got wrong alike
    const pg = dbs[1].db.dataSource;
    expect(await pg.query(`SELECT signed_by FROM inspections WHERE inspection_id = 'I99001'`)).toEqual([{ signed_by: SIGNERS }]);
    expect(await pg.query(`SELECT description, measures, funds_wan::text AS funds FROM hazards WHERE ledger_no = 'JC-140502-2023-9001'`))
      .toEqual([{ description: DESCRIPTION, measures: null, funds: '1.01' }]);
    const [{ description }] = await pg.query(`SELECT description FROM hazards WHERE ledger_no = 'JC-140502-2023-0001'`);
    expect(description).toBe('corrected\ttext\\');
  });
});
