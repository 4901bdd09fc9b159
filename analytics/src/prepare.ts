import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlFile } from './sql-files.js';

// Tables derived from the ledger copy for the recompute (analytics/sql/prepare): integer keys for the
// (unit, enterprise) pairs, the findings folded into their inspection, I2's scope. They are a function of
// the base tables, so they are rebuilt after every load and every refresh, or the figures would go stale.
export const DERIVED = ['prepare/inspection-pairs.sql', 'prepare/inspection-units.sql', 'prepare/inspection-marks.sql', 'prepare/enterprise-scope.sql',
  'prepare/window-inspection-firsts.sql'];

// the base tables they are read from: a change elsewhere leaves them as they are
const SOURCES: readonly string[] = ['inspections', 'findings', 'enterprises', 'campaigns'];

/** Whether a change to `tables` changes the derived tables. */
export function derivedFrom(tables: readonly string[]): boolean {
  return tables.some((t) => SOURCES.includes(t));
}

/**
 * Rebuilds the derived tables inside the caller's transaction: the load or refresh that changed their
 * base tables, so that the base tables, the derived ones and a persisted copy's marker commit together.
 */
export async function rebuildDerived(conn: DuckDBConnection): Promise<void> {
  for (const file of DERIVED) await conn.run(sqlFile(file));
}

/** Rebuilds the derived tables from the base tables, in one transaction: a query sees all old or all new. */
export async function prepareDerived(conn: DuckDBConnection): Promise<void> {
  await conn.run('BEGIN TRANSACTION');
  try {
    await rebuildDerived(conn);
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK');
    throw e;
  }
}
