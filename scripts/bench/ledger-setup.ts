// The bench's ledger: the generated bundle (kept between runs), the bench database on PostgreSQL, and the
// import that fills it — the CLI `import` with every bundle check, or the generator's COPY path when asked.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../../analytics/src/project-root.js';
import { openDatabase } from '../../api/src/database/data-source.js';
import { generateBundle, type Scale } from '../../seeds/generate/index.js';
import { mb, perSecond, type Report, watchPeakRss } from './report.js';

export interface LedgerOptions {
  scale: Scale;
  seed: number;
  /** PostgreSQL server to create the bench database on */
  adminUrl: string;
  /** keep a bench database that already holds this scale's ledger (the import is then not measured) */
  reuseDatabase?: boolean;
  /** fill the database with the generator's COPY path (no bundle checks) instead of the CLI import */
  copyLoad?: boolean;
}

/**
 * Where a scale's bench keeps its files, outside the clone so that a fresh clone finds them too:
 * BENCH_DIR, else the system's temporary folder. `bundle/` is the generated bundle (minutes to write at
 * nation scale), `data/` the DATA_DIR of the import and the server (the audit key, and whatever the
 * server keeps beside its data), tied to the bench database.
 */
export function benchHome(o: Pick<LedgerOptions, 'scale' | 'seed'>): { home: string; bundleDir: string; dataDir: string } {
  const home = path.join(process.env.BENCH_DIR ?? os.tmpdir(), `hw-bench-${o.scale}-seed${o.seed}`);
  return { home, bundleDir: path.join(home, 'bundle'), dataDir: path.join(home, 'data') };
}

const du = (dir: string): number => fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);

/** The generated bundle for (scale, seed), kept between runs: a nation bundle takes minutes to write. */
export async function bundleFor(o: Pick<LedgerOptions, 'scale' | 'seed'>, report: Report): Promise<{ dir: string; rows: number }> {
  const { home, bundleDir: dir } = benchHome(o);
  // beside the bundle, not in it: a bundle folder holds only the bundle's files
  const done = path.join(home, 'complete.json');
  if (fs.existsSync(done)) {
    const { rows } = JSON.parse(fs.readFileSync(done, 'utf8')) as { rows: number };
    report.add('generated bundle', `${rows.toLocaleString('en')} rows, ${mb(du(dir))} of CSV (kept from an earlier run in ${dir})`);
    return { dir, rows };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(home, { recursive: true });
  const started = performance.now();
  const r = await generateBundle({ scale: o.scale, seed: o.seed, outDir: dir });
  const ms = performance.now() - started;
  fs.writeFileSync(done, JSON.stringify({ rows: r.rows, files: r.files }));
  report.add('generated bundle', `${r.rows.toLocaleString('en')} rows in ${(ms / 1000).toFixed(1)} s (${perSecond(r.rows, ms)}), ${mb(du(dir))} of CSV in ${dir}`);
  return { dir, rows: r.rows };
}

export const dbUrl = (admin: string, name: string): string => {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
};

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

const LEDGER_TABLES = ['units', 'enterprises', 'leaders', 'inspections', 'findings', 'hazards', 'actions', 'leader_inspections', 'assignments', 'feedback', 'drills', 'submissions'];

export async function ledgerRows(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT ${LEDGER_TABLES.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')} AS n`);
    return Number(rows[0].n);
  } finally {
    await c.end();
  }
}

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

/** Runs a compiled entry point to its end; its wall time and peak memory. */
function runNode(script: string, args: string[], env: Record<string, string>): Promise<{ ms: number; rss?: number; out: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

/**
 * Right after a bulk import, every row still needs its hint bits set and autovacuum soon works through the
 * new rows beside whatever runs; a load measured then reads a ledger no server sees for long (824 k
 * against 0.90-0.95 M rows/s an hour later at nation). The bench vacuums the ledger itself, timed, so
 * that what follows measures the settled ledger, and says so.
 */
async function settleLedger(url: string, report: Report): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const started = performance.now();
  try {
    for (const t of LEDGER_TABLES) await c.query(`VACUUM (ANALYZE) ${t}`);
  } finally {
    await c.end();
  }
  report.add('settle the imported ledger (VACUUM (ANALYZE) of its tables; not part of the import)', `${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The bench database with the scale's ledger in it, its import measured unless it was kept. */
export async function benchLedger(o: LedgerOptions, report: Report): Promise<{ url: string; dataDir: string }> {
  const name = `hw_bench_${o.scale}`;
  const { dataDir } = benchHome(o);
  const reused = o.reuseDatabase ? await existingLedger(o.adminUrl, name) : undefined;
  if (reused) {
    report.add('import into PostgreSQL', `not measured in this run: --reuse-database kept ${name} (${reused.rows.toLocaleString('en')} rows)`);
    return { url: reused.url, dataDir };
  }
  // the data folder belongs to the database (its audit key signed the import): a new database, a new folder
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const url = await freshBenchDatabase(o.adminUrl, name);
  if (o.copyLoad) {
    const r = await runNode('dist/seeds/cli.js', ['--scale', o.scale, '--seed', String(o.seed), '--database-url', url], { DATA_DIR: dataDir });
    const rows = await ledgerRows(url);
    report.add('generate + load into PostgreSQL (--copy-load: generator → COPY, no bundle checks)', `${rows.toLocaleString('en')} rows in ${(r.ms / 1000).toFixed(1)} s = ${perSecond(rows, r.ms)}, peak RSS ${mb(r.rss)}`);
    return { url, dataDir };
  }
  const bundle = await bundleFor(o, report);
  const r = await runNode('dist/api/src/cli/main.js', ['import', bundle.dir], { DATABASE_URL: url, DATA_DIR: dataDir });
  const rows = await ledgerRows(url);
  const same = rows === bundle.rows ? '' : ` — the database holds ${rows.toLocaleString('en')} ledger rows`;
  report.add('import into PostgreSQL (CLI import, every bundle check)', `${bundle.rows.toLocaleString('en')} rows in ${(r.ms / 1000).toFixed(1)} s = ${perSecond(bundle.rows, r.ms)}, peak RSS ${mb(r.rss)}${same}`);
  await settleLedger(url, report);
  return { url, dataDir };
}
