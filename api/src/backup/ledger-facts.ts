import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../analytics/src/project-root.js';

export function backupSql(name: string): string {
  return fs.readFileSync(path.join(PROJECT_ROOT, 'api/src/backup/sql', name), 'utf8');
}

export interface LedgerFacts {
  ledgerVersion: string;
  schema: string;
  rowCounts: Record<string, number>;
}

/** Runs one statement and returns its rows: a TypeORM DataSource's `query`, or pg's wrapped. */
export type Query = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/** The figures a backup records and a restore checks: counter, schema and rows per table. */
export async function ledgerFacts(query: Query): Promise<LedgerFacts> {
  const [v] = (await query(backupSql('ledger-version.sql'))) as { version: string; schema: string }[];
  const rows = (await query(backupSql('table-row-counts.sql'))) as { table: string; rows: string | number }[];
  return { ledgerVersion: v.version, schema: v.schema, rowCounts: Object.fromEntries(rows.map((r) => [r.table, Number(r.rows)])) };
}

/** "12 tables, 3456 rows" for the command's report. */
export function describeCounts(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${Object.keys(counts).length} tables, ${total} rows`;
}
