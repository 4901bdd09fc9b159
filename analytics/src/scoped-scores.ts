import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { ScoreRow, ScoresJson } from './contracts.js';
import type { QueryFile } from './query-file.js';
import { sqlFile } from './sql-files.js';

// After an edit, only some units' scores can move: a unit's counts are made of its own records (and, for
// missed_hazards, its parent's hazards at its enterprises; for I3, penalties naming its hazards), so the
// refresh names the units its rows enter (RefreshResult.touched). Ranks are within a parent, so the scores
// recomputed are those of every peer of a touched unit, on the ledger cut to what those units' counts read
// (scoring/scope.sql); the other parents' rows are kept from the previous scores as they were.

/** Which units' scores must be recomputed: the peers of every touched county-level unit. */
export interface ScoreScope {
  /** the county-level units to recompute, all of each parent below */
  units: string[];
  /** the parents (null: county-level units without one) whose rankings are replaced */
  parents: Set<string | null>;
  /** every county-level unit's parent, to keep the rows in scores.sql's order */
  parentOf: Map<string, string | null>;
}

export async function scoreScope(query: QueryFile, touched: readonly string[]): Promise<ScoreScope> {
  const parentOf = new Map<string, string | null>();
  for (const r of await query('scoring/county-parents.sql', {})) parentOf.set(r.code as string, (r.parent_code as string | null) ?? null);
  const parents = new Set<string | null>();
  for (const u of touched) if (parentOf.has(u)) parents.add(parentOf.get(u)!);
  const units = [...parentOf].filter(([, p]) => parents.has(p)).map(([u]) => u).sort();
  return { units, parents, parentOf };
}

/** Cuts the copy, for the rest of the caller's transaction, to what the scope's scores read. */
export async function cutToScope(conn: DuckDBConnection, scope: ScoreScope): Promise<void> {
  await conn.run(sqlFile('scoring/scope-unit-codes.sql'), { codes: listValue(scope.units) });
  await conn.run(sqlFile('scoring/scope.sql'));
}

// scores.sql's order: parent_code (NULLs last), rank, unit code, compared as DuckDB compares VARCHAR
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The previous scores with the scope's parents' rows replaced by `fresh` (of the same months). */
export function mergeScores(base: ScoresJson[], fresh: ScoresJson[], scope: ScoreScope): ScoresJson[] {
  const parent = (r: ScoreRow) => scope.parentOf.get(r.unit) ?? null;
  const order = (a: ScoreRow, b: ScoreRow) => {
    const pa = parent(a);
    const pb = parent(b);
    if (pa !== pb) return pa === null ? 1 : pb === null ? -1 : byCode(pa, pb);
    return a.rank - b.rank || byCode(a.unit, b.unit);
  };
  return base.map((old, k) => {
    if (fresh[k].month !== old.month) throw new Error(`mergeScores: month ${fresh[k].month} against ${old.month}`);
    const kept = old.units.filter((r) => !scope.parents.has(parent(r)));
    return { ...old, units: [...kept, ...fresh[k].units].sort(order) };
  });
}
