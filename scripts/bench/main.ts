// npm run bench [-- --scale city|province|nation] [--runs N] [--seed N] [--part embedded|postgres] [--reuse-database]
// Measures, in one run on this machine, what issues 6 and 7 set targets for, and prints one table.
// Never asserted: the figures are reported (docs/scale-out.md records them with the date and machine).
// city: the embedded first start and the dashboard in Chromium, then the PostgreSQL bench on the city
// ledger; province and nation: the PostgreSQL bench (BENCH_DATABASE_URL, default the local server).
import type { Scale } from '../../seeds/generate/index.js';
import { benchEmbeddedCity } from './embedded-city.js';
import { benchOnPostgres } from './postgres-scale.js';
import { Report } from './report.js';

const SCALES: Scale[] = ['city', 'province', 'nation'];

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const scale = option('scale', 'city') as Scale;
  if (!SCALES.includes(scale)) {
    console.error(`--scale ${scale}: use one of ${SCALES.join(', ')}`);
    process.exit(2);
  }
  const runs = Number(option('runs', '3'));
  const seed = Number(option('seed', '1'));
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const report = new Report();
  const part = option('part', 'all');
  if (scale === 'city' && part !== 'postgres') await benchEmbeddedCity(report);
  if (part !== 'embedded') await benchOnPostgres({ scale, seed, runs, adminUrl, reuseDatabase: process.argv.includes('--reuse-database') }, report);
  report.print(`scale ${scale}, seed ${seed}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
