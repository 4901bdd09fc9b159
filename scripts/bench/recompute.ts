// Ledger → DuckDB, then the full 8-month recompute (dispatch + scores) in DuckDB and in PostgreSQL SQL
// (analytics/postgres) side by side: the figures are checked identical before either time is reported.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PROJECT_ROOT } from '../../analytics/src/project-root.js';
import { openDatabase, type Database } from '../../api/src/database/data-source.js';
import { DEFAULT_SCHEME } from '../../analytics/src/default-scheme.js';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import type { ScoresJson } from '../../analytics/src/contracts.js';
import { explainHeaviest, postgresFigures, preparePostgres } from '../../analytics/src/postgres-figures.js';
import { median, perSecond, type Report } from './report.js';

export const MONTHS = ['2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'];

interface Timed { ms: number; cpuMs?: number; figures: unknown[] }

/** DuckDB runs in this process: its CPU time is this process's over the call (both threads). */
export async function timeDuckDb(engine: AnalyticsEngine): Promise<Timed> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const figures: unknown[] = await engine.figures(MONTHS, DEFAULT_SCHEME);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, figures };
}

async function timePostgres(db: Database): Promise<Timed> {
  const started = performance.now();
  const figures = await postgresFigures(db.dataSource, MONTHS);
  return { ms: performance.now() - started, figures };
}

const runsText = (runs: Timed[]) => runs.map((r) => r.ms.toFixed(0)).join(', ');

/** The county-level units of each parent, largest group first (a parent's peers are ranked together). */
export type Peers = [parent: string, units: string[]][];

function peersOf(scores: ScoresJson, parentOf: Map<string, string>): Peers {
  const groups = new Map<string, string[]>();
  for (const u of scores.units) {
    const p = parentOf.get(u.unit) ?? '?';
    groups.set(p, [...(groups.get(p) ?? []), u.unit]);
  }
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

function rankingsWithinParents(scores: ScoresJson, peers: Peers): string {
  const rankOf = new Map(scores.units.map((u) => [u.unit, u.rank]));
  const ok = peers.every(([, units]) => {
    const ranks = units.map((u) => rankOf.get(u)!);
    return Math.min(...ranks) === 1 && Math.max(...ranks) <= ranks.length;
  });
  const sizes = peers.map(([, units]) => units.length);
  return `${scores.units.length} county-level units ranked within ${peers.length} parent units (${Math.min(...sizes)}–${Math.max(...sizes)} peers each); each ranking starts at 1: ${ok ? 'yes' : 'NO'}`;
}

/** Every recompute figure of the run; the parents and their peers for the serving part. */
export async function benchRecompute(url: string, scale: string, runs: number, report: Report): Promise<{ peers: Peers; parentOf: Map<string, string> }> {
  let db = await openDatabase({ databaseUrl: url, migrate: false });
  const engine = await AnalyticsEngine.create();
  const load = await engine.loadFromLedger(db.dataSource);
  report.add('ledger → DuckDB (this process, no persisted copy)', `${load.rows.toLocaleString('en')} rows in ${(load.ms / 1000).toFixed(1)} s = ${perSecond(load.rows, load.ms)}`);
  const duck = [await timeDuckDb(engine)];
  for (let i = 1; i < runs; i++) duck.push(await timeDuckDb(engine));
  await engine.close();
  const parentOf = new Map<string, string>((await db.dataSource.query(`SELECT code, parent_code FROM units`)).map((r: { code: string; parent_code: string }) => [r.code, r.parent_code]));
  const december = (duck[0].figures[MONTHS.length - 1] as { scores: ScoresJson }).scores;
  const peers = peersOf(december, parentOf);

  const prepStarted = performance.now();
  await preparePostgres(db.dataSource);
  report.add('PostgreSQL: bench indexes + VACUUM ANALYZE', `${((performance.now() - prepStarted) / 1000).toFixed(1)} s`);
  await db.close();
  db = await openDatabase({ databaseUrl: url, migrate: false });
  try {
    const pgRuns = [await timePostgres(db)];
    const same = isDeepStrictEqual(JSON.parse(JSON.stringify(pgRuns[0].figures)), JSON.parse(JSON.stringify(duck[0].figures)));
    report.add('DuckDB and PostgreSQL SQL give identical figures (8 months, dispatch + scores)', same ? 'yes' : 'NO — the times below compare different work');
    const pgRunCount = scale === 'nation' ? 1 : runs;
    for (let i = 1; i < pgRunCount; i++) pgRuns.push(await timePostgres(db));
    const duckMs = median(duck.map((r) => r.ms));
    const duckCpu = median(duck.map((r) => r.cpuMs ?? NaN));
    const pgMs = median(pgRuns.map((r) => r.ms));
    report.add(`DuckDB full recompute, 8 months (median of ${runs}; target ≤ 1.5 s at nation)`, `${duckMs.toFixed(0)} ms wall, ${duckCpu.toFixed(0)} ms CPU (runs: ${runsText(duck)})`);
    report.add(`PostgreSQL SQL full recompute, 8 months (median of ${pgRunCount})`, `${pgMs.toFixed(0)} ms wall (runs: ${runsText(pgRuns)})`);
    report.add('PostgreSQL time ÷ DuckDB time (target ≥ 10 at nation)', `${(pgMs / duckMs).toFixed(2)}`);
    report.add('rankings within each parent (2023-12)', rankingsWithinParents(december, peers));
    const plan = await explainHeaviest(db.dataSource, '2023-12');
    const planFile = path.join(PROJECT_ROOT, 'test/artifacts', `bench-${scale}-postgres-plan.txt`);
    fs.mkdirSync(path.dirname(planFile), { recursive: true });
    fs.writeFileSync(planFile, plan);
    report.add('PostgreSQL plan of the heaviest statement (EXPLAIN ANALYZE)', path.relative(PROJECT_ROOT, planFile));
  } finally {
    await db.close();
  }
  return { peers, parentOf };
}
