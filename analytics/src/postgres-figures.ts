import fs from 'node:fs';
import path from 'node:path';
import { DuckDBDateValue, type DuckDBValue } from '@duckdb/node-api';
import type { DataSource, QueryRunner } from 'typeorm';
import { DEFAULT_SCHEME, type SchemeParams } from './default-scheme.js';
import { PROJECT_ROOT } from './project-root.js';
import { DISPATCH_KEYS, type DispatchJson, type DispatchRow, type ScoreParts, type ScoreRow, type ScoresJson } from './contracts.js';
import { calendarParams, monthWindow, windowParams, type MonthWindow } from './month-window.js';
import type { QueryFile } from './query-file.js';
import { schemeParams } from './scheme.js';
import { isoOfDays, type JsonRow } from './types.js';

// The figures of analytics/sql (dispatch tables, scores and ranking) computed on PostgreSQL itself, from
// the SQL of analytics/postgres/: the bench's side-by-side with the DuckDB engine, to show what DuckDB buys. Same
// window and scheme parameters as the engine (monthWindow, schemeParams), same JSON (contracts.ts).
// Every month asked for is computed in one statement per purpose: each ledger table is read once.

const SQL_DIR = path.join(PROJECT_ROOT, 'analytics/postgres');
const cache = new Map<string, string>();

/** One file of analytics/postgres, read once. */
export function postgresSqlFile(relative: string): string {
  let text = cache.get(relative);
  if (text === undefined) {
    text = fs.readFileSync(path.join(SQL_DIR, relative), 'utf8');
    cache.set(relative, text);
  }
  return text;
}

/** A parameter: the engine's DuckDB values (dates, bigint weights) or plain values and arrays. */
export type PgParam = DuckDBValue | string[];

function pgValue(name: string, v: PgParam): unknown {
  if (v instanceof DuckDBDateValue) return isoOfDays(v.days);
  if (typeof v === 'bigint') return v.toString(); // exact, into numeric or int
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || Array.isArray(v)) return v;
  throw new Error(`analytics/postgres: no PostgreSQL mapping for parameter $${name} (${String(v)})`);
}

/**
 * The `$name` parameters of a file as PostgreSQL's positional ones ($1, $2, …), so that the files read
 * like analytics/sql's. Comments are dropped first: a `$name` in a comment is not a parameter.
 */
export function positional(sql: string, params: Record<string, PgParam>): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/--[^\n]*/g, '').replace(/\$([a-z_][a-z0-9_]*)/gi, (_, name: string) => {
    if (!(name in params)) throw new Error(`analytics/postgres: the query uses $${name}, which was not given`);
    let k = order.indexOf(name);
    if (k < 0) k = order.push(name) - 1;
    return `$${k + 1}`;
  });
  return { text, values: order.map((name) => pgValue(name, params[name])) };
}

async function run(qr: QueryRunner, file: string, params: Record<string, PgParam>): Promise<JsonRow[]> {
  const { text, values } = positional(postgresSqlFile(file), params);
  return (await qr.query(text, values)) as JsonRow[];
}

// Session settings for the figures: parallel workers on (2 cores here: the leader and 2 workers),
// parallel plans not priced out for tables of a few million rows, memory for the hash aggregates and
// joins so that they do not spill, and no JIT: compiling these plans' ~600 expressions took 1.4 s of a
// 5 s statement at province scale, more than it saved (README.md). SET LOCAL: they end with the transaction.
export const SESSION_SETTINGS: Readonly<Record<string, string>> = {
  max_parallel_workers_per_gather: '2',
  parallel_setup_cost: '100',
  parallel_tuple_cost: '0.01',
  work_mem: '256MB',
  hash_mem_multiplier: '2',
  jit: 'off',
};

/**
 * Runs `body` on one connection in a REPEATABLE READ transaction (one snapshot of the ledger for every
 * statement, as the DuckDB loader copies one), with the session settings (`overrides` win) and the
 * current_inspections view. The transaction is rolled back: it only reads, and the rollback drops the
 * temp view and tables.
 */
async function inSession<T>(ds: DataSource, body: (qr: QueryRunner) => Promise<T>, overrides: Record<string, string> = {}): Promise<T> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.startTransaction('REPEATABLE READ');
    try {
      for (const [k, v] of Object.entries({ ...SESSION_SETTINGS, ...overrides })) {
        await qr.query(`SELECT set_config($1, $2, true)`, [k, v]);
      }
      await qr.query(postgresSqlFile('schema.sql'));
      return await body(qr);
    } finally {
      await qr.rollbackTransaction();
    }
  } finally {
    await qr.release();
  }
}

/** A query file kept as a temp table of the transaction (dropped at its end, or by `dropTemp`). */
async function createTemp(qr: QueryRunner, table: string, file: string, params: Record<string, PgParam>, explain = false): Promise<string> {
  const { text, values } = positional(postgresSqlFile(file), params);
  const create = `CREATE TEMP TABLE ${table} ON COMMIT DROP AS ${text}`;
  const rows = (await qr.query(explain ? `EXPLAIN (ANALYZE, BUFFERS) ${create}` : create, values)) as { 'QUERY PLAN': string }[];
  // statistics for the joins that read it (a temp table is never auto-analyzed)
  await qr.query(`ANALYZE ${table}`);
  return explain ? rows.map((r) => r['QUERY PLAN']).join('\n') : '';
}

export interface MonthFigures {
  month: string;
  dispatch: DispatchJson;
  scores: ScoresJson;
}

const PARTS: (keyof ScoreParts)[] = [
  'found', 'rectified', 'overdue', 'scope', 'checked', 'flagged', 'enforced', 'penalised',
  'enforced_rectified', 'cases', 'main_ok', 'member_ok', 'late', 'missed_feedback', 'missed_hazards',
];

// node-postgres returns int8 and numeric as text (exact): a figure becomes a JSON number here, as the
// engine's DECIMAL and HUGEINT do in types.ts (from the exact decimal text).
function num(v: unknown, what: string): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (v === null || v === undefined || !Number.isFinite(n)) throw new Error(`analytics/postgres: ${what} is ${String(v)}, not a number`);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) throw new Error(`analytics/postgres: ${what} = ${String(v)} does not fit a JSON number exactly`);
  return n;
}

function dispatchRow(r: JsonRow): DispatchRow {
  const row: Record<string, string | number> = { unit: r.unit as string, name: r.name as string, level: r.level as string };
  for (const k of DISPATCH_KEYS) row[k] = num(r[k], `${String(r.unit)}.${k}`);
  return row as DispatchRow;
}

function scoreRow(r: JsonRow): ScoreRow {
  const parts = Object.fromEntries(PARTS.map((k) => [k, num(r[k], `${String(r.unit)}.parts.${k}`)])) as unknown as ScoreParts;
  const n = (k: string) => num(r[k], `${String(r.unit)}.${k}`);
  return {
    unit: r.unit as string, name: r.name as string, rank: n('rank'), total: n('total'),
    I1: n('I1'), I2: n('I2'), I3: n('I3'), I4: n('I4'), D: n('D'), parts,
  };
}

/** The months' windows, through the engine's own monthWindow (same checks and messages). */
async function windows(qr: QueryRunner, months: string[]): Promise<MonthWindow[]> {
  const query: QueryFile = async (file, params) => run(qr, file, params);
  const out: MonthWindow[] = [];
  for (const month of months) out.push(await monthWindow(query, month));
  return out;
}

/** Months that share a campaign share the window start and calendar: one statement each. */
function byCampaign(ws: MonthWindow[]): MonthWindow[][] {
  const groups = new Map<string, MonthWindow[]>();
  for (const w of ws) groups.set(w.campaign, [...(groups.get(w.campaign) ?? []), w]);
  return [...groups.values()].map((g) => [...new Map(g.map((w) => [w.month, w])).values()].sort((a, b) => a.eom.localeCompare(b.eom)));
}

/** The parameters of dispatch/figures.sql and scoring/unit-counts.sql for months of one campaign. */
function groupParams(g: MonthWindow[], scheme: SchemeParams): Record<string, PgParam> {
  const first = g[0];
  const { from, first_month_start } = windowParams(first);
  return {
    from, first_month_start, ...calendarParams(first), ...schemeParams(scheme),
    eoms: g.map((w) => w.eom), last_eom: g[g.length - 1].eom,
  };
}

async function figuresIn(qr: QueryRunner, months: string[], scheme: SchemeParams, schemeVersion: string): Promise<MonthFigures[]> {
  const done = new Map<string, MonthFigures>();
  for (const g of byCampaign(await windows(qr, months))) {
    const params = groupParams(g, scheme);
    // inspections and findings are read once, for the dispatch table and for the scores
    await createTemp(qr, 'inspection_firsts', 'inspection-firsts.sql', params);
    const dispatch = await run(qr, 'dispatch/figures.sql', params);
    await createTemp(qr, 'unit_counts', 'scoring/unit-counts.sql', params);
    const scores = await run(qr, 'scoring/scores.sql', params);
    await qr.query('DROP TABLE inspection_firsts, unit_counts');
    g.forEach((w, i) => {
      const rows = dispatch.filter((r) => Number(r.i) === i);
      done.set(w.month, {
        month: w.month,
        dispatch: {
          month: w.month, asOf: w.eom,
          units: rows.filter((r) => !r.city_wide).map(dispatchRow),
          cityWide: dispatchRow(rows.find((r) => r.city_wide)!),
        },
        scores: {
          month: w.month, asOf: w.eom, scheme: schemeVersion,
          units: scores.filter((r) => Number(r.i) === i).map(scoreRow),
        },
      });
    });
  }
  return months.map((m) => done.get(m)!);
}

/** Dispatch tables and scores of several months, computed on PostgreSQL; in the order asked. */
export async function postgresFigures(
  ds: DataSource, months: string[], scheme: SchemeParams = DEFAULT_SCHEME, schemeVersion = 'default',
): Promise<MonthFigures[]> {
  return inSession(ds, (qr) => figuresIn(qr, months, scheme, schemeVersion));
}

/** The dispatch tables (调度表) and scores (打分排队) of one month, as the DuckDB engine gives them. */
export async function postgresFiguresForMonth(ds: DataSource, month: string, scheme: SchemeParams = DEFAULT_SCHEME): Promise<MonthFigures> {
  const [f] = await postgresFigures(ds, [month], scheme);
  return f;
}

/**
 * The full recompute of the bench: every unit's dispatch table and scores for `months`, timed from the
 * first statement to the last JSON row. `settings` override SESSION_SETTINGS (to compare, say, JIT on).
 */
export async function recomputeOnPostgres(
  ds: DataSource, months: string[], settings: Record<string, string> = {},
): Promise<{ ms: number; figures: MonthFigures[] }> {
  const started = performance.now();
  const figures = await inSession(ds, (qr) => figuresIn(qr, months, DEFAULT_SCHEME, 'default'), settings);
  return { ms: Math.round(performance.now() - started), figures };
}

/**
 * The bench's setup: the indexes of analytics/postgres/indexes.sql (not product migrations), then
 * VACUUM ANALYZE of the tables the figures read (statistics for the planner, and the visibility map
 * that index-only scans need). VACUUM cannot run in a transaction: one statement a call.
 */
export async function preparePostgres(ds: DataSource): Promise<void> {
  await ds.query(postgresSqlFile('indexes.sql'));
  for (const t of ['units', 'enterprises', 'inspections', 'findings', 'hazards', 'actions', 'leaders',
    'leader_inspections', 'assignments', 'feedback', 'submissions']) {
    await ds.query(`VACUUM (ANALYZE) ${t}`);
  }
}

export interface ExplainedStatement {
  file: string;
  ms: number;
  plan: string;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each statement of `month`'s figures that reads the big tables, in the
 * order the recompute runs them (they run, so the timings are real): the shared inspection pass, the
 * dispatch table, the score counts. (scores.sql only does arithmetic on one row per unit.)
 */
export async function explainFigures(ds: DataSource, month: string, settings: Record<string, string> = {}): Promise<ExplainedStatement[]> {
  return inSession(ds, async (qr) => {
    const [w] = await windows(qr, [month]);
    const params = groupParams([w], DEFAULT_SCHEME);
    const timed = (file: string, plan: string) => ({ file, ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0), plan });
    const out = [timed('inspection-firsts.sql', await createTemp(qr, 'inspection_firsts', 'inspection-firsts.sql', params, true))];
    for (const file of ['dispatch/figures.sql', 'scoring/unit-counts.sql']) {
      const { text, values } = positional(postgresSqlFile(file), params);
      const rows = (await qr.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values)) as { 'QUERY PLAN': string }[];
      out.push(timed(file, rows.map((r) => r['QUERY PLAN']).join('\n')));
    }
    return out;
  }, settings);
}

/** The plan of the slowest of those statements, headed by its file and month. */
export async function explainHeaviest(ds: DataSource, month: string): Promise<string> {
  const heaviest = (await explainFigures(ds, month)).reduce((a, b) => (b.ms > a.ms ? b : a));
  return `-- analytics/postgres/${heaviest.file} (${month})\n${heaviest.plan}`;
}
