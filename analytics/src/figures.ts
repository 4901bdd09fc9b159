import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { SchemeParams } from './default-scheme.js';
import { DISPATCH_KEYS, type DispatchJson, type DispatchRow, type ScoreParts, type ScoreRow, type ScoresJson } from './contracts.js';
import { calendarParams, windowParams, type MonthWindow } from './month-window.js';
import { schemeParams } from './scheme.js';
import { sqlFile } from './sql-files.js';
import { dateParam, daysOf, jsonRows, type JsonRow } from './types.js';

// The dispatch tables and scores of several months at once (the trend and the board need them all): every window starts at the
// campaign start, so one statement per purpose computes all the months of a campaign (analytics/sql/README.md),
// from the records counted per window start and calendar month after each load (prepare.ts).

export interface MonthFigures {
  month: string;
  dispatch: DispatchJson;
  scores: ScoresJson;
}

/** Which figures to compute: the dispatch tables, the scores, or both. */
export interface FigureParts {
  dispatch: boolean;
  scores: boolean;
  /** run first in the figures' transaction (scoped-scores.ts cuts the copy to some units' rows) */
  prelude?: (conn: DuckDBConnection) => Promise<void>;
}

const PARTS: (keyof ScoreParts)[] = [
  'found', 'rectified', 'overdue', 'scope', 'checked', 'flagged', 'enforced', 'penalised',
  'enforced_rectified', 'cases', 'main_ok', 'member_ok', 'late', 'missed_feedback', 'missed_hazards',
];

// Rows are built key by key, so the JSON keeps bundle.md's key order whatever the query's columns.
function dispatchRow(r: JsonRow): DispatchRow {
  const row: Record<string, string | number> = { unit: r.unit as string, name: r.name as string, level: r.level as string };
  for (const k of DISPATCH_KEYS) row[k] = r[k] as number;
  return row as DispatchRow;
}

function scoreRow(r: JsonRow): ScoreRow {
  const parts = Object.fromEntries(PARTS.map((k) => [k, r[k] as number])) as unknown as ScoreParts;
  return {
    unit: r.unit as string, name: r.name as string, rank: r.rank as number, total: r.total as number,
    I1: r.I1 as number, I2: r.I2 as number, I3: r.I3 as number, I4: r.I4 as number, D: r.D as number, parts,
  };
}

/** Months that share a campaign share the window start and calendar: one recompute each, months ascending. */
export function byCampaign(ws: MonthWindow[]): MonthWindow[][] {
  const groups = new Map<string, Map<string, MonthWindow>>();
  for (const w of ws) groups.set(w.campaign, (groups.get(w.campaign) ?? new Map()).set(w.month, w));
  return [...groups.values()].map((g) => [...g.values()].sort((a, b) => a.eom.localeCompare(b.eom)));
}

/**
 * month_bucket's parameters (macros.sql) for ascending month ends: $first_eom, $last_eom, and
 * $day_buckets, whose item k + 1 is the number of month ends before the day first_eom + k (never empty:
 * DuckDB cannot type an empty list parameter).
 */
export function bucketParams(eoms: string[]): Record<string, DuckDBValue> {
  const ends = eoms.map(daysOf);
  const first = ends[0];
  const last = ends[ends.length - 1];
  const buckets: number[] = [];
  for (let day = first, before = 0; day <= last; day++) {
    while (before < ends.length && ends[before] < day) before++;
    buckets.push(before);
  }
  return {
    eoms: listValue(eoms.map(dateParam)),
    first_eom: dateParam(eoms[0]),
    last_eom: dateParam(eoms[eoms.length - 1]),
    day_buckets: listValue(buckets),
  };
}

/** `$name` parameters that a statement uses: DuckDB refuses values for parameters it does not have. */
export function usedParams(sql: string, params: Record<string, DuckDBValue>): Record<string, DuckDBValue> {
  const names = new Set([...sql.matchAll(/\$([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]));
  return Object.fromEntries(Object.entries(params).filter(([k]) => names.has(k)));
}

async function rows(conn: DuckDBConnection, file: string, params: Record<string, DuckDBValue>): Promise<JsonRow[]> {
  const sql = sqlFile(file);
  return jsonRows(await conn.runAndReadAll(sql, usedParams(sql, params)));
}

/** A query file kept as a temp table of the transaction under way. */
async function tempTable(conn: DuckDBConnection, table: string, file: string, params: Record<string, DuckDBValue>): Promise<void> {
  const sql = sqlFile(file).replace(/;\s*$/, '');
  await conn.run(`CREATE TEMP TABLE ${table} AS ${sql}`, usedParams(sql, params));
}

/** The months of one campaign (`g`, ascending), on one connection, in one read-only transaction. */
async function campaignFigures(
  conn: DuckDBConnection, g: MonthWindow[], scheme: SchemeParams, version: string, parts: FigureParts,
): Promise<MonthFigures[]> {
  const params = {
    ...windowParams(g[0]), ...calendarParams(g[0]), ...schemeParams(scheme), ...bucketParams(g.map((w) => w.eom)),
  };
  // one snapshot of the ledger for every statement (a reload may commit meanwhile); the rollback drops
  // the temp tables
  await conn.run('BEGIN TRANSACTION');
  try {
    await parts.prelude?.(conn);
    const dispatch = parts.dispatch ? await rows(conn, 'dispatch/figures.sql', params) : [];
    let scores: JsonRow[] = [];
    if (parts.scores) {
      await tempTable(conn, 'unit_counts', 'scoring/unit-counts.sql', params);
      scores = await rows(conn, 'scoring/scores.sql', params);
    }
    return g.map((w, i) => {
      const mine = dispatch.filter((r) => r.i === i);
      return {
        month: w.month,
        dispatch: {
          month: w.month, asOf: w.eom,
          units: mine.filter((r) => !r.city_wide).map(dispatchRow),
          cityWide: mine.filter((r) => r.city_wide).map(dispatchRow)[0],
        },
        scores: { month: w.month, asOf: w.eom, scheme: version, units: scores.filter((r) => r.i === i).map(scoreRow) },
      };
    });
  } finally {
    await conn.run('ROLLBACK');
  }
}

/** Dispatch tables and scores of the months of `windows`, in the order given (repeats allowed). */
export async function computeFigures(
  conn: DuckDBConnection, windows: MonthWindow[], scheme: SchemeParams, version: string,
  parts: FigureParts = { dispatch: true, scores: true },
): Promise<MonthFigures[]> {
  const done = new Map<string, MonthFigures>();
  for (const g of byCampaign(windows)) {
    for (const f of await campaignFigures(conn, g, scheme, version, parts)) done.set(f.month, f);
  }
  return windows.map((w) => done.get(w.month)!);
}

/**
 * One month's scores under many schemes that differ only in their weights (the what-if stability
 * search): the counts (unit_counts) are computed once, then scoring/scores.sql runs for each scheme.
 * The counts depend on the leader rule and the lookback, so a scheme that changes either is refused.
 */
export async function probeScores<T>(
  conn: DuckDBConnection, w: MonthWindow, base: SchemeParams,
  work: (scoresAt: (s: SchemeParams) => Promise<ScoreRow[]>) => Promise<T>,
): Promise<T> {
  const params = { ...windowParams(w), ...calendarParams(w), ...schemeParams(base), ...bucketParams([w.eom]) };
  await conn.run('BEGIN TRANSACTION');
  try {
    await tempTable(conn, 'unit_counts', 'scoring/unit-counts.sql', params);
    return await work(async (s) => {
      if (s.missedLookbackDays !== base.missedLookbackDays || s.leaderRule.main !== base.leaderRule.main || s.leaderRule.member !== base.leaderRule.member) {
        throw new Error('probeScores: the lookback and the leader rule enter the counts; only weights may differ');
      }
      return (await rows(conn, 'scoring/scores.sql', { ...params, ...schemeParams(s) })).filter((r) => r.i === 0).map(scoreRow);
    });
  } finally {
    await conn.run('ROLLBACK');
  }
}
