import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { PROJECT_ROOT } from './project-root.js';
import { LEDGER_TABLES } from './ledger-loader.js';
import type { LedgerSnapshot } from './ledger-refresh.js';

// The analytics copy kept in a DuckDB file between starts, so that a restart opens it and replays the
// ledger's change notes since its snapshot instead of reading the whole ledger again.
//
// The marker is the row of `analytics_copy`: the version of the definitions the file was built with, the
// ledger it was read from, and the snapshot it reflects. The marker is written in the DuckDB transaction
// that writes the rows (CopyOptions.stamp), and DuckDB's write-ahead log makes a transaction all or
// nothing across a crash: a file holds a committed copy with its own snapshot, or the one before it.
// Anything else (unreadable, another version, another ledger, a snapshot from the ledger's future) is
// thrown away and the copy is loaded whole: a slow start, never wrong figures.

/** Bumped when what the loader writes changes meaning without the SQL definitions changing. */
const FORMAT = 1;

const MARKER_TABLE = 'analytics_copy';

/** What the file says it holds; absent for a file that holds no complete copy yet. */
export interface StoredCopy {
  ledger: string;
  snapshot: LedgerSnapshot;
}

export interface OpenedCopy {
  instance: DuckDBInstance;
  /** the file's copy when its definitions are current; whether it fits the ledger is checked later */
  stored?: StoredCopy;
  /** the file was (re)created: the definitions must be run */
  fresh: boolean;
  /** why an existing file was thrown away, for the log */
  discarded?: string;
}

let versionCache: string | undefined;

/** The definitions' version: every SQL file of analytics/sql and the loader's FORMAT. */
export function definitionsVersion(): string {
  if (versionCache) return versionCache;
  const root = path.join(PROJECT_ROOT, 'analytics/sql');
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.sql') ? [path.join(dir, e.name)] : []);
  for (const file of walk(root).sort()) hash.update(`${path.relative(root, file)}\n`).update(fs.readFileSync(file)).update('\n');
  versionCache = hash.digest('hex');
  return versionCache;
}

function remove(file: string): void {
  for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
}

// DuckDB refuses a file another process holds open: that file is in use, not broken, and stays.
const isLockError = (e: unknown) => /lock/i.test(String((e as Error)?.message ?? e));

/**
 * Opens the copy's file, or makes a new one where there is none or what is there cannot be used (not a
 * DuckDB file, half-written beyond DuckDB's recovery, built by other definitions). Throws when another
 * process holds the file.
 */
export async function openCopyFile(file: string): Promise<OpenedCopy> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let discarded: string | undefined;
  if (fs.existsSync(file)) {
    let instance: DuckDBInstance | undefined;
    try {
      instance = await DuckDBInstance.create(file);
      const found = await readMarker(instance);
      if (found.version === definitionsVersion()) return { instance, stored: found.stored, fresh: false };
      discarded = found.version === undefined ? 'it holds no marker (a start that did not finish)' : 'it was built by other definitions';
    } catch (e) {
      if (isLockError(e)) throw e;
      discarded = `it cannot be read (${(e as Error).message.split('\n')[0]})`;
    }
    instance?.closeSync();
    remove(file);
  } else {
    // a log without its file would be replayed into the new one
    remove(file);
  }
  return { instance: await DuckDBInstance.create(file), fresh: true, discarded };
}

async function readMarker(instance: DuckDBInstance): Promise<{ version?: string; stored?: StoredCopy }> {
  const conn = await instance.connect();
  try {
    const exists = await conn.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE table_name = '${MARKER_TABLE}' AND schema_name = 'main'`);
    if (Number(exists.getRows()[0][0]) === 0) return {};
    const r = await conn.runAndReadAll(`SELECT version, ledger, snapshot FROM ${MARKER_TABLE}`);
    const rows = r.getRows() as (string | null)[][];
    if (rows.length !== 1) return {};
    const [version, ledger, snapshot] = rows[0];
    return { version: version ?? undefined, stored: ledger && snapshot ? { ledger, snapshot } : undefined };
  } finally {
    conn.closeSync();
  }
}

/** The marker of a new file, in the transaction that runs the definitions: it holds no copy yet. */
export async function createMarker(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE TABLE ${MARKER_TABLE} (version VARCHAR, ledger VARCHAR, snapshot VARCHAR)`);
  await conn.run(`INSERT INTO ${MARKER_TABLE} VALUES ($1, NULL, NULL)`, [definitionsVersion()]);
}

/** Records, in the caller's transaction, that the copy now reflects `snapshot` of `ledger`. */
export async function writeMarker(conn: DuckDBConnection, ledger: string, snapshot: LedgerSnapshot): Promise<void> {
  await conn.run(`UPDATE ${MARKER_TABLE} SET ledger = $1, snapshot = $2`, [ledger, snapshot]);
}

// Tables whose oids are part of the ledger's identity: a restore (pg_restore --clean) drops and makes
// them again, with rows loaded before their triggers exist, so no change note tells of it.
const IDENTITY_TABLES = [...LEDGER_TABLES, 'ledger_changes', 'ledger_changes_pruned'];

/**
 * Which ledger this is: the cluster's system identifier (unique to an initdb, PGlite's included), the
 * database's name and oid (a database dropped and made again gets a new one), the newest migration
 * (another schema of the ledger tables) and the oids of the ledger's tables (a restore made them anew,
 * writing rows that no change note records).
 */
export async function ledgerIdentity(ds: DataSource): Promise<string> {
  const [r] = await ds.query(`SELECT current_database() AS name,
      (SELECT oid::text FROM pg_database WHERE datname = current_database()) AS oid,
      (SELECT max("timestamp")::text FROM migrations) AS migration,
      (SELECT string_agg(coalesce(to_regclass(t)::oid::text, '-'), ',' ORDER BY i) FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i)) AS tables`,
    [IDENTITY_TABLES]);
  let system = 'unknown';
  try {
    // pg_monitor or a superuser may read it; a plain role still has the database's name and oid
    const [s] = await ds.query(`SELECT system_identifier::text AS id FROM pg_control_system()`);
    system = s.id as string;
  } catch {
    // keep 'unknown'
  }
  return JSON.stringify({ system, name: r.name, oid: r.oid, migration: r.migration, tables: r.tables });
}

/**
 * Whether the stored copy can be brought up to date from `ds` by its change notes: the same ledger, and
 * a snapshot that is not ahead of the ledger (a database restored from an older backup is).
 */
export async function fitsLedger(ds: DataSource, stored: StoredCopy, identity: string): Promise<string | undefined> {
  if (stored.ledger !== identity) return 'it was read from another database, or its tables were made again (a restore)';
  const [r] = await ds.query(
    `SELECT pg_snapshot_xmax($1::pg_snapshot) <= pg_snapshot_xmax(pg_current_snapshot()) AS ok`, [stored.snapshot]);
  return r.ok === true ? undefined : 'its snapshot is ahead of the database (restored from an older backup?)';
}
