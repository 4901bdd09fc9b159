import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { recordCheckpoint, type AuditCheckpoint } from '../audit/audit-checkpoints.js';
import { RefusedError } from '../cli/usage-error.js';
import { openDatabase } from '../database/data-source.js';
import { auditRestore } from './restore-audit.js';
import { backupSql, ledgerFacts, type LedgerFacts } from './ledger-facts.js';
import { stageOutput } from './output-file.js';
import { connectionArgs, runTool, serverMajor, toolMajor } from './pg-tools.js';

// On PostgreSQL a backup is pg_dump's custom format (-Fc), readable by pg_restore without this program.
// pg_dump takes one snapshot, so it is consistent while the server keeps running. The format has no
// checksum over its table of contents (a flipped byte in a CREATE statement goes unnoticed), so the
// backup also writes PATH.sha256 in `sha256sum` format, and a restore checks it when it is there.

async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const checksumFile = (file: string) => `${file}.sha256`;

/** Compares PATH with PATH.sha256; false when there is no PATH.sha256 to compare with. */
async function checkChecksum(file: string): Promise<boolean> {
  const side = checksumFile(file);
  if (!fs.existsSync(side)) return false;
  const expected = /^([0-9a-f]{64})\b/.exec(fs.readFileSync(side, 'utf8'))?.[1];
  if (!expected) throw new RefusedError(`${side} does not hold a sha256; remove it to restore without the checksum, or use the one written with the backup; nothing was changed`);
  const actual = await sha256(file);
  if (actual !== expected) {
    throw new RefusedError(`${file} is damaged (truncated or corrupt): its sha256 is ${actual}, ${side} says ${expected} (checksum mismatch). Nothing was changed; restore from another copy of the backup`);
  }
  return true;
}

async function withClient<T>(databaseUrl: string, use: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return await use(c);
  } finally {
    await c.end();
  }
}

async function serverVersion(c: pg.Client): Promise<{ major: number; text: string }> {
  const { rows } = await c.query(`SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text`);
  return { major: serverMajor(rows[0].num), text: rows[0].text };
}

export const auditCheckpointFile = (file: string) => `${file}.audit-checkpoint.json`;

/** Signs the audit trail's head (stored, so the dump holds it too, and mirrored under DATA_DIR). */
async function backupCheckpoint(databaseUrl: string, dataDir: string): Promise<AuditCheckpoint> {
  const db = await openDatabase({ databaseUrl, auditDir: dataDir, migrate: false });
  try {
    return await recordCheckpoint(db.dataSource, 'backup');
  } finally {
    await db.close();
  }
}

export async function backupPostgres(databaseUrl: string, out: string, force: boolean, dataDir: string): Promise<{ server: string; bytes: number; sha256: string; auditCheckpoint: AuditCheckpoint }> {
  const output = stageOutput(out, force);
  const sideOutput = stageOutput(checksumFile(out), force);
  const auditOutput = stageOutput(auditCheckpointFile(out), force);
  const server = await withClient(databaseUrl, serverVersion);
  const dumpMajor = await toolMajor('pg_dump');
  if (dumpMajor < server.major) {
    throw new RefusedError(`pg_dump ${dumpMajor} cannot back up PostgreSQL ${server.text}: pg_dump must be of the server's major version or newer. ` +
      `Install postgresql-client-${server.major} (or newer) and put its pg_dump first on PATH; nothing was written`);
  }
  const conn = connectionArgs(databaseUrl);
  try {
    // taken before the dump's snapshot: the dump holds this head and perhaps entries after it
    const auditCheckpoint = await backupCheckpoint(databaseUrl, dataDir);
    fs.writeFileSync(auditOutput.tmp, JSON.stringify(auditCheckpoint, null, 1) + '\n');
    const r = await runTool('pg_dump', ['--format=custom', `--file=${output.tmp}`, ...conn.args], conn.env);
    if (r.code !== 0) throw new RefusedError(`pg_dump failed; nothing was written to ${out}. pg_dump said: ${r.stderr.trim()}`);
    const fd = fs.openSync(output.tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    const sum = await sha256(output.tmp);
    fs.writeFileSync(sideOutput.tmp, `${sum}  ${path.basename(output.target)}\n`);
    output.commit();
    sideOutput.commit();
    auditOutput.commit();
    return { server: server.text, bytes: fs.statSync(output.target).size, sha256: sum, auditCheckpoint };
  } catch (e) {
    output.discard();
    sideOutput.discard();
    auditOutput.discard();
    throw e;
  }
}

/** "Dumped from database version: 15.20" and "Dumped by pg_dump version: 15.20" in `pg_restore --list`. */
function listedMajor(list: string, what: 'Dumped from database version' | 'Dumped by pg_dump version'): number | undefined {
  const m = new RegExp(`${what}:\\s*(\\d+)`).exec(list);
  return m ? Number(m[1]) : undefined;
}

/**
 * Restores a pg_dump custom-format file: checked first (readable to its last byte, versions that fit),
 * then replayed by pg_restore --clean --if-exists in one transaction, so a failure anywhere leaves the
 * database as it was.
 */
export async function restorePostgres(databaseUrl: string, from: string, dataDir: string): Promise<LedgerFacts & { checksummed: boolean }> {
  const checksummed = await checkChecksum(from);
  const list = await runTool('pg_restore', ['--list', from]);
  if (list.code !== 0) throw new RefusedError(`${from} is not readable by pg_restore; nothing was changed. pg_restore said: ${list.stderr.trim()}`);
  const restoreMajor = await toolMajor('pg_restore');
  const dumpedBy = listedMajor(list.stdout, 'Dumped by pg_dump version');
  if (dumpedBy !== undefined && dumpedBy > restoreMajor) {
    throw new RefusedError(`${from} was made by pg_dump ${dumpedBy}; pg_restore ${restoreMajor} cannot read it. Install postgresql-client-${dumpedBy} and put it first on PATH; nothing was changed`);
  }
  const dumpedFrom = listedMajor(list.stdout, 'Dumped from database version');
  const server = await withClient(databaseUrl, serverVersion);
  if (dumpedFrom !== undefined && dumpedFrom > server.major) {
    throw new RefusedError(`${from} holds a PostgreSQL ${dumpedFrom} database; this server is PostgreSQL ${server.text}, older, and may lack what the dump uses. Restore it into PostgreSQL ${dumpedFrom} or newer; nothing was changed`);
  }
  // Read the whole file once (data blocks included) before touching the database: a truncated or
  // corrupted backup is refused here with the database never opened for writing.
  const read = await runTool('pg_restore', ['--file=/dev/null', from]);
  if (read.code !== 0) throw new RefusedError(`${from} is damaged (truncated or corrupt): pg_restore cannot read it to the end. Nothing was changed; restore from another copy of the backup. pg_restore said: ${read.stderr.trim()}`);

  const before = await withClient(databaseUrl, async (c) => {
    const { rows } = await c.query(`SELECT to_regclass('ledger_version') IS NOT NULL AS has`);
    return rows[0].has ? String((await c.query('SELECT last_value FROM ledger_version')).rows[0].last_value) : '0';
  });
  const conn = connectionArgs(databaseUrl);
  const r = await runTool('pg_restore', ['--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--no-owner', ...conn.args, from], conn.env);
  if (r.code !== 0) {
    throw new RefusedError(`pg_restore failed and its single transaction was rolled back: the database is as it was before. pg_restore said: ${r.stderr.trim()}`);
  }
  const facts = await withClient(databaseUrl, async (c) => {
    const query = async (sql: string, params?: unknown[]) => (await c.query(sql, params)).rows;
    const restored = await ledgerFacts(query);
    await query(backupSql('advance-ledger-version.sql'), [before]);
    return { ...restored, checksummed };
  });
  const db = await openDatabase({ databaseUrl, auditDir: dataDir });
  try {
    await auditRestore(db.dataSource, from, undefined);
  } finally {
    await db.close();
  }
  return facts;
}
