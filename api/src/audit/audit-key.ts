import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';

// The audit chain is keyed (HMAC-SHA256) with a key kept outside the database: whoever can rewrite the
// tables cannot recompute the hashes. The key is AUDIT_KEY when set, else DATA_DIR/audit.key, created
// on first use (32 random bytes, mode 0600) — also in PostgreSQL mode, where DATA_DIR holds nothing else.
// A backup never holds the key: keep a copy of it apart from the backups.

export const KEY_FILE = 'audit.key';
export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';
const MIN_KEY_CHARS = 32;

export class AuditKeyError extends Error {}

export interface AuditPlace {
  key: Buffer;
  /** where the key came from, for messages: "AUDIT_KEY" or the key file's path */
  keySource: string;
  /** the checkpoint mirror (DATA_DIR/audit-checkpoints.jsonl), when the database was opened for a DATA_DIR */
  mirrorFile?: string;
  /**
   * Mirror lines held back until the caller says the data is current: a staged embedded copy becomes
   * current only at its rename, and a line written before it would name entries a killed run never kept.
   */
  heldMirror?: (() => void)[];
}

const keys = new Map<string, Buffer>();

function readKeyFile(file: string): Buffer {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new AuditKeyError(`${file} does not hold an audit key (64 hex digits); put back the key the trail was written with, or set AUDIT_KEY`);
  return Buffer.from(text, 'hex');
}

/** AUDIT_KEY, else DATA_DIR/audit.key (created when missing). */
export function loadAuditKey(dataDir: string, source: NodeJS.ProcessEnv = process.env): { key: Buffer; keySource: string } {
  const env = source.AUDIT_KEY;
  if (env !== undefined && env !== '') {
    if (Buffer.byteLength(env) < MIN_KEY_CHARS) throw new AuditKeyError(`AUDIT_KEY must be at least ${MIN_KEY_CHARS} bytes (it has ${Buffer.byteLength(env)}); e.g. openssl rand -hex 32`);
    return { key: Buffer.from(env, 'utf8'), keySource: 'AUDIT_KEY' };
  }
  const file = path.join(dataDir, KEY_FILE);
  const known = keys.get(file);
  if (known) return { key: known, keySource: file };
  let key: Buffer;
  if (fs.existsSync(file)) key = readKeyFile(file);
  else {
    fs.mkdirSync(dataDir, { recursive: true });
    key = crypto.randomBytes(32);
    try {
      // O_EXCL: two processes starting at once end up with the one key that reached the disk first
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, key.toString('hex') + '\n');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      key = readKeyFile(file);
    }
  }
  keys.set(file, key);
  return { key, keySource: file };
}

const places = new WeakMap<DataSource, AuditPlace>();

/** Binds a database to the DATA_DIR that holds its audit key (unless AUDIT_KEY) and checkpoint mirror. */
export function attachAuditPlace(ds: DataSource, dataDir: string, o: { holdMirror?: boolean } = {}): AuditPlace {
  const place: AuditPlace = { ...loadAuditKey(dataDir), mirrorFile: path.join(dataDir, CHECKPOINT_FILE), heldMirror: o.holdMirror ? [] : undefined };
  places.set(ds, place);
  return place;
}

/** Writes the mirror lines held back for a staged copy, once that copy is current. */
export function releaseHeldMirror(ds: DataSource): void {
  const place = places.get(ds);
  const held = place?.heldMirror ?? [];
  if (place?.heldMirror) place.heldMirror = [];
  for (const w of held) w();
}

/** The key (and mirror) of a database; one opened without a DATA_DIR uses AUDIT_KEY, else DATA_DIR of the environment, and no mirror. */
export function auditPlace(ds: DataSource): AuditPlace {
  let place = places.get(ds);
  if (!place) {
    place = loadAuditKey(path.resolve(process.env.DATA_DIR || './data'));
    places.set(ds, place);
  }
  return place;
}

/** A short name of the key (not the key): says in messages whether two runs used the same key. */
export const keyFingerprint = (key: Buffer) => crypto.createHash('sha256').update(key).digest('hex').slice(0, 12);
