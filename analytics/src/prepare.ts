import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlFile } from './sql-files.js';
import { traceStage, tracing } from './stage-trace.js';

// Tables derived from the ledger copy for the recompute (analytics/sql/prepare): integer keys for the
// (unit, enterprise) pairs, the findings folded into their inspection, I2's scope, and the records counted
// per window start and calendar month (the recompute puts those months in its month buckets instead of
// reading millions of records). They are a function of the base tables, so they are rebuilt after every
// load and every refresh that changes what they are read from, or the figures would go stale.

/** One derived table: its file, and the base tables it is read from, directly or through earlier ones. */
export interface Derived {
  file: string;
  from: readonly string[];
}

// In build order: a table is built after the derived tables it reads.
export const DERIVED: readonly Derived[] = [
  { file: 'prepare/inspection-pairs.sql', from: ['inspections'] },
  { file: 'prepare/inspection-units.sql', from: ['inspections'] },
  { file: 'prepare/inspection-marks.sql', from: ['inspections', 'findings'] },
  { file: 'prepare/enterprise-scope.sql', from: ['inspections', 'enterprises'] },
  { file: 'prepare/window-inspection-firsts.sql', from: ['inspections', 'findings', 'campaigns'] },
  { file: 'prepare/window-inspection-months.sql', from: ['inspections', 'findings', 'campaigns'] },
  { file: 'prepare/window-scope-checks.sql', from: ['inspections', 'findings', 'enterprises', 'campaigns'] },
  { file: 'prepare/window-hazard-months.sql', from: ['hazards', 'actions', 'campaigns'] },
  { file: 'prepare/window-action-months.sql', from: ['actions', 'campaigns'] },
  { file: 'prepare/missed-hazard-candidates.sql', from: ['hazards', 'enterprises', 'units', 'inspections', 'findings'] },
  { file: 'prepare/missed-feedback-months.sql', from: ['assignments', 'hazards', 'feedback', 'campaigns'] },
  { file: 'prepare/leader-inspection-months.sql', from: ['leader_inspections'] },
];

/** The derived tables that a change to `tables` changes (all of them when `tables` is not given). */
function affected(tables?: readonly string[]): Derived[] {
  return DERIVED.filter((d) => tables === undefined || d.from.some((t) => tables.includes(t)));
}

/** Whether a change to `tables` changes some derived table. */
export function derivedFrom(tables: readonly string[]): boolean {
  return affected(tables).length > 0;
}

/**
 * Rebuilds the derived tables inside the caller's transaction: the load or refresh that changed their
 * base tables, so that the base tables, the derived ones and a persisted copy's marker commit together.
 * Given the changed `tables`, only the derived tables read from them (a rectified hazard rebuilds the
 * hazard months, not the inspections' tables).
 */
export async function rebuildDerived(conn: DuckDBConnection, tables?: readonly string[]): Promise<void> {
  for (const d of affected(tables)) await runTraced(conn, d.file, 'rebuilt whole');
}

// the table a prepare file makes is named after it (prepare/window-hazard-months.sql: window_hazard_months)
const tableOf = (file: string) => file.replace(/^.*\//, '').replace(/\.sql$/, '').replaceAll('-', '_');

/** Runs one prepare or upkeep file; traced (ANALYTICS_TRACE=1) with the rows of the table it makes. */
async function runTraced(conn: DuckDBConnection, file: string, how: string): Promise<void> {
  await traceStage(`derived ${file} ${how}`, async () => {
    await conn.run(sqlFile(file));
    if (!tracing() || file.includes('/upkeep/')) return undefined;
    const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM ${tableOf(file)}`);
    return r.getRows()[0][0];
  }, (rows) => (rows === undefined ? undefined : { rows }));
}

// in this order: new pairs first, so that the marks and firsts of a pair new to the copy find its id
const UPKEEP = ['prepare/upkeep/new-pairs.sql', 'prepare/upkeep/new-units.sql', 'prepare/upkeep/changed-pair-ids.sql',
  'prepare/upkeep/inspection-marks.sql', 'prepare/upkeep/window-inspection-firsts.sql', 'prepare/upkeep/enterprise-scope.sql'];

// the derived tables that UPKEEP keeps up row by row; every other one a change touches is rebuilt whole
const KEPT_UP = new Set(['prepare/inspection-pairs.sql', 'prepare/inspection-units.sql', 'prepare/inspection-marks.sql',
  'prepare/window-inspection-firsts.sql', 'prepare/enterprise-scope.sql']);

// Derived tables kept up for the keys of the rows changed in `tables` (analytics/sql/refresh/derived-keys), by
// their upkeep twin: a hazard edit then costs the hazard's reporter, not every hazard of the ledger (a whole
// rebuild of these reads every hazard, and the candidates every inspection mark: seconds at nation scale).
// A change of another table they read rebuilds them whole.
const KEPT_UP_FOR: Readonly<Record<string, { upkeep: string; tables: readonly string[] }>> = {
  'prepare/window-hazard-months.sql': { upkeep: 'prepare/upkeep/window-hazard-months.sql', tables: ['hazards', 'actions'] },
  'prepare/missed-hazard-candidates.sql': { upkeep: 'prepare/upkeep/missed-hazard-candidates.sql', tables: ['hazards', 'enterprises', 'inspections', 'findings'] },
  'prepare/missed-feedback-months.sql': { upkeep: 'prepare/upkeep/missed-feedback-months.sql', tables: ['assignments', 'hazards', 'feedback'] },
};

/**
 * Keeps the derived tables up after a refresh that applied changed rows (ledger-refresh.ts), in its
 * transaction: the pair-keyed tables only for the (unit, enterprise) pairs and the units the changes name
 * (the temp tables of analytics/sql/refresh/derived-keys), with what rebuildDerived would make for them;
 * the hazards' tables (KEPT_UP_FOR) only for the hazards, reporters and units the changes name; the other
 * month histograms the changes touch are then rebuilt whole, after the tables they read. A change of the
 * campaigns (the windows' starts) rebuilds them all.
 */
export async function upkeepDerived(conn: DuckDBConnection, tables: readonly string[]): Promise<void> {
  if (tables.includes('campaigns')) return rebuildDerived(conn);
  for (const file of UPKEEP) await runTraced(conn, file, 'kept up');
  await conn.run('DROP TABLE changed_pair_ids');
  for (const d of affected(tables)) {
    if (KEPT_UP.has(d.file)) continue;
    const twin = KEPT_UP_FOR[d.file];
    const changed = d.from.filter((t) => tables.includes(t));
    if (twin && changed.every((t) => twin.tables.includes(t))) await runTraced(conn, twin.upkeep, 'kept up');
    else await runTraced(conn, d.file, 'rebuilt whole');
  }
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
