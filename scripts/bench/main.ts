// npm run bench [-- --scale city|province|nation] [--runs N] [--seed N] [--part embedded|postgres|bundle]
//                  [--reuse-database] [--copy-load]
// Measures, in one run on this machine, what issues 6, 7 and 14 set targets for, and prints one table.
// Never asserted: the figures are reported (docs/scale-out.md records them with the date and load average).
// city: the embedded first start and the dashboard in Chromium, then the PostgreSQL bench on the city
// ledger; province and nation: the PostgreSQL bench (BENCH_DATABASE_URL, default the local server),
// filled by the CLI `import` of the generated bundle (every check), or with --copy-load by the
// generator's COPY path (no bundle checks). --part bundle only writes the bundle (kept for later runs in
// BENCH_DIR or the system's temporary folder).
import type { Scale } from '../../seeds/generate/index.js';
import { benchEmbeddedCity } from './embedded-city.js';
import { bundleFor } from './ledger-setup.js';
import { benchOnPostgres } from './postgres-scale.js';
import { Report } from './report.js';

const SCALES: Scale[] = ['city', 'province', 'nation'];
const PARTS = ['all', 'embedded', 'postgres', 'bundle'];

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const scale = option('scale', 'city') as Scale;
  const part = option('part', 'all');
  if (!SCALES.includes(scale) || !PARTS.includes(part)) {
    console.error(`--scale ${scale} --part ${part}: use a scale of ${SCALES.join(', ')} and a part of ${PARTS.join(', ')}`);
    process.exit(2);
  }
  const runs = Number(option('runs', '3'));
  const seed = Number(option('seed', '1'));
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const report = new Report();
  try {
    if (part === 'bundle') await bundleFor({ scale, seed }, report);
    if (scale === 'city' && (part === 'all' || part === 'embedded')) await benchEmbeddedCity(report);
    if (part === 'all' || part === 'postgres') {
      await benchOnPostgres({ scale, seed, runs, adminUrl, reuseDatabase: process.argv.includes('--reuse-database'), copyLoad: process.argv.includes('--copy-load') }, report);
    }
  } finally {
    report.print(`scale ${scale}, seed ${seed}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
