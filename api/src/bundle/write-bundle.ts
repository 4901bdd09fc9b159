import type { EntityManager } from 'typeorm';
import { copyCapableClient } from '../../../analytics/src/pg-copy.js';
import { appendAudit, type AuditEntry } from '../audit/audit-chain.js';
import { BROUGHT_KEYS_PER_ENTRY, importEntries } from '../audit/import-entries.js';
import { sqlType, type FileSpec } from './bundle-files.js';
import { keyOf, sameValue, type Row } from './bundle-records.js';
import { KEYED_TABLES } from './after-views.js';
import { BULK_ROWS, withConstraintsSetAside, worthSettingAside } from './set-aside-constraints.js';
import { importStage } from './import-stages.js';
import { stagingTable, type StagedFile } from './stage-bundle.js';

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

// From the staging tables into the ledger, one statement per file and purpose whatever its size: the
// corrections (UPDATE … FROM), then the new rows (INSERT … SELECT … ON CONFLICT DO NOTHING, in the file's
// order, so serial ids follow the bundle). The SQL depends on which columns the file has, so it is
// written here from BUNDLE_FILES.

const col = (c: string) => `"${c}"`;
const keyMatch = (spec: FileSpec) => spec.key.map((k) => `d.${col(k)} = s.${col(k)}`).join(' AND ');

/** the columns a correction compares: those the file has */
const compared = (spec: FileSpec, f: StagedFile) => spec.columns.filter((c) => f.present.has(c.name));

const changedSql = (spec: FileSpec, f: StagedFile) =>
  compared(spec, f).map((c) => `s.${col(c.name)} IS DISTINCT FROM d.${col(c.name)}::${sqlType(c)}`).join(' OR ') || 'false';

/** a record key as the audit spells a correction's: the key value, or keyOf's form for a key of several columns */
function recordKey(spec: FileSpec, row: Row): string {
  return spec.key.length === 1 ? String(row[spec.key[0]]) : keyOf(spec, row);
}

const pick = (row: Row, columns: string[]): Row => Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));

/** The file's corrections (a known key with other values in the columns it has), audited, then the UPDATE. */
async function correct(m: EntityManager, f: StagedFile, actor: string, audit: AuditEntry[]): Promise<number> {
  const spec = f.spec;
  const s = stagingTable(spec.table);
  const cmp = compared(spec, f);
  const bundleCols = cmp.map((c) => `s.${col(c.name)} AS ${col(`b:${c.name}`)}`).join(', ');
  const dbCols = cmp.map((c) => `d.${col(c.name)} AS ${col(`d:${c.name}`)}`).join(', ');
  const rows: Record<string, unknown>[] = await m.query(
    `SELECT ${bundleCols}, ${dbCols} FROM ${s} s JOIN ${spec.table} d ON ${keyMatch(spec)} WHERE s.in_db AND (${changedSql(spec, f)}) ORDER BY s.line`,
  );
  for (const r of rows) {
    const bundle: Row = Object.fromEntries(cmp.map((c) => [c.name, r[`b:${c.name}`] as Row[string]]));
    const db: Row = Object.fromEntries(cmp.map((c) => [c.name, r[`d:${c.name}`] as Row[string]]));
    const changed = cmp.map((c) => c.name).filter((c) => !sameValue(bundle[c], db[c]));
    audit.push({ actor, action: 'bundle.correct', tableName: spec.table, recordKey: recordKey(spec, bundle), before: pick(db, changed), after: pick(bundle, changed) });
  }
  const set = cmp.filter((c) => !spec.key.includes(c.name)).map((c) => `${col(c.name)} = s.${col(c.name)}`);
  if (rows.length && set.length) {
    await m.query(`UPDATE ${spec.table} AS d SET ${set.join(', ')} FROM ${s} s WHERE ${keyMatch(spec)} AND s.in_db AND (${changedSql(spec, f)})`);
  }
  return rows.length;
}

/** The file's records whose key the ledger does not hold yet, in the file's order. */
async function insertNew(m: EntityManager, f: StagedFile, newRows: number, bulkRows: number, tableEmpty: boolean): Promise<number> {
  const spec = f.spec;
  const cols = spec.columns.map((c) => col(c.name)).join(', ');
  // A keyed file's new records are exactly those not in_db: its key is the table's only unique index, the
  // checks refused a key twice in the bundle, and the lock taken before the checks keeps other writers out.
  // ON CONFLICT would only pay for an arbiter lookup per row (1.2 s -> 2.0-2.7 s for 427 k inspections).
  // A file keyed by all its columns is not looked up (no in_db): its rows already there are skipped here,
  // unless the table holds none (a first import): then none can be there, and the arbiter lookups would
  // cost 4.6 M drills most of their insert.
  const onConflict = KEYED_TABLES.includes(spec.table) || tableEmpty ? '' : ' ON CONFLICT DO NOTHING';
  const sql = `INSERT INTO ${spec.table} (${cols}) SELECT ${cols} FROM ${stagingTable(spec.table)} WHERE NOT in_db ORDER BY line${onConflict}`;
  const client = await copyCapableClient(m);
  const insert = async () => {
    // the command's own row count: counting a RETURNING list cost a fifth more (0.44 s per 427 k inspections)
    if (client) return (await client.query(sql)).rowCount ?? 0;
    const r = await m.query(`WITH ins AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM ins`);
    return Number(r[0].n);
  };
  if (!client || !(await worthSettingAside(client, spec.table, newRows, bulkRows))) return insert();
  // ALTER TABLE refuses while deferred checks (a unit's parent, an enterprise's parent) are pending: run
  // them now; each file's rows are all in, and those references stay within their own file
  await client.query('SET CONSTRAINTS ALL IMMEDIATE');
  return withConstraintsSetAside(client, spec.table, insert, tableEmpty);
}

/**
 * Writes a checked bundle: new rows are inserted, a known key with other values is a correction
 * (UPDATE of the columns the file has, with an audit entry), a known key with the same values is left
 * alone. Nothing is deleted. Runs inside the import's transaction.
 */
export async function writeBundle(m: EntityManager, files: StagedFile[], opts: WriteOptions): Promise<Record<string, FileCounts>> {
  const total = files.reduce((n, f) => n + f.rows, 0);
  let done = 0;
  opts.onProgress?.(0, total);
  const counts: Record<string, FileCounts> = {};
  const audit: AuditEntry[] = [];
  const brought: Record<string, number> = {};
  for (const f of files) {
    const spec = f.spec;
    const s = stagingTable(spec.table);
    const c: FileCounts = { inserted: 0, updated: 0, unchanged: 0 };
    counts[spec.file] = c;
    // a file without a key of its own (findings, feedback …) is known by whole rows: each is inserted or found there
    const keyed = KEYED_TABLES.includes(spec.table);
    // the ledger's tables are locked against other writers: one that is empty now stays empty until the insert
    const [{ empty }] = (await m.query(`SELECT NOT EXISTS (SELECT 1 FROM ${spec.table}) AS empty`)) as { empty: boolean }[];
    if (keyed && !empty) await m.query(`UPDATE ${s} s SET in_db = true FROM ${spec.table} d WHERE ${keyMatch(spec)}`);
    const n = empty ? f.rows : ((await m.query(`SELECT count(*)::int AS n FROM ${s} WHERE NOT in_db`)) as { n: number }[])[0].n;
    brought[spec.file] = n;
    // a changed inspection was refused by the checks; corrections are for correctable files only
    if (keyed && spec.correctable && n < f.rows) c.updated = await correct(m, f, opts.actor, audit);
    if (n > 0) c.inserted = await insertNew(m, f, n, opts.bulkRows ?? BULK_ROWS, empty);
    c.unchanged = f.rows - c.inserted - c.updated;
    done += f.rows;
    opts.onProgress?.(done, total);
    importStage(`write ${spec.file}`);
  }
  // the import's own entries (one per file: digest, keys brought in) after the corrections' (audit/import-entries.ts),
  // appended a few at a time: a nation's 25 M keys make 2,562 entries, and each append locks, reads the
  // chain's head and signs a checkpoint
  await appendAudit(m, audit);
  let pending: AuditEntry[] = [];
  let pendingKeys = 0;
  for (const f of files) {
    const corrected = audit.filter((a) => a.tableName === f.spec.table).length;
    const keys = (after: number) => broughtKeys(m, f, after);
    for await (const entries of importEntries(opts.actor, f, { inserted: counts[f.spec.file].inserted, corrected, brought: brought[f.spec.file] }, keys)) {
      pending.push(...entries);
      pendingKeys += BROUGHT_KEYS_PER_ENTRY;
      if (pendingKeys >= APPEND_KEYS) {
        await appendAudit(m, pending);
        pending = [];
        pendingKeys = 0;
      }
    }
  }
  await appendAudit(m, pending);
  importStage('write: audit entries');
  return counts;
}

/** keys of import entries held before they are appended (about 2 MB of JSON) */
const APPEND_KEYS = 100_000;

/**
 * The next page of the keys a file brought in (records the ledger did not hold), after line `after`: the
 * keys as one JSON list and the page's last line (one row, not one per key: 10,000 rows parsed per page
 * cost more than the page's query). array_to_json writes the list as JSON.stringify would (no spaces, text
 * escaped alike), so that it goes into the audit entry as it comes (import-entries.ts). The keys come in
 * the subquery's line order without an ORDER BY of the aggregate's own, which would sort them again
 * (json_agg with one: 0.51 s per million keys; this: 0.32 s).
 */
async function broughtKeys(m: EntityManager, f: StagedFile, after: number): Promise<{ last: number; keys: string }> {
  // the parts joined by | (concat_ws: 15 % faster than array_to_string over an ARRAY, the same text)
  const parts = f.spec.key.map((k) => `coalesce(${col(k)}::text, '')`);
  const key = parts.length === 1 ? parts[0] : `concat_ws('|', ${parts.join(', ')})`;
  const [page] = (await m.query(
    `SELECT max(line) AS last, coalesce(array_to_json(array_agg(key))::text, '[]') AS keys
       FROM (SELECT line, ${key} AS key FROM ${stagingTable(f.spec.table)} WHERE NOT in_db AND line > $1 ORDER BY line LIMIT ${BROUGHT_KEYS_PER_ENTRY}) p`,
    [after],
  )) as { last: number | null; keys: string }[];
  return { last: page.last ?? after, keys: page.keys };
}
