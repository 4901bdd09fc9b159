// GET /api/scores as readers meet it (a browser's Accept-Encoding), per parent, beside GET /api/health in the same run (the framework's
// own cost, plus the health probe's SELECT 1): 50 connections each, p50/p95/p99 and the answer's size.
// Beside each: the server process's CPU per request (/proc utime + stime ÷ requests), which is what the
// p95 of a closed loop of 50 connections follows (50 requests queued × the CPU of each), and is steadier
// than the wall clock on a shared machine.
// Called by postgres-scale.ts; alone: node dist/scripts/bench/serving.js (--database-url URL | --data-dir DIR)
//   [--seconds 10] [--main dist/api/src/main.js: another build of the server, to compare]
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { latencyText, loadTest } from './load.js';
import { mb, Report } from './report.js';
import { startServer, type BenchServer } from './server.js';

const MONTH = '2023-08';

/** what a browser sends with every request: the ranking is read compressed, as readers meet it */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

/** a load of 50 connections, with the server's and the load generator's CPU per request */
async function measured(server: BenchServer, path: string, headers: Record<string, string>, seconds: number): Promise<string> {
  return `${latencyText(await loadTest(`${server.base}${path}`, headers, 50, seconds, server.pid))}; load average ${os.loadavg()[0].toFixed(1)}`;
}

export async function benchServing(server: BenchServer, report: Report, seconds = 10): Promise<void> {
  const units = (await (await server.get('/api/units')).json()) as { code: string }[];
  const has = (code: string) => units.some((u) => u.code === code);
  const asks = [
    ['default parent (the user\'s city)', ''],
    ...(has('140500') ? [['parent=140500 (Jincheng)', '&parent=140500']] : []),
    ...(has('140000') && units.length > 20 ? [['parent=140000 (a province)', '&parent=140000']] : []),
    ...(has('100000') && units.length > 200 ? [['parent=100000 (the nation)', '&parent=100000']] : []),
    ['parent=all, page 1 of 100', '&parent=all'],
    ['parent=all, pageSize=500', '&parent=all&pageSize=500'],
  ];
  await loadTest(`${server.base}/api/scores?month=${MONTH}`, server.auth, 10, 2); // warm-up (JIT): the first load measured was always the slowest
  report.add('load average before the GET loads', os.loadavg().map((x) => x.toFixed(2)).join(' '));
  for (const [what, q] of asks) {
    const path = `/api/scores?month=${MONTH}${q}`;
    const first = await server.get(path);
    const bytes = (await first.arrayBuffer()).byteLength; // fetch decompresses: the JSON's size
    const { total } = (await (await server.get(path)).json()) as { total: number };
    const sent = await server.get(path, BROWSER);
    const wire = `${(Number(sent.headers.get('content-length')) / 1024).toFixed(1)} KB ${sent.headers.get('content-encoding') ?? 'uncompressed'}`;
    await sent.arrayBuffer();
    report.add(`GET /api/scores ${what}: p50 / p95 / p99`, `${await measured(server, path, { ...server.auth, ...BROWSER }, seconds)}; ${total} units under the parent, this page ${(bytes / 1024).toFixed(1)} KB of JSON, ${wire} on the wire`);
  }
  const etag = (await server.get(`/api/scores?month=${MONTH}`)).headers.get('etag')!;
  // autocannon counts a 304 as an error (not 2xx): every request here is one
  report.add('GET /api/scores default parent, If-None-Match → 304 (each counted as an error): p50 / p95 / p99', await measured(server, `/api/scores?month=${MONTH}`, { ...server.auth, 'if-none-match': etag }, seconds));
  report.add('GET /api/health (no token; the database probed at most once a second): p50 / p95 / p99', await measured(server, '/api/health', {}, seconds));
  report.add('load average after the GET loads', os.loadavg().map((x) => x.toFixed(2)).join(' '));
}

async function main(): Promise<void> {
  const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : undefined; };
  const url = arg('database-url');
  const dataDir = arg('data-dir');
  if (!url && !dataDir) throw new Error('--database-url URL (a PostgreSQL database holding a ledger) or --data-dir DIR (an embedded DATA_DIR)');
  const report = new Report();
  const main = arg('main');
  const server = await startServer(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir! }, main ? path.resolve(main) : undefined);
  report.add('server', `${main ?? 'dist/api/src/main.js'} on ${url ? url.replace(/\/\/[^@]*@/, '//') : `the embedded folder ${dataDir}`}`);
  try {
    const cold = performance.now();
    await (await server.get(`/api/scores?month=${MONTH}`)).arrayBuffer();
    report.add('first GET /api/scores (DuckDB load + compute)', `${(performance.now() - cold).toFixed(0)} ms`);
    await benchServing(server, report, Number(arg('seconds') ?? 10));
  } finally {
    report.add('peak RSS of the server process', mb(await server.stop()));
  }
  report.print('GET /api/scores per parent and /api/health');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
