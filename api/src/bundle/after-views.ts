import type { EntityManager } from 'typeorm';
import { fileSpec, sqlType, type TableName } from './bundle-files.js';
import { stagingTable, type StagedFile } from './stage-bundle.js';

/** The files whose records are found by key: their records as they would be after the import are after_<table>. */
export const KEYED_TABLES: TableName[] = ['units', 'enterprises', 'leaders', 'inspections', 'hazards', 'actions', 'assignments', 'campaigns'];

/**
 * after_<table>: the ledger as it would be after the import, which the checks across records read. A
 * record the bundle brings (its key's first record) is the database's row overlaid with the columns the
 * file has (a wrong cell is NULL, a required column the header lacks too), with its `line` and `invalid`
 * cells; a row of the database the bundle does not name has `line` NULL. Which columns come from where
 * depends on the file's header, so the view is written here, once per import; the checks are in sql/.
 */
function afterViewSql(table: TableName, f: StagedFile | undefined): string {
  const spec = fileSpec(table);
  const s = stagingTable(table);
  const match = spec.key.map((k) => `d."${k}" = s."${k}"`).join(' AND ');
  const k0 = `d."${spec.key[0]}"`;
  const merged = spec.columns.map((c) => {
    const type = sqlType(c);
    if (f?.missing.has(c.name)) return `NULL::${type} AS "${c.name}"`;
    if (!f || f.present.has(c.name)) return `s."${c.name}"`;
    return `CASE WHEN ${k0} IS NULL THEN s."${c.name}" ELSE d."${c.name}"::${type} END AS "${c.name}"`;
  });
  const stored = spec.columns.map((c) => `d."${c.name}"::${sqlType(c)}`);
  return `CREATE TEMP VIEW after_${table} AS
    SELECT s.line, s.invalid, ${k0} IS NOT NULL AS in_db, ${merged.join(', ')}
    FROM ${s} s LEFT JOIN ${table} d ON ${match} WHERE s.first
    UNION ALL
    SELECT NULL::integer, NULL::text[], true, ${stored.join(', ')}
    FROM ${table} d WHERE NOT EXISTS (SELECT 1 FROM ${s} s WHERE s.first AND ${match})`;
}

export async function createAfterViews(m: EntityManager, files: StagedFile[]): Promise<void> {
  for (const t of KEYED_TABLES) {
    await m.query(`DROP VIEW IF EXISTS after_${t}`);
    await m.query(afterViewSql(t, files.find((f) => f.spec.table === t)));
  }
}

/** The views go before the staging tables they read are dropped at commit. */
export async function dropAfterViews(m: EntityManager): Promise<void> {
  for (const t of KEYED_TABLES) await m.query(`DROP VIEW IF EXISTS after_${t}`);
}
