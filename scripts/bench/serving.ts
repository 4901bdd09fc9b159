// GET /api/scores as readers meet it, per parent, beside GET /api/health in the same run (the framework's
// own cost, plus the health probe's SELECT 1): 50 connections each, p50/p95/p99 and the answer's size.
// Called by postgres-scale.ts; alone: node dist/scripts/bench/serving.js --database-url URL [--seconds 10]
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { latencyText, loadTest } from './load.js';
import { mb, Report } from './report.js';
import { startServer, type BenchServer } from './server.js';

const MONTH = '2023-08';

export async function benchServing(server: BenchServer, report: Report, seconds = 10): Promise<void> {
  const units = (await (await server.get('/api/units')).json()) as { code: string }[];
  const has = (code: string) => units.some((u) => u.code === code);
  const asks = [
    ['default parent (the user\'s city)', ''],
    ...(has('140500') ? [['parent=140500 (Jincheng)', '&parent=140500']] : []),
    ...(has('140000') && units.length > 20 ? [['parent=140000 (a province)', '&parent=140000']] : []),
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
    report.add(`GET /api/scores ${what}: p50 / p95 / p99`, `${latencyText(await loadTest(`${server.base}${path}`, server.auth, 50, seconds))}; ${total} units under the parent, this page ${(bytes / 1024).toFixed(1)} KB of JSON`);
  }
  const etag = (await server.get(`/api/scores?month=${MONTH}`)).headers.get('etag')!;
  // autocannon counts a 304 as an error (not 2xx): every request here is one
  report.add('GET /api/scores default parent, If-None-Match → 304 (each counted as an error): p50 / p95 / p99', latencyText(await loadTest(`${server.base}/api/scores?month=${MONTH}`, { ...server.auth, 'if-none-match': etag }, 50, seconds)));
  report.add('GET /api/health (no token; SELECT 1): p50 / p95 / p99', latencyText(await loadTest(`${server.base}/api/health`, {}, 50, seconds)));
  report.add('load average after the GET loads', os.loadavg().map((x) => x.toFixed(2)).join(' '));
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--database-url');
  const j = process.argv.indexOf('--seconds');
  if (i < 0) throw new Error('--database-url URL: a PostgreSQL database holding a ledger');
  const report = new Report();
  const server = await startServer({ DATABASE_URL: process.argv[i + 1] });
  try {
    const cold = performance.now();
    await (await server.get(`/api/scores?month=${MONTH}`)).arrayBuffer();
    report.add('first GET /api/scores (DuckDB load + compute)', `${(performance.now() - cold).toFixed(0)} ms`);
    await benchServing(server, report, j >= 0 ? Number(process.argv[j + 1]) : 10);
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
