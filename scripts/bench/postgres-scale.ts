// The bench on the real PostgreSQL server at one scale: import, ledger → DuckDB, the full recompute in
// DuckDB and in PostgreSQL SQL side by side (after checking they agree), rankings within each city, the
// API under 50 connections, one edit until the new scores show, and peak memory.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { PROJECT_ROOT } from '../../analytics/src/project-root.js';
import { openDatabase, type Database } from '../../api/src/database/data-source.js';
import { DEFAULT_SCHEME } from '../../analytics/src/default-scheme.js';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import type { ScoresJson } from '../../analytics/src/contracts.js';
import { explainHeaviest, postgresFigures, preparePostgres } from '../../analytics/src/postgres-figures.js';
import { generateBundle, type Scale } from '../../seeds/generate/index.js';
import { mb, median, perSecond, type Report, watchPeakRss } from './report.js';
import { benchServing } from './serving.js';
import { startServer, type BenchServer } from './server.js';

export const MONTHS = ['2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'];

export interface ScaleOptions {
  scale: Scale;
  seed: number;
  /** timed runs of each recompute (the median is reported) */
  runs: number;
  /** PostgreSQL server to create the bench database on */
  adminUrl: string;
  /** keep a bench database that already holds this scale's ledger (the import is then not measured) */
  reuseDatabase?: boolean;
}

const dbUrl = (admin: string, name: string) => {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
};

const du = (dir: string): number => fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);

/** The generated bundle for (scale, seed), kept between runs: a nation bundle takes minutes to write. */
async function bundleFor(o: ScaleOptions, report: Report): Promise<{ dir: string; rows: number; bytes: number }> {
  const home = path.join(process.env.BENCH_DIR ?? os.tmpdir(), `hw-bench-${o.scale}-seed${o.seed}`);
  const dir = path.join(home, 'bundle');
  // beside the bundle, not in it: a bundle folder holds only the bundle's files
  const done = path.join(home, 'complete.json');
  if (fs.existsSync(done)) {
    const { rows } = JSON.parse(fs.readFileSync(done, 'utf8')) as { rows: number };
    report.add('generated bundle', `${rows.toLocaleString('en')} rows (kept from an earlier run in ${dir})`);
    return { dir, rows, bytes: du(dir) };
  }
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const started = performance.now();
  const r = await generateBundle({ scale: o.scale, seed: o.seed, outDir: dir });
  const ms = performance.now() - started;
  fs.writeFileSync(done, JSON.stringify({ rows: r.rows, files: r.files }));
  report.add('generated bundle', `${r.rows.toLocaleString('en')} rows in ${(ms / 1000).toFixed(1)} s (${perSecond(r.rows, ms)}), ${mb(du(dir))} of CSV`);
  return { dir, rows: r.rows, bytes: du(dir) };
}

async function freshBenchDatabase(adminUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = dbUrl(adminUrl, name);
  const db = await openDatabase({ databaseUrl: url }); // migrations
  await db.close();
  return url;
}

/** Runs a compiled entry point to its end; its wall time and peak memory. */
function runNode(script: string, args: string[], env: Record<string, string>): Promise<{ ms: number; rss?: number; out: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, script), ...args], { env: { ...process.env, DATA_DIR: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const peak = watchPeakRss(child.pid!);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const rss = peak();
      if (code === 0) resolve({ ms: performance.now() - started, rss, out });
      else reject(new Error(`${script} ${args.join(' ')} exited with ${code}:\n${out.slice(-2000)}`));
    });
  });
}

export async function timeDuckDb(engine: AnalyticsEngine): Promise<{ ms: number; figures: unknown[] }> {
  const started = performance.now();
  const figures: unknown[] = await engine.figures(MONTHS, DEFAULT_SCHEME);
  return { ms: performance.now() - started, figures };
}

async function timePostgres(db: Database): Promise<{ ms: number; figures: unknown[] }> {
  const started = performance.now();
  const figures = await postgresFigures(db.dataSource, MONTHS);
  return { ms: performance.now() - started, figures };
}

/** Peers are the county-level units of one parent: each parent's ranks start at 1. */
function rankingsWithinCities(scores: ScoresJson, parentOf: Map<string, string>): string {
  const groups = new Map<string, number[]>();
  for (const u of scores.units) {
    const p = parentOf.get(u.unit) ?? '?';
    groups.set(p, [...(groups.get(p) ?? []), u.rank]);
  }
  const ok = [...groups.values()].every((ranks) => Math.min(...ranks) === 1 && Math.max(...ranks) <= ranks.length);
  const sizes = [...groups.values()].map((r) => r.length);
  return `${scores.units.length} county-level units ranked within ${groups.size} parent units (${Math.min(...sizes)}–${Math.max(...sizes)} peers each); each ranking starts at 1: ${ok ? 'yes' : 'NO'}`;
}

/** An edit through the API (rectify an overdue hazard on its deadline) until GET /api/scores shows it. */
async function editUntilVisible(server: BenchServer, report: Report): Promise<void> {
  const month = '2023-12';
  const ranking = (await (await server.get(`/api/scores?month=${month}`)).json()) as ScoresJson;
  for (const u of ranking.units.filter((x) => x.parts.overdue > 0).slice(0, 10)) {
    const unit = (await (await server.get(`/api/scores/${u.unit}?month=${month}`)).json()) as { explanation: { overdueHazards: { ledgerNo: string; deadline: string }[] } };
    for (const h of unit.explanation.overdueHazards.slice(0, 3)) {
      const posted = performance.now();
      const r = await server.post(`/api/hazards/${encodeURIComponent(h.ledgerNo)}/rectify`, { rectifiedOn: h.deadline, signedBy: '基准测试' });
      if (r.status >= 300) continue; // a rule of the lifecycle refused this one: try another
      const acked = performance.now();
      for (;;) {
        const now = (await (await server.get(`/api/scores?month=${month}`)).json()) as ScoresJson;
        if (now.units.find((x) => x.unit === u.unit)!.parts.overdue === u.parts.overdue - 1) break;
        if (performance.now() - acked > 120_000) throw new Error('the edit did not show in GET /api/scores within 2 min');
      }
      report.add('one edit → new scores visible (rectify via API, then GET /api/scores)', `${(performance.now() - acked).toFixed(0)} ms after the 2xx (the write itself ${(acked - posted).toFixed(0)} ms); ${u.name} overdue ${u.parts.overdue} → ${u.parts.overdue - 1}`);
      return;
    }
  }
  report.add('one edit → new scores visible', 'not measured: no overdue hazard accepted a rectification');
}

// CSV bytes of a generated bundle, per scale: what the disk check plans for when no bundle is written
const BUNDLE_BYTES: Record<Scale, number> = { city: 1e6, province: 110e6, nation: 2.1e9 };

async function existingLedger(adminUrl: string, name: string): Promise<{ url: string; rows: number } | undefined> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  const { rows } = await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  await c.end();
  if (!rows.length) return undefined;
  const url = dbUrl(adminUrl, name);
  const n = await ledgerRows(url).catch(() => 0);
  return n > 0 ? { url, rows: n } : undefined;
}

async function ledgerRows(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const tables = ['units', 'enterprises', 'leaders', 'inspections', 'findings', 'hazards', 'actions', 'leader_inspections', 'assignments', 'feedback', 'drills', 'submissions'];
  const { rows } = await c.query(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')} AS n`);
  await c.end();
  return Number(rows[0].n);
}

export async function benchOnPostgres(o: ScaleOptions, report: Report): Promise<void> {
  const free = fs.statfsSync(os.tmpdir());
  const freeBytes = free.bavail * free.bsize;
  // PostgreSQL needs about three times the CSV (heap, indexes, WAL) and the bundle itself; one disk here
  const need = BUNDLE_BYTES[o.scale] * (o.scale === 'nation' ? 3 : 4);
  if (freeBytes < need) {
    report.add('PostgreSQL parts', `skipped: ${mb(freeBytes)} free, about ${mb(need)} needed at this scale`);
    return;
  }
  const reused = o.reuseDatabase ? await existingLedger(o.adminUrl, `hw_bench_${o.scale}`) : undefined;
  const url = reused?.url ?? await freshBenchDatabase(o.adminUrl, `hw_bench_${o.scale}`);
  if (reused) {
    report.add('import into PostgreSQL', `not measured in this run: --reuse-database kept hw_bench_${o.scale} (${reused.rows.toLocaleString('en')} rows)`);
  } else if (o.scale === 'nation') {
    // a nation bundle does not fit the importer's memory (it checks the whole bundle at once): the
    // generator writes straight into the database through COPY, without the bundle's checks
    const r = await runNode('dist/seeds/cli.js', ['--scale', o.scale, '--seed', String(o.seed), '--database-url', url], {});
    const rows = await ledgerRows(url);
    report.add('generate + load into PostgreSQL (generator → COPY, no bundle checks)', `${rows.toLocaleString('en')} rows in ${(r.ms / 1000).toFixed(1)} s = ${perSecond(rows, r.ms)}, peak RSS ${mb(r.rss)}`);
  } else {
    const bundle = await bundleFor(o, report);
    const r = await runNode('dist/api/src/cli/main.js', ['import', bundle.dir], { DATABASE_URL: url });
    report.add('import into PostgreSQL (CLI import, every bundle check)', `${bundle.rows.toLocaleString('en')} rows in ${(r.ms / 1000).toFixed(1)} s = ${perSecond(bundle.rows, r.ms)}, peak RSS ${mb(r.rss)}`);
  }

  // ledger → DuckDB, and the recompute, in this process
  let db = await openDatabase({ databaseUrl: url, migrate: false });
  const engine = await AnalyticsEngine.create();
  const load = await engine.loadFromLedger(db.dataSource);
  report.add('ledger → DuckDB', `${load.rows.toLocaleString('en')} rows in ${load.ms} ms = ${perSecond(load.rows, load.ms)}`);
  const duck = [await timeDuckDb(engine)];
  for (let i = 1; i < o.runs; i++) duck.push(await timeDuckDb(engine));
  const duckMs = median(duck.map((r) => r.ms));
  report.add(`DuckDB full recompute, 8 months (median of ${o.runs})`, `${duckMs.toFixed(0)} ms (runs: ${duck.map((r) => r.ms.toFixed(0)).join(', ')})`);
  const parentOf = new Map<string, string>((await db.dataSource.query(`SELECT code, parent_code FROM units`)).map((r: { code: string; parent_code: string }) => [r.code, r.parent_code]));
  const december = (duck[0].figures[MONTHS.length - 1] as { scores: ScoresJson }).scores;
  report.add('rankings within each parent (2023-12)', rankingsWithinCities(december, parentOf));
  await engine.close();

  // the same definitions in PostgreSQL SQL (analytics/postgres), checked equal before they are timed
  const prepStarted = performance.now();
  await preparePostgres(db.dataSource);
  report.add('PostgreSQL: bench indexes + VACUUM ANALYZE', `${((performance.now() - prepStarted) / 1000).toFixed(1)} s`);
  await db.close();
  db = await openDatabase({ databaseUrl: url, migrate: false });
  const pgRuns = [await timePostgres(db)];
  const same = isDeepStrictEqual(JSON.parse(JSON.stringify(pgRuns[0].figures)), JSON.parse(JSON.stringify(duck[0].figures)));
  report.add('DuckDB and PostgreSQL SQL give identical figures (8 months, dispatch + scores)', same ? 'yes' : 'NO — see the figures');
  const pgRunCount = o.scale === 'nation' ? 1 : o.runs;
  for (let i = 1; i < pgRunCount; i++) pgRuns.push(await timePostgres(db));
  const pgMs = median(pgRuns.map((r) => r.ms));
  report.add(`PostgreSQL SQL full recompute, 8 months (median of ${pgRunCount})`, `${pgMs.toFixed(0)} ms (runs: ${pgRuns.map((r) => r.ms.toFixed(0)).join(', ')})`);
  report.add('PostgreSQL time ÷ DuckDB time (target ≥ 10 at nation scale)', `${(pgMs / duckMs).toFixed(2)}`);
  const plan = await explainHeaviest(db.dataSource, '2023-12');
  const planFile = path.join(PROJECT_ROOT, 'test/artifacts', `bench-${o.scale}-postgres-plan.txt`);
  fs.mkdirSync(path.dirname(planFile), { recursive: true });
  fs.writeFileSync(planFile, plan);
  report.add('PostgreSQL plan of the heaviest statement (EXPLAIN ANALYZE)', path.relative(PROJECT_ROOT, planFile));
  await db.close();

  // the API as users meet it, on the same database
  const server = await startServer({ DATABASE_URL: url });
  try {
    const cold = performance.now();
    const first = await server.get('/api/scores?month=2023-12');
    await first.arrayBuffer();
    report.add('GET /api/scores, first call (DuckDB load + compute)', `${(performance.now() - cold).toFixed(0)} ms (${first.status})`);
    // per parent and beside GET /api/health (scripts/bench/serving.ts), 50 connections, 10 s each
    await benchServing(server, report);
    await editUntilVisible(server, report);
  } finally {
    report.add('peak RSS of the server process', mb(await server.stop()));
  }
  report.add('peak RSS of the bench process (DuckDB copy, PostgreSQL client)', mb(process.resourceUsage().maxRSS * 1024));
}
