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
  /**
   * How a refresh that applied changed rows keeps the table up (upkeepDerived) rather than rebuilding it
   * whole: `files`, in order, make again the rows of the keys the changes name (the temp tables of
   * analytics/sql/refresh/derived-keys). With `for`, they run when every table of `from` that changed is
   * one of `for`, and a change of another rebuilds the table whole. Without it (the pair-keyed tables)
   * they run first after every such refresh, whatever changed: with no changed pair they change nothing.
   * Absent, the table is rebuilt whole whenever a table of `from` changes.
   */
  upkeep?: { files: readonly string[]; for?: readonly string[] };
}

// In build order: a table is built after the derived tables it reads.
// The pair-keyed tables are kept up row by row for the changed (unit, enterprise) pairs and units, new
// pairs first, so that the marks and firsts of a pair new to the copy find its id. The hazards' tables are
// kept up for the hazards, reporters and units the changes name: a hazard edit then costs the hazard's
// reporter, not every hazard of the ledger (a whole rebuild of these reads every hazard, and the candidates
// every inspection mark: seconds at nation scale). The other month histograms are rebuilt whole.
export const DERIVED: readonly Derived[] = [
  { file: 'prepare/inspection-pairs.sql', from: ['inspections'], upkeep: { files: ['prepare/upkeep/new-pairs.sql'] } },
  { file: 'prepare/inspection-units.sql', from: ['inspections'], upkeep: { files: ['prepare/upkeep/new-units.sql'] } },
  {
    file: 'prepare/inspection-marks.sql', from: ['inspections', 'findings'],
    // changed_pair_ids: the changed pairs' ids, read by the marks' and the firsts' upkeep (dropped after)
    upkeep: { files: ['prepare/upkeep/changed-pair-ids.sql', 'prepare/upkeep/inspection-marks.sql'] },
  },
  { file: 'prepare/enterprise-scope.sql', from: ['inspections', 'enterprises'], upkeep: { files: ['prepare/upkeep/enterprise-scope.sql'] } },
  {
    file: 'prepare/window-inspection-firsts.sql', from: ['inspections', 'findings', 'campaigns'],
    upkeep: { files: ['prepare/upkeep/window-inspection-firsts.sql'] },
  },
  { file: 'prepare/window-inspection-months.sql', from: ['inspections', 'findings', 'campaigns'] },
  { file: 'prepare/window-scope-checks.sql', from: ['inspections', 'findings', 'enterprises', 'campaigns'] },
  {
    file: 'prepare/window-hazard-months.sql', from: ['hazards', 'actions', 'campaigns'],
    upkeep: { files: ['prepare/upkeep/window-hazard-months.sql'], for: ['hazards', 'actions'] },
  },
  { file: 'prepare/window-action-months.sql', from: ['actions', 'campaigns'] },
  {
    file: 'prepare/missed-hazard-candidates.sql', from: ['hazards', 'enterprises', 'units', 'inspections', 'findings'],
    upkeep: { files: ['prepare/upkeep/missed-hazard-candidates.sql'], for: ['hazards', 'enterprises', 'inspections', 'findings'] },
  },
  {
    file: 'prepare/missed-feedback-months.sql', from: ['assignments', 'hazards', 'feedback', 'campaigns'],
    upkeep: { files: ['prepare/upkeep/missed-feedback-months.sql'], for: ['assignments', 'hazards', 'feedback'] },
  },
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

/**
 * Keeps the derived tables up after a refresh that applied changed rows (ledger-refresh.ts), in its
 * transaction, as each one's `upkeep` says: the pair-keyed tables only for the (unit, enterprise) pairs and
 * the units the changes name (the temp tables of analytics/sql/refresh/derived-keys), with what
 * rebuildDerived would make for them; the hazards' tables only for the hazards, reporters and units the
 * changes name; the other tables the changes touch are then rebuilt whole, after the tables they read. A
 * change of the campaigns (the windows' starts) rebuilds them all.
 */
export async function upkeepDerived(conn: DuckDBConnection, tables: readonly string[]): Promise<void> {
  if (tables.includes('campaigns')) return rebuildDerived(conn);
  const pairKeyed = (d: Derived) => d.upkeep !== undefined && d.upkeep.for === undefined;
  for (const d of DERIVED.filter(pairKeyed)) for (const file of d.upkeep?.files ?? []) await runTraced(conn, file, 'kept up');
  await conn.run('DROP TABLE changed_pair_ids');
  for (const d of affected(tables)) {
    if (pairKeyed(d)) continue;
    const only = d.upkeep?.for;
    const changed = d.from.filter((t) => tables.includes(t));
    if (only && changed.every((t) => only.includes(t))) {
      for (const file of d.upkeep?.files ?? []) await runTraced(conn, file, 'kept up');
    } else await runTraced(conn, d.file, 'rebuilt whole');
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
