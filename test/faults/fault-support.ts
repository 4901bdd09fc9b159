import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { readEnv } from '../../api/src/config/env.js';
import { openLedger } from '../../api/src/database/open-ledger.js';

// Helpers of the fault tests: the compiled CLI run as a child that can be killed, and a digest of the
// whole database read in one read-only transaction.

const MAIN = path.resolve('dist/api/src/cli/main.js');

export interface Run {
  child: ReturnType<typeof spawn>;
  /** ms since the spawn when the child ended */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }>;
}

/** Starts the compiled CLI with only the database variables given (the test's own are removed). */
export function startCli(args: string[], env: Record<string, string>): Run {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<Awaited<Run['done']>>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
  return { child, done };
}

/** Runs the CLI to its end; fails with its output when it does not exit 0. */
export async function runCli(args: string[], env: Record<string, string>): Promise<Awaited<Run['done']>> {
  const r = await startCli(args, env).done;
  if (r.code !== 0) throw new Error(`cli ${args.join(' ')} exited ${r.code ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Table name → "rows:md5" of its rows as JSON, ordered. */
export type Digest = Record<string, string>;

// `content` digests compare one database with another, so they leave out what records where and when a
// row landed rather than what it says: columns the database fills from a function at insert time (bigserial
// ids: PostgreSQL does not roll a sequence back, so rows written after a killed import get higher ids;
// now(); the writing transaction's id) and the audit log's hashes, which cover its id and time, as do
// the audit checkpoints' time, head hash and signature.
const PLACEMENT_SQL = `SELECT column_name::text AS c FROM information_schema.columns
  WHERE table_schema = 'public' AND table_name = $1 AND (column_default ~ '\\w\\(' OR (table_name = 'audit_log' AND column_name IN ('hash', 'prev_hash'))
    OR (table_name = 'audit_checkpoints' AND column_name IN ('created_at', 'head_hash', 'signature')))`;

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

async function digestWith(query: Query, content: boolean): Promise<Digest> {
  await query('SET TRANSACTION READ ONLY');
  const tables = await query(`SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
  const out: Digest = {};
  for (const { t } of tables) {
    const left = content ? (await query(PLACEMENT_SQL, [t])).map((r) => String(r.c)) : [];
    let row = `row_to_json(x)::jsonb - $1::text[]`;
    // the change log (ledger_changes, for the incremental refresh) notes each written row's key, which is a bigserial id in four tables
    if (content && t === 'ledger_changes') row = `jsonb_set(${row}, '{pk}', coalesce(x.pk - 'id', 'null'::jsonb))`;
    const [r] = await query(
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(j, E'\\n' ORDER BY j COLLATE "C")), '-') AS h
       FROM (SELECT (${row})::text AS j FROM "${String(t)}" x) s`,
      [left],
    );
    out[String(t)] = `${r.n}:${r.h}`;
  }
  return out;
}

/** Digest of a PostgreSQL database, read in one read-only transaction on a connection of its own. */
export async function postgresDigest(url: string, content = false): Promise<Digest> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    const d = await digestWith(async (sql, params) => (await c.query(sql, params)).rows, content);
    await c.query('COMMIT');
    return d;
  } finally {
    await c.end();
  }
}

/** DATA_DIR's entries but the audit trail's files (its key and checkpoint mirror), which belong there. */
export function dataDirEntries(dataDir: string): string[] {
  return fs.readdirSync(dataDir).filter((e) => e !== 'audit.key' && e !== 'audit-checkpoints.jsonl').sort();
}

/**
 * Opens an embedded DATA_DIR as the product does for a reading command (the lock, then the removal of
 * what killed writers left) and digests it in one read-only transaction. Returns the folder's entries
 * as they were while it was open (LOCK is then ours).
 */
export async function embeddedDigest(dataDir: string, content = false): Promise<{ digest: Digest; entries: string[] }> {
  const session = await openLedger(readEnv({ DATA_DIR: dataDir }), 'read');
  try {
    const entries = dataDirEntries(dataDir);
    const runner = session.db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      const digest = await digestWith((sql, params) => runner.query(sql, params), content);
      await runner.commitTransaction();
      return { digest, entries };
    } finally {
      await runner.release();
    }
  } finally {
    await session.close();
  }
}

/** Rows in every table of a digest. */
export const digestRows = (d: Digest): number => Object.values(d).reduce((n, v) => n + Number(v.split(':')[0]), 0);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every `every` ms until it returns true; fails after `timeout` ms saying `what`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeout = 30_000, every = 20): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(every);
  }
}

/** One statement on a connection of its own (CREATE DATABASE, DROP DATABASE). */
export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
