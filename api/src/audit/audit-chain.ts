import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { EntityManager, type DataSource } from 'typeorm';
import { auditPlace, keyFingerprint } from './audit-key.js';
import { checkpointProblem, loadCheckpoints, recordCheckpoint, type AuditCheckpoint } from './audit-checkpoints.js';

// The audit log is a keyed hash chain: each entry's hash is the HMAC-SHA256, under a key kept outside
// the database (audit-key.ts), of the hash before it and the entry itself, its id included. An entry
// that is changed, removed (the next one's prev_hash no longer matches) or moved (its id is part of
// what was hashed) breaks the chain at that entry, and without the key nobody can recompute a chain
// that verifies. What the chain alone cannot show — its newest entries gone, or all of it — the signed
// checkpoints show (audit-checkpoints.ts). Triggers refuse UPDATE, DELETE and TRUNCATE besides.

export interface AuditEntry {
  actor: string;
  /** what was done, e.g. `bundle.correct` */
  action: string;
  tableName: string;
  recordKey: string;
  before: unknown;
  /** a value, or CanonicalText when the caller has its canonical JSON already */
  after: unknown;
}

/**
 * An entry's `after` as canonicalJson would write it, from a caller that has that text already (an
 * import's entry and its 10,000 keys): it is hashed and stored as given. The verifier reads it back and
 * hashes canonicalJson's text of it, so a text that is not canonical fails verification.
 */
export class CanonicalText {
  constructor(readonly json: string) {}
}

export interface AuditHead {
  entries: number;
  /** '0' for an empty trail */
  headId: string;
  headHash: string;
}

export type AuditVerdict =
  | { ok: true; entries: number; head: AuditHead; checkpoints: number }
  | { ok: false; firstBadId: number; reason: string };

export const GENESIS_HASH = '0'.repeat(64);

const isScalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** JSON with object keys sorted at every depth: the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  // an import's entries list up to 10,000 record keys: a list of scalars is JSON.stringify's own output
  if (Array.isArray(value)) return value.every(isScalar) ? JSON.stringify(value) : `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

interface Hashed extends AuditEntry {
  id: string;
  at: string;
}

// a KeyObject made once per key: preparing the raw key again for every entry was a third of verify's time
const keyObjects = new WeakMap<Buffer, KeyObject>();
function keyObject(key: Buffer): KeyObject {
  let k = keyObjects.get(key);
  if (!k) keyObjects.set(key, (k = createSecretKey(key)));
  return k;
}

/** Whether `v` is already what a JSON round trip makes of it (strings, finite numbers, plain objects …). */
function isPlainJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!(i in v) || !isPlainJson(v[i])) return false;
    return true;
  }
  if (typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v).every(isPlainJson);
}

// What is hashed is what jsonb gives back: a Date becomes its text, undefined goes. An import's entry is
// plain already (10,000 keys, 2,562 entries at nation): it is checked, not copied through a round trip.
const asJson = (v: unknown): unknown => (isPlainJson(v) ? v : JSON.parse(JSON.stringify(v ?? null)));

/**
 * What an entry's hash covers: the canonical JSON (canonicalJson) of its id, time, actor, action, table,
 * record key, before and after. Written out by hand in canonicalJson's sorted key order, with `before` and
 * `after` given as their canonical JSON, so that appendAudit writes a large entry out once for the hash
 * and the insert alike. The appender and the verifier both hash this text; bundle-audit-chain.test.ts checks
 * each stored hash against canonicalJson of the whole entry, as an outside auditor would compute it.
 */
function entryContent(e: Hashed, before: string, after: string): string {
  const s = JSON.stringify;
  return `{"action":${s(e.action)},"actor":${s(e.actor)},"after":${after},"at":${s(e.at)},"before":${before},"id":${s(e.id)},"recordKey":${s(e.recordKey)},"tableName":${s(e.tableName)}}`;
}

function hashOf(key: Buffer, prevHash: string, e: Hashed, before: string, after: string): string {
  return createHmac('sha256', keyObject(key)).update(prevHash + entryContent(e, before, after)).digest('hex');
}

export function entryHash(key: Buffer, prevHash: string, e: Hashed): string {
  return hashOf(key, prevHash, e, canonicalJson(e.before), canonicalJson(e.after));
}

// audit_log's columns as appendAudit inserts them: each row's JSON and jsonb_to_recordset's column list
const COLUMNS = {
  id: 'bigint', at: 'timestamptz', actor: 'text', action: 'text', table_name: 'text', record_key: 'text',
  before: 'jsonb', after: 'jsonb', prev_hash: 'text', hash: 'text',
} as const;
type Column = keyof typeof COLUMNS;
const COLUMN_NAMES = Object.keys(COLUMNS) as Column[];
const RECORDSET_COLUMNS = COLUMN_NAMES.map((c) => `${c} ${COLUMNS[c]}`).join(', ');

/** one row for jsonb_to_recordset, from each column's JSON text */
const rowJson = (v: Record<Column, string>) => `{${COLUMN_NAMES.map((c) => `"${c}":${v[c]}`).join(',')}}`;

const INSERT_BATCH = 5000;
const INSERT_BYTES = 8 * 1024 * 1024;

/**
 * Appends entries at the end of the chain and a signed checkpoint of the new head; call inside the
 * transaction that makes the change. Ids are dense (the last id + 1, under the table lock), so an entry
 * number is an id and a gap is a loss. Returns the checkpoint.
 */
export async function appendAudit(manager: EntityManager, entries: AuditEntry[]): Promise<AuditCheckpoint | undefined> {
  if (entries.length === 0) return undefined;
  const { key } = auditPlace(manager.connection);
  // One writer at a time: the next entry must chain to the last committed one.
  await manager.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
  const [last] = (await manager.query('SELECT a.id::text AS id, a.hash FROM audit_log a ORDER BY a.id DESC LIMIT 1')) as { id: string; hash: string }[];
  const at = new Date().toISOString();
  let prev = last?.hash ?? GENESIS_HASH;
  let id = Number(last?.id ?? 0);
  const rows = entries.map((e) => {
    const given = e.after instanceof CanonicalText ? e.after.json : undefined;
    const h: Hashed = { ...e, before: asJson(e.before), after: given === undefined ? asJson(e.after) : undefined, id: String(++id), at };
    const [before, after] = [canonicalJson(h.before), given ?? canonicalJson(h.after)];
    const hash = hashOf(key, prev, h, before, after);
    const s = JSON.stringify;
    const row = rowJson({ id: s(h.id), at: s(at), actor: s(h.actor), action: s(h.action), table_name: s(h.tableName), record_key: s(h.recordKey), before, after, prev_hash: s(prev), hash: s(hash) });
    prev = hash;
    return row;
  });
  // batches bounded in rows and in bytes: an import's entries carry up to 10,000 record keys each
  let batch: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    await manager.query(
      `INSERT INTO audit_log (${COLUMN_NAMES.join(', ')}) SELECT ${COLUMN_NAMES.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS v(${RECORDSET_COLUMNS})`,
      [`[${batch.join(',')}]`],
    );
    batch = [];
    bytes = 0;
  };
  for (const json of rows) {
    batch.push(json);
    bytes += json.length;
    if (batch.length >= INSERT_BATCH || bytes >= INSERT_BYTES) await flush();
  }
  await flush();
  // the serial default is not used, but kept in step so that it never hands out a taken id
  await manager.query(`SELECT setval(pg_get_serial_sequence('audit_log', 'id'), $1::bigint)`, [String(id)]);
  return recordCheckpoint(manager, 'append', { previousId: last?.id ?? '0', added: entries.length });
}

interface StoredRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  table_name: string;
  record_key: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

const PAGE = 5000;
const n = (v: number | string) => Number(v).toLocaleString('en-US');

export interface VerifyOptions {
  /** the head an operator kept elsewhere ("COUNT:HASH", from `audit checkpoint`) */
  against?: { entries: number; hash: string };
}

/**
 * Walks the whole chain in id order (keyset pages: memory stays flat however long the trail), checks
 * every entry's link and HMAC and every signed checkpoint (table and mirror file) it passes; then that
 * no checkpoint names entries the trail no longer has. The first thing that does not fit is named.
 */
export async function verifyAuditChain(db: DataSource | EntityManager, opts: VerifyOptions = {}): Promise<AuditVerdict> {
  const ds = db instanceof EntityManager ? db.connection : db;
  const { key, keySource } = auditPlace(ds);
  const checkpoints = await loadCheckpoints(db, auditPlace(ds));
  const bad = checkpoints.find((c) => checkpointProblem(key, c));
  if (bad) return { ok: false, firstBadId: Number(bad.headId), reason: checkpointProblem(key, bad)! };
  const byHead = new Map<string, AuditCheckpoint[]>();
  for (const c of checkpoints) byHead.set(c.headId, [...(byHead.get(c.headId) ?? []), c]);

  let prev = GENESIS_HASH;
  let prevId: string | undefined;
  let count = 0;
  // ORDER BY the bigint column: an alias `id::text AS id` would sort as text (1, 10, 100, 2, …)
  const fetchPage = (after: string): Promise<StoredRow[]> => {
    const p = db.query(
      `SELECT a.id::text AS id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, a.actor, a.action, a.table_name, a.record_key,
              a.before, a.after, a.prev_hash, a.hash
         FROM audit_log a WHERE a.id > $1::bigint ORDER BY a.id LIMIT ${PAGE}`,
      [after],
    ) as Promise<StoredRow[]>;
    p.catch(() => undefined); // a page fetched ahead and never read (the walk stopped) must not fail loudly
    return p;
  };
  let next = fetchPage('0');
  for (;;) {
    const page = await next;
    // the next page is read while this one is hashed
    if (page.length === PAGE) next = fetchPage(page[page.length - 1].id);
    for (const r of page) {
      if (r.prev_hash !== prev) {
        const was = prevId === undefined ? 'the start of the chain' : `entry ${prevId}`;
        return { ok: false, firstBadId: Number(r.id), reason: `entry ${r.id} does not follow ${was}: an entry before it was removed, moved or changed` };
      }
      const hashed: Hashed = { id: r.id, at: r.at, actor: r.actor, action: r.action, tableName: r.table_name, recordKey: r.record_key, before: r.before, after: r.after };
      if (entryHash(key, prev, hashed) !== r.hash) {
        return {
          ok: false, firstBadId: Number(r.id),
          reason: `entry ${r.id} was changed after it was written: its content no longer matches its hash under the audit key (${keySource}, key ${keyFingerprint(key)}); ` +
            `a chain rewritten without the key, or checked with another key, fails here too`,
        };
      }
      count++;
      if (opts.against && count === opts.against.entries && !r.hash.startsWith(opts.against.hash.toLowerCase())) {
        return { ok: false, firstBadId: Number(r.id), reason: `entry ${r.id} (entry number ${n(count)}) has hash ${r.hash}, not the kept head ${opts.against.entries}:${opts.against.hash}: the trail up to it was rewritten` };
      }
      for (const c of byHead.get(r.id) ?? []) {
        if (c.entries !== count || c.headHash !== r.hash) {
          return { ok: false, firstBadId: Number(r.id), reason: `entry ${r.id} does not match the checkpoint of ${c.at} in ${c.source} (${n(c.entries)} entries, head ${c.headId} ${c.headHash.slice(0, 16)}…): the trail up to it was rewritten or entries were removed` };
        }
      }
      prev = r.hash;
      prevId = r.id;
    }
    if (page.length < PAGE) break;
  }
  const head: AuditHead = { entries: count, headId: prevId ?? '0', headHash: prev };
  // the newest checkpoint the trail no longer reaches: its newest entries (or all) are gone
  const beyond = checkpoints.filter((c) => BigInt(c.headId) > BigInt(head.headId) || c.entries > count)
    .sort((a, b) => Number(BigInt(b.headId) - BigInt(a.headId)))[0];
  if (beyond) {
    const first = BigInt(head.headId) + 1n;
    const span = BigInt(beyond.headId) > first ? `entries ${n(first.toString())} … ${n(beyond.headId)} are` : `entry ${n(beyond.headId)} is`;
    return {
      ok: false, firstBadId: Number(first),
      reason: `${span} missing since checkpoint of ${beyond.at} (${n(beyond.entries)} entries, head ${beyond.headId} ${beyond.headHash.slice(0, 16)}…, in ${beyond.source}); the trail ends at ${head.headId === '0' ? 'nothing (it is empty)' : `entry ${n(head.headId)}`} with ${n(count)} entries`,
    };
  }
  if (opts.against && opts.against.entries > count) {
    return { ok: false, firstBadId: count + 1, reason: `entries ${n(count + 1)} … ${n(opts.against.entries)} are missing: the kept head has ${n(opts.against.entries)} entries, the trail ${n(count)}` };
  }
  return { ok: true, entries: count, head, checkpoints: checkpoints.length };
}
