// DuckDB and PostgreSQL SQL recompute side by side on an existing ledger database, read only (no import,
// no index or VACUUM: the database is left as found): the figures checked identical, then timed.
//   node dist/scripts/bench/recompute-side-by-side.js DATABASE_URL [--runs N]
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_SCHEME } from '../../analytics/src/default-scheme.js';
import { AnalyticsEngine } from '../../analytics/src/engine.js';
import { postgresFigures } from '../../analytics/src/postgres-figures.js';
import { openDatabase } from '../../api/src/database/data-source.js';
import { MONTHS } from './recompute.js';

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpu: number; value: T }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpu: (used.user + used.system) / 1000, value };
}

async function main(): Promise<void> {
  const [url, ...rest] = process.argv.slice(2);
  const runs = Number(rest[rest.indexOf('--runs') + 1] ?? '3') || 3;
  const db = await openDatabase({ databaseUrl: url, migrate: false });
  const engine = await AnalyticsEngine.create();
  const load = await timed(() => engine.loadFromLedger(db.dataSource));
  console.log(`ledger → DuckDB with derived tables: ${load.value.rows.toLocaleString('en')} rows in ${load.ms.toFixed(0)} ms`);
  const duck = [];
  for (let i = 0; i < runs; i++) duck.push(await timed(() => engine.figures(MONTHS, DEFAULT_SCHEME)));
  const pg = [];
  for (let i = 0; i < runs; i++) pg.push(await timed(() => postgresFigures(db.dataSource, MONTHS)));
  const same = isDeepStrictEqual(JSON.parse(JSON.stringify(duck[0].value)), JSON.parse(JSON.stringify(pg[0].value)));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const dm = median(duck.map((r) => r.ms));
  const pm = median(pg.map((r) => r.ms));
  console.log(`identical figures (8 months, dispatch + scores): ${same ? 'yes' : 'NO'}`);
  console.log(`DuckDB: median ${dm.toFixed(0)} ms (runs ${duck.map((r) => r.ms.toFixed(0)).join(', ')}; this process's CPU ${duck.map((r) => r.cpu.toFixed(0)).join(', ')} ms)`);
  console.log(`PostgreSQL SQL: median ${pm.toFixed(0)} ms (runs ${pg.map((r) => r.ms.toFixed(0)).join(', ')})`);
  console.log(`ratio ${(pm / dm).toFixed(2)}; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await engine.close();
  await db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
