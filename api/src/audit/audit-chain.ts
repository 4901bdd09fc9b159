import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

// The audit log is a hash chain: each entry's hash covers the hash before it and the entry itself,
// its id included, so an entry that is changed, removed (the next one's prev_hash no longer matches)
// or moved (its id is part of what was hashed) breaks the chain at that entry. The table's trigger
// refuses UPDATE and DELETE; the chain catches what bypasses the trigger.

export interface AuditEntry {
  actor: string;
  /** what was done, e.g. `bundle.correct` */
  action: string;
  tableName: string;
  recordKey: string;
  before: unknown;
  after: unknown;
}

export type AuditVerdict = { ok: true; entries: number } | { ok: false; firstBadId: number; reason: string };

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

interface Hashed extends AuditEntry {
  id: string;
  at: string;
}

function entryHash(prevHash: string, e: Hashed): string {
  const content = canonicalJson({ id: e.id, at: e.at, actor: e.actor, action: e.action, tableName: e.tableName, recordKey: e.recordKey, before: e.before, after: e.after });
  return createHash('sha256').update(prevHash + content).digest('hex');
}

// What jsonb gives back: dates as strings, undefined keys gone; hashing this keeps verify's view equal.
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null));

/** Appends entries at the end of the chain; call inside the transaction that makes the change. */
export async function appendAudit(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // One writer at a time: the next entry must chain to the last committed one.
  await manager.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
  const last: { hash: string }[] = await manager.query('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const ids: { id: string }[] = await manager.query(`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id FROM generate_series(1, $1::int)`, [entries.length]);
  ids.sort((a, b) => Number(a.id) - Number(b.id));
  const at = new Date().toISOString();
  let prev = last[0]?.hash ?? GENESIS_HASH;
  const rows = entries.map((e, i) => {
    const h: Hashed = { ...e, before: asJson(e.before), after: asJson(e.after), id: ids[i].id, at };
    const hash = entryHash(prev, h);
    const row = { id: h.id, at, actor: h.actor, action: h.action, table_name: h.tableName, record_key: h.recordKey, before: h.before, after: h.after, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  await manager.query(
    `INSERT INTO audit_log (id, at, actor, action, table_name, record_key, before, after, prev_hash, hash)
     SELECT id, at, actor, action, table_name, record_key, before, after, prev_hash, hash FROM jsonb_to_recordset($1::jsonb)
       AS v(id bigint, at timestamptz, actor text, action text, table_name text, record_key text, before jsonb, after jsonb, prev_hash text, hash text)`,
    [JSON.stringify(rows)],
  );
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

/** Walks the whole chain in id order; the first entry that does not fit is named with the reason. */
export async function verifyAuditChain(db: DataSource | EntityManager): Promise<AuditVerdict> {
  let prev = GENESIS_HASH;
  let prevId: string | undefined;
  let count = 0;
  for (;;) {
    const page: StoredRow[] = await db.query(
      `SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action, table_name, record_key,
              before, after, prev_hash, hash
         FROM audit_log WHERE id > $1::bigint ORDER BY id LIMIT ${PAGE}`,
      [prevId ?? '0'],
    );
    for (const r of page) {
      if (r.prev_hash !== prev) {
        const was = prevId === undefined ? 'the start of the chain' : `entry ${prevId}`;
        return { ok: false, firstBadId: Number(r.id), reason: `entry ${r.id} does not follow ${was}: an entry before it was removed, moved or changed` };
      }
      const hashed: Hashed = { id: r.id, at: r.at, actor: r.actor, action: r.action, tableName: r.table_name, recordKey: r.record_key, before: r.before, after: r.after };
      if (entryHash(prev, hashed) !== r.hash) {
        return { ok: false, firstBadId: Number(r.id), reason: `entry ${r.id} was changed after it was written: its content no longer matches its hash` };
      }
      prev = r.hash;
      prevId = r.id;
      count++;
    }
    if (page.length < PAGE) return { ok: true, entries: count };
  }
}
