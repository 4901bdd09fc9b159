// node dist/seeds/cli.js --scale city|province|nation [--seed N] --out DIR
// Writes a generated bundle and prints its row counts. Refuses, before writing anything, when the
// disk that would hold DIR has too little free space for the scale (a nation run is ~2.5 GB).
import { diskProblem } from './disk-check.js';
import { generateBundle, type Scale } from './generate/index.js';

const USAGE = 'usage: node dist/seeds/cli.js --scale city|province|nation [--seed N] --out DIR';
const SCALES: readonly Scale[] = ['city', 'province', 'nation'];

function fail(message: string, status: number): never {
  process.stderr.write(`seeds: ${message}\n`);
  process.exit(status);
}

function parseArgs(argv: readonly string[]): { scale: Scale; seed: number; out: string } {
  const opts = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (!['--scale', '--seed', '--out'].includes(key) || value === undefined) fail(`unexpected "${key}"\n${USAGE}`, 2);
    opts.set(key.slice(2), value);
  }
  const scale = (opts.get('scale') ?? 'city') as Scale;
  if (!SCALES.includes(scale)) fail(`unknown scale "${scale}"; use one of ${SCALES.join(', ')}`, 2);
  const seed = Number(opts.get('seed') ?? '1');
  if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer, got "${opts.get('seed')}"`, 2);
  const out = opts.get('out');
  if (!out) fail(`--out DIR is required\n${USAGE}`, 2);
  return { scale, seed, out };
}

async function main(): Promise<void> {
  const { scale, seed, out } = parseArgs(process.argv.slice(2));
  const noRoom = diskProblem(scale, out);
  if (noRoom) fail(noRoom, 1);
  const started = Date.now();
  let reported = 0;
  const result = await generateBundle({
    scale, seed, outDir: out,
    onProgress: (rows) => {
      if (process.stderr.isTTY && rows - reported >= 250_000) {
        reported = rows;
        process.stderr.write(`\r${rows.toLocaleString('en')} rows…`);
      }
    },
  });
  if (reported) process.stderr.write('\n');
  for (const [file, rows] of Object.entries(result.files)) process.stdout.write(`${`${file}.csv`.padEnd(24)}${String(rows).padStart(12)}\n`);
  process.stdout.write(`${'total'.padEnd(24)}${String(result.rows).padStart(12)}\n`);
  process.stderr.write(`seeds: ${scale} bundle (seed ${seed}) written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e), 1));
