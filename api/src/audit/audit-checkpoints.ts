import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EntityManager, type DataSource, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import { auditPlace, type AuditPlace } from './audit-key.js';

// A checkpoint is the trail's head — how many entries, the last id and its hash — at a moment, signed
// with the audit key. Every transaction that appends writes one into audit_checkpoints, and mirrors it
// after commit to DATA_DIR/audit-checkpoints.jsonl, outside the database; publishing a ranking and a
// backup carry one too. `verify` compares the trail with all of them, so removing the newest entries,
// or truncating the trail and the checkpoint table together, is named ("entries 1,201 … 1,250 are
// missing since checkpoint of …").

export interface AuditCheckpoint {
  entries: number;
  headId: string;
  headHash: string;
  /** ISO time, milliseconds, UTC */
  at: string;
  /** why it was taken: append, publish, backup, restore, operator */
  reason: string;
  signature: string;
  /** where verify found it, for messages (not signed) */
  source?: string;
}

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
type Db = DataSource | EntityManager;
const queryOf = (db: Db): Query => (sql, params) => db.query(sql, params);

const signed = (c: Pick<AuditCheckpoint, 'entries' | 'headId' | 'headHash' | 'at' | 'reason'>) =>
  JSON.stringify({ kind: 'audit-checkpoint', entries: c.entries, headId: c.headId, headHash: c.headHash, at: c.at, reason: c.reason });

export function signCheckpoint(key: Buffer, c: Omit<AuditCheckpoint, 'signature' | 'source'>): AuditCheckpoint {
  return { entries: c.entries, headId: c.headId, headHash: c.headHash, at: c.at, reason: c.reason, signature: createHmac('sha256', key).update(signed(c)).digest('hex') };
}

/** What is wrong with a checkpoint's signature, or undefined. */
export function checkpointProblem(key: Buffer, c: AuditCheckpoint): string | undefined {
  const want = Buffer.from(signCheckpoint(key, c).signature, 'hex');
  const got = Buffer.from(/^[0-9a-f]{64}$/.test(c.signature) ? c.signature : '', 'hex');
  if (got.length === want.length && timingSafeEqual(got, want)) return undefined;
  return `the checkpoint of ${c.at} (${c.entries} entries, head ${c.headId}${c.source ? `, in ${c.source}` : ''}) is not signed with this audit key: it was forged or altered, or the key is not the trail's`;
}

/**
 * The head as it stands. With `hint` (the head before an append and how many were added), the count
 * follows from the latest checkpoint without counting the table; otherwise it is counted once.
 */
export async function currentHead(q: Query, hint?: { previousId: string; added: number }): Promise<{ entries: number; headId: string; headHash: string }> {
  const [last] = (await q('SELECT a.id::text AS id, a.hash FROM audit_log a ORDER BY a.id DESC LIMIT 1')) as { id: string; hash: string }[];
  if (!last) return { entries: 0, headId: '0', headHash: '0'.repeat(64) };
  const [cp] = (await q('SELECT entry_count::text AS entries, head_id::text AS head FROM audit_checkpoints c ORDER BY c.id DESC LIMIT 1')) as { entries: string; head: string }[];
  let entries: number;
  if (hint && cp && cp.head === hint.previousId) entries = Number(cp.entries) + hint.added;
  else if (hint && hint.previousId === '0') entries = hint.added;
  else if (!hint && cp && cp.head === last.id) entries = Number(cp.entries);
  else entries = Number(((await q('SELECT count(*)::text AS n FROM audit_log')) as { n: string }[])[0].n);
  return { entries, headId: last.id, headHash: last.hash };
}

async function store(q: Query, c: AuditCheckpoint): Promise<void> {
  await q(`INSERT INTO audit_checkpoints (created_at, entry_count, head_id, head_hash, reason, signature) VALUES ($1, $2, $3, $4, $5, $6)`,
    [c.at, c.entries, c.headId, c.headHash, c.reason, c.signature]);
}

// ----- the mirror file, written only after the transaction commits (a rolled-back head must not be in it)

const databases = new WeakMap<DataSource, string>();

/** The mirror file may serve several databases (tests, a changed DATABASE_URL): each line names its own. */
async function databaseName(ds: DataSource, q: Query): Promise<string> {
  let name = databases.get(ds);
  if (!name) {
    name = String(((await q('SELECT current_database() AS d')) as { d: string }[])[0].d);
    databases.set(ds, name);
  }
  return name;
}

export function mirrorCheckpoint(file: string, database: string, c: AuditCheckpoint): void {
  // in PostgreSQL mode nothing else may have made DATA_DIR yet
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify({ database, ...c, source: undefined }) + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const pending = new WeakMap<QueryRunner, (() => void)[]>();
const installed = new WeakSet<DataSource>();

const afterCommit: EntitySubscriberInterface = {
  afterTransactionCommit(e) {
    if (e.queryRunner.isTransactionActive) return;
    const work = pending.get(e.queryRunner) ?? [];
    pending.delete(e.queryRunner);
    for (const w of work) {
      try {
        w();
      } catch (err) {
        // the write is committed: failing it now would report a lost write that is not lost
        console.warn(`audit checkpoint mirror not written: ${(err as Error).message}`);
      }
    }
  },
  afterTransactionRollback(e) {
    if (!e.queryRunner.isTransactionActive) pending.delete(e.queryRunner);
  },
};

function whenCommitted(m: Db, work: () => void): void {
  const qr = m instanceof EntityManager ? m.queryRunner : undefined;
  if (!qr?.isTransactionActive) return work();
  const ds = qr.connection;
  if (!installed.has(ds)) {
    ds.subscribers.push(afterCommit);
    installed.add(ds);
  }
  pending.set(qr, [...(pending.get(qr) ?? []), work]);
}

/**
 * Signs the current head and stores it in audit_checkpoints; the mirror line follows the commit. Inside
 * an appending transaction the table lock is held already; elsewhere the head is read under a share
 * lock so that no entry slips in between.
 */
export async function recordCheckpoint(m: Db, reason: string, hint?: { previousId: string; added: number }): Promise<AuditCheckpoint> {
  const ds = m instanceof EntityManager ? m.connection : m;
  const place = auditPlace(ds);
  const run = async (tx: EntityManager) => {
    const q = queryOf(tx);
    if (!hint) await q('LOCK TABLE audit_log IN SHARE MODE');
    const c = signCheckpoint(place.key, { ...(await currentHead(q, hint)), at: new Date().toISOString(), reason });
    await store(q, c);
    if (place.mirrorFile) {
      const db = await databaseName(ds, q);
      const file = place.mirrorFile;
      const write = () => mirrorCheckpoint(file, db, c);
      whenCommitted(tx, place.heldMirror ? () => place.heldMirror!.push(write) : write);
    }
    return c;
  };
  const inTx = m instanceof EntityManager && m.queryRunner?.isTransactionActive;
  return inTx ? run(m as EntityManager) : ds.transaction(run);
}

/** A signed head of a database that is only read (a backup's copy), mirrored at once; not stored in it. */
export async function readOnlyCheckpoint(ds: DataSource, reason: string): Promise<AuditCheckpoint> {
  const q = queryOf(ds);
  const place = auditPlace(ds);
  const c = signCheckpoint(place.key, { ...(await currentHead(q)), at: new Date().toISOString(), reason });
  if (place.mirrorFile) mirrorCheckpoint(place.mirrorFile, await databaseName(ds, q), c);
  return c;
}

function readMirror(file: string, database: string): AuditCheckpoint[] {
  if (!fs.existsSync(file)) return [];
  const out: AuditCheckpoint[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let c: AuditCheckpoint & { database?: string };
    try {
      c = JSON.parse(line);
    } catch {
      continue; // a torn last line (power cut while appending) carries nothing signed
    }
    if (c.database !== database) continue;
    // a restore starts a new history: what the file says about the replaced trail no longer applies
    if (c.reason === 'restore') out.length = 0;
    // as in the table, only the newest append line counts: drop the one before when another follows
    if (c.reason === 'append' && out.at(-1)?.reason === 'append') out.pop();
    out.push({ entries: Number(c.entries), headId: String(c.headId), headHash: String(c.headHash), at: String(c.at), reason: String(c.reason), signature: String(c.signature), source: 'audit-checkpoints.jsonl' });
  }
  return out;
}

/** Every checkpoint verify compares against: the table's and the mirror file's. */
export async function loadCheckpoints(db: Db, place: AuditPlace): Promise<AuditCheckpoint[]> {
  const rows = (await db.query(
    `SELECT entry_count::text AS entries, head_id::text AS head_id, head_hash, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, reason, signature
       FROM audit_checkpoints c
      -- one append checkpoint per write would fill memory on a long trail: the newest stands for them
      WHERE c.reason <> 'append' OR c.id = (SELECT max(id) FROM audit_checkpoints)
      ORDER BY c.id`,
  )) as { entries: string; head_id: string; head_hash: string; at: string; reason: string; signature: string }[];
  const table = rows.map((r): AuditCheckpoint => ({ entries: Number(r.entries), headId: r.head_id, headHash: r.head_hash, at: r.at, reason: r.reason, signature: r.signature, source: 'audit_checkpoints' }));
  // a published ranking keeps the head it was published at: it survives the loss of both audit tables
  const published = (await db.query(`SELECT month, audit_checkpoint AS c FROM published_rankings WHERE audit_checkpoint IS NOT NULL ORDER BY month`)) as { month: string; c: AuditCheckpoint }[];
  const rankings = published.map((r): AuditCheckpoint => ({ ...r.c, entries: Number(r.c.entries), headId: String(r.c.headId), source: `published ranking ${r.month}` }));
  if (!place.mirrorFile) return [...table, ...rankings];
  const ds = db instanceof EntityManager ? db.connection : db;
  return [...table, ...rankings, ...readMirror(place.mirrorFile, await databaseName(ds, queryOf(db)))];
}
