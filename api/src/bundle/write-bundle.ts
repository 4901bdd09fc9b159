import type { EntityManager } from 'typeorm';
import { appendAudit, type AuditEntry } from '../audit/audit-chain.js';
import { sqlType, type FileSpec } from './bundle-files.js';
import { keyOf, sameValue, type BundleFile, type Row } from './bundle-records.js';
import type { KeyedTable, LedgerState } from './ledger-state.js';

export interface FileCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface WriteOptions {
  actor: string;
  onProgress?: (done: number, total: number) => void;
}

// One statement per CHUNK rows, the rows passed as one jsonb parameter: no limit on parameters, one
// round trip per five thousand rows, and the same SQL on PostgreSQL and PGlite. (COPY would need pg-copy-streams.)
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
    for (let i = 0; i < inserts.length; i += CHUNK) {
      const chunk = inserts.slice(i, i + CHUNK);
      const written: unknown[] = await m.query(insertSql(spec), [JSON.stringify(chunk)]);
      c.inserted += written.length;
      c.unchanged += chunk.length - written.length;
      progress(chunk.length);
    }
    const setColumns = spec.columns.map((col) => col.name).filter((col) => f.present.has(col) && !spec.key.includes(col));
    for (let i = 0; i < updates.length; i += CHUNK) {
      const chunk = updates.slice(i, i + CHUNK);
      await m.query(updateSql(spec, setColumns), [JSON.stringify(chunk)]);
      c.updated += chunk.length;
      progress(chunk.length);
    }
    progress(f.records.length - inserts.length - updates.length);
  }
  await appendAudit(m, audit);
  return counts;
}
