// node dist/seeds/cli.js --scale city|province|nation [--seed N] (--out DIR | --database-url URL)
// Writes a generated bundle and prints its row counts. Refuses, before writing anything, when the
// disk that would hold DIR has too little free space for the scale (a nation run is ~2.5 GB).
// With --database-url the rows go straight into that PostgreSQL database (migrated first, its ledger
// empty) through COPY in one transaction, without the bundle checks: for benchmarks.
import { openDatabase } from '../api/src/database/data-source.js';
import { diskProblem } from './disk-check.js';
import { generateBundle, type GenerateResult, type Scale } from './generate/index.js';
import { seedDatabase } from './seed-database.js';

const USAGE = `usage: node dist/seeds/cli.js --scale city|province|nation [--seed N] (--out DIR | --database-url URL)
  --out DIR            write the generated ledger as a bundle folder (CSV files), to import or keep
  --database-url URL   write it straight into that PostgreSQL database instead (migrated first; its ledger
                       must be empty), through COPY in one transaction. For benchmarks: the bundle checks
                       (keys, references, date order) are skipped; PostgreSQL's constraints still apply.`;
const SCALES: readonly Scale[] = ['city', 'province', 'nation'];

function fail(message: string, status: number): never {
  process.stderr.write(`seeds: ${message}\n`);
  process.exit(status);
}

type Target = { out: string; databaseUrl?: undefined } | { out?: undefined; databaseUrl: string };

function parseArgs(argv: readonly string[]): { scale: Scale; seed: number } & Target {
  if (argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const opts = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (!['--scale', '--seed', '--out', '--database-url'].includes(key) || value === undefined) fail(`unexpected "${key}"\n${USAGE}`, 2);
    opts.set(key.slice(2), value);
  }
  const scale = (opts.get('scale') ?? 'city') as Scale;
  if (!SCALES.includes(scale)) fail(`unknown scale "${scale}"; use one of ${SCALES.join(', ')}`, 2);
  const seed = Number(opts.get('seed') ?? '1');
  if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer, got "${opts.get('seed')}"`, 2);
  const out = opts.get('out');
  const databaseUrl = opts.get('database-url');
  if (out && databaseUrl) fail(`give --out or --database-url, not both\n${USAGE}`, 2);
  if (databaseUrl) return { scale, seed, databaseUrl };
  if (!out) fail(`--out DIR or --database-url URL is required\n${USAGE}`, 2);
  return { scale, seed, out };
}

/** the rows and the seconds the write took (after the migrations) */
async function intoDatabase(url: string, scale: Scale, seed: number, onProgress: (rows: number) => void): Promise<[GenerateResult, number]> {
  const db = await openDatabase({ databaseUrl: url });
  try {
    const started = Date.now();
    const result = await seedDatabase(db.dataSource, { scale, seed, onProgress });
    return [result, (Date.now() - started) / 1000];
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const { scale, seed, out, databaseUrl } = parseArgs(process.argv.slice(2));
  if (out) {
    const noRoom = diskProblem(scale, out);
    if (noRoom) fail(noRoom, 1);
  }
  const started = Date.now();
  let reported = 0;
  const onProgress = (rows: number) => {
    if (process.stderr.isTTY && rows - reported >= 250_000) {
      reported = rows;
      process.stderr.write(`\r${rows.toLocaleString('en')} rows…`);
    }
  };
  const [result, seconds] = databaseUrl
    ? await intoDatabase(databaseUrl, scale, seed, onProgress)
    : [await generateBundle({ scale, seed, outDir: out, onProgress }), (Date.now() - started) / 1000];
  if (reported) process.stderr.write('\n');
  for (const [file, rows] of Object.entries(result.files)) process.stdout.write(`${`${file}.csv`.padEnd(24)}${String(rows).padStart(12)}\n`);
  process.stdout.write(`${'total'.padEnd(24)}${String(result.rows).padStart(12)}\n`);
  const rate = `${Math.round(result.rows / seconds).toLocaleString('en')} rows/s`;
  if (databaseUrl) process.stderr.write(`seeds: ${scale} ledger (seed ${seed}) written into ${new URL(databaseUrl).pathname.slice(1)} through COPY in ${seconds.toFixed(1)} s (${rate}, bundle checks skipped)\n`);
  else process.stderr.write(`seeds: ${scale} bundle (seed ${seed}) written to ${out} in ${seconds.toFixed(1)} s (${rate})\n`);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e), 1));
