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

// in this order: new pairs first, so that the marks and firsts of a pair new to the copy find its id
const UPKEEP = ['prepare/upkeep/new-pairs.sql', 'prepare/upkeep/new-units.sql', 'prepare/upkeep/changed-pair-ids.sql',
  'prepare/upkeep/inspection-marks.sql', 'prepare/upkeep/window-inspection-firsts.sql', 'prepare/upkeep/enterprise-scope.sql'];

/**
 * Keeps the derived tables up after a refresh that applied changed rows (ledger-refresh.ts), in its
 * transaction: only the rows of the (unit, enterprise) pairs and the units the changes name (the temp tables
 * of analytics/sql/refresh/derived-keys) are made again, with what rebuildDerived would make for them. A
 * change of the campaigns (the windows' starts) rebuilds them whole.
 */
export async function upkeepDerived(conn: DuckDBConnection, tables: readonly string[]): Promise<void> {
  if (tables.includes('campaigns')) return rebuildDerived(conn);
  for (const file of UPKEEP) await conn.run(sqlFile(file));
  await conn.run('DROP TABLE changed_pair_ids');
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
