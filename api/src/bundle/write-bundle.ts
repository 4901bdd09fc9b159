import type pg from 'pg';
import type { EntityManager } from 'typeorm';
import { copyCapableClient } from '../../../analytics/src/pg-copy.js';
import { appendAudit, type AuditEntry } from '../audit/audit-chain.js';
import { importEntries } from '../audit/import-entries.js';
import { sqlType, type FileSpec } from './bundle-files.js';
import { keyOf, sameValue, type BundleFile, type Row } from './bundle-records.js';
import { chunked, copyIn, copyLine } from './copy-rows.js';
import type { KeyedTable, LedgerState } from './ledger-state.js';
import { BULK_ROWS, withConstraintsSetAside, worthSettingAside } from './set-aside-constraints.js';

export interface FileCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface WriteOptions {
  actor: string;
  onProgress?: (done: number, total: number) => void;
  /** new rows of one file from which its table's foreign keys and indexes are rebuilt after the load (set-aside-constraints.ts) */
  bulkRows?: number;
}

// On a PostgreSQL server a file's new rows and its corrections each go through COPY into a temporary
// staging table, then one INSERT … SELECT (ON CONFLICT DO NOTHING) or UPDATE … FROM: one statement a
// file, whatever its size. PGlite's driver adapter has no COPY streams: there, one statement per CHUNK
// rows, the rows passed as one jsonb parameter (no limit on parameters, the same SQL as the server's).
const CHUNK = 5000;

const recordset = (spec: FileSpec) => `jsonb_to_recordset($1::jsonb) AS v(${spec.columns.map((c) => `"${c.name}" ${sqlType(c)}`).join(', ')})`;

function insertSql(spec: FileSpec): string {
  const cols = spec.columns.map((c) => `"${c.name}"`).join(', ');
  return `INSERT INTO ${spec.table} (${cols}) SELECT ${cols} FROM ${recordset(spec)} ON CONFLICT DO NOTHING RETURNING 1 AS inserted`;
}

function updateSql(spec: FileSpec, columns: string[]): string {
  const set = columns.map((c) => `"${c}" = v."${c}"`).join(', ');
  const match = spec.key.map((k) => `t."${k}" = v."${k}"`).join(' AND ');
  return `UPDATE ${spec.table} AS t SET ${set} FROM ${recordset(spec)} WHERE ${match}`;
}

const stageColumns = (spec: FileSpec) => spec.columns.map((c) => `"${c.name}" ${sqlType(c)}`).join(', ');

/** Copies rows into a new temporary table (dropped at commit) shaped like the file; returns its name. */
async function stage(client: pg.ClientBase, spec: FileSpec, purpose: 'new' | 'corrected', rows: Row[], progress: (n: number) => void): Promise<string> {
  const name = `bundle_${purpose}_${spec.table}`;
  await client.query(`DROP TABLE IF EXISTS ${name}; CREATE TEMP TABLE ${name} (${stageColumns(spec)}) ON COMMIT DROP`);
  await copyIn(client, name, spec.columns.map((c) => c.name), copyLines(spec, rows, progress));
  return name;
}

const copyLines = (spec: FileSpec, rows: Row[], progress: (n: number) => void) => {
  const columns = spec.columns.map((c) => c.name);
  const lines = function* () {
    for (const r of rows) yield copyLine(r, columns);
  };
  return chunked(lines(), progress);
};

async function insertByCopy(client: pg.ClientBase, spec: FileSpec, rows: Row[], progress: (n: number) => void, bulkRows: number): Promise<number> {
  if (await worthSettingAside(client, spec.table, rows.length, bulkRows)) {
    const [probe] = (await client.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${spec.table}) AS empty`)).rows;
    // into an empty table (a first import, the bench's nation) nothing can conflict: the checks refused
    // keys given twice, so the rows go straight in by COPY, not through a staging table and a second copy
    if (probe?.empty) {
      await client.query('SET CONSTRAINTS ALL IMMEDIATE');
      return withConstraintsSetAside(client, spec.table, () => copyIn(client, spec.table, spec.columns.map((c) => c.name), copyLines(spec, rows, progress)));
    }
  }
  const staged = await stage(client, spec, 'new', rows, progress);
  const cols = spec.columns.map((c) => `"${c.name}"`).join(', ');
  // in the staging table's order, which is the file's: serial ids follow the bundle as before
  const insert = async () => (await client.query(`INSERT INTO ${spec.table} (${cols}) SELECT ${cols} FROM ${staged} ON CONFLICT DO NOTHING`)).rowCount ?? 0;
  if (!(await worthSettingAside(client, spec.table, rows.length, bulkRows))) return insert();
  // ALTER TABLE refuses while deferred checks (a unit's parent, an enterprise's parent) are pending: run
  // them now; each file's rows are all in, and those references stay within their own file
  await client.query('SET CONSTRAINTS ALL IMMEDIATE');
  return withConstraintsSetAside(client, spec.table, insert);
}

async function updateByCopy(client: pg.ClientBase, spec: FileSpec, columns: string[], rows: Row[], progress: (n: number) => void): Promise<void> {
  const staged = await stage(client, spec, 'corrected', rows, progress);
  const set = columns.map((c) => `"${c}" = v."${c}"`).join(', ');
  const match = spec.key.map((k) => `t."${k}" = v."${k}"`).join(' AND ');
  await client.query(`UPDATE ${spec.table} AS t SET ${set} FROM ${staged} AS v WHERE ${match}`);
}

function recordKey(spec: FileSpec, row: Row): string {
  return spec.key.length === 1 ? String(row[spec.key[0]]) : keyOf(spec, row);
}

const pick = (row: Row, columns: string[]): Row => Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));

/**
 * Writes a checked bundle: new rows are inserted, a known key with other values is a correction
 * (UPDATE of the columns the file has, with an audit entry), a known key with the same values is left
 * alone. Nothing is deleted. Runs inside the import's transaction.
 */
export async function writeBundle(m: EntityManager, files: BundleFile[], state: LedgerState, opts: WriteOptions): Promise<Record<string, FileCounts>> {
  const total = files.reduce((n, f) => n + f.records.length, 0);
  let done = 0;
  const progress = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };
  opts.onProgress?.(0, total);
  const counts: Record<string, FileCounts> = {};
  const audit: AuditEntry[] = [];
  const client = await copyCapableClient(m);
  for (const f of files) {
    const spec = f.spec;
    const c: FileCounts = { inserted: 0, updated: 0, unchanged: 0 };
    counts[spec.file] = c;
    const inserts: Row[] = [];
    const updates: Row[] = [];
    const keyed = (state.keyed as Partial<Record<string, Map<string, { db?: Row }>>>)[spec.table as KeyedTable];
    for (const r of f.records) {
      const db = keyed?.get(keyOf(spec, r.row))?.db;
      if (!db) {
        inserts.push(r.row);
        continue;
      }
      const changed = spec.columns.map((col) => col.name).filter((col) => r.present.has(col) && !sameValue(r.row[col], db[col]));
      // a changed inspection was refused by the checks; corrections are for correctable files only
      if (changed.length === 0 || !spec.correctable) {
        c.unchanged++;
        continue;
      }
      updates.push(r.row);
      audit.push({ actor: opts.actor, action: 'bundle.correct', tableName: spec.table, recordKey: recordKey(spec, r.row), before: pick(db, changed), after: pick(r.row, changed) });
    }
    const setColumns = spec.columns.map((col) => col.name).filter((col) => f.present.has(col) && !spec.key.includes(col));
    if (client) {
      if (inserts.length) {
        const inserted = await insertByCopy(client, spec, inserts, progress, opts.bulkRows ?? BULK_ROWS);
        c.inserted += inserted;
        c.unchanged += inserts.length - inserted;
      }
      if (updates.length) {
        await updateByCopy(client, spec, setColumns, updates, progress);
        c.updated += updates.length;
      }
      progress(f.records.length - inserts.length - updates.length);
      continue;
    }
    for (let i = 0; i < inserts.length; i += CHUNK) {
      const chunk = inserts.slice(i, i + CHUNK);
      const written: unknown[] = await m.query(insertSql(spec), [JSON.stringify(chunk)]);
      c.inserted += written.length;
      c.unchanged += chunk.length - written.length;
      progress(chunk.length);
    }
    for (let i = 0; i < updates.length; i += CHUNK) {
      const chunk = updates.slice(i, i + CHUNK);
      await m.query(updateSql(spec, setColumns), [JSON.stringify(chunk)]);
      c.updated += chunk.length;
      progress(chunk.length);
    }
    progress(f.records.length - inserts.length - updates.length);
  }
  // the import's own entries (one per file: digest, keys brought in) after the corrections' (audit/import-entries.ts)
  await appendAudit(m, [...audit, ...importEntries(opts.actor, files, state, audit, counts)]);
  return counts;
}
