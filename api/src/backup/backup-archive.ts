import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { RefusedError } from '../cli/usage-error.js';
import { BACKUP_FORMAT, PAYLOAD_NAME, manifestProblem, type BackupManifest } from './backup-manifest.js';
import { END_OF_ARCHIVE, padding, parseTarHeader, tarFolder, tarHeader } from './tar.js';

// An embedded backup is one uncompressed tar holding two entries: manifest.json, then the database
// folder as pgdata.tar.gz. Manifest first, so `tar -xOf FILE manifest.json` shows what a file is
// without unpacking the rest; the payload is compressed on its own, so its sha256 covers exactly it.

function hashing(hash: crypto.Hash): Transform {
  return new Transform({ transform(chunk: Buffer, _enc, done) { hash.update(chunk); done(null, chunk); } });
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

/** Writes the archive of `folder` to `file` (which must not be read by anyone yet: the caller renames it). */
export async function writeEmbeddedArchive(
  folder: string,
  file: string,
  describe: Omit<BackupManifest, 'format' | 'formatVersion' | 'engine' | 'payload'>,
): Promise<BackupManifest> {
  const payloadFile = `${file}.payload`;
  try {
    const hash = crypto.createHash('sha256');
    await pipeline(tarFolder(folder), zlib.createGzip(), hashing(hash), fs.createWriteStream(payloadFile));
    const bytes = fs.statSync(payloadFile).size;
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      engine: 'embedded',
      ...describe,
      payload: { name: PAYLOAD_NAME, bytes, sha256: hash.digest('hex') },
    };
    const json = Buffer.from(JSON.stringify(manifest, null, 1) + '\n');
    async function* archive(): AsyncGenerator<Buffer> {
      yield tarHeader('manifest.json', json.length, 'file', 0o644);
      yield json;
      yield padding(json.length);
      yield tarHeader(PAYLOAD_NAME, bytes, 'file', 0o644);
      for await (const chunk of fs.createReadStream(payloadFile)) yield chunk as Buffer;
      yield padding(bytes);
      yield END_OF_ARCHIVE;
    }
    await pipeline(archive(), fs.createWriteStream(file));
    fsyncFile(file);
    return manifest;
  } finally {
    fs.rmSync(payloadFile, { force: true });
  }
}

export type ArchiveKind = 'postgres' | 'embedded';

export interface VerifiedArchive {
  manifest: BackupManifest;
  file: string;
  /** byte range of the payload inside the file */
  start: number;
  end: number;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  const n = fs.readSync(fd, b, 0, length, position);
  return b.subarray(0, n);
}

/**
 * What made `file`: 'postgres' for pg_dump's custom format (it starts with PGDMP), 'embedded' for an
 * archive whose first entry is our manifest. Refuses anything else, saying so.
 */
export function archiveKind(file: string): ArchiveKind {
  if (!fs.existsSync(file)) throw new RefusedError(`no backup file ${file}`);
  if (!fs.statSync(file).isFile()) throw new RefusedError(`${file} is not a file; give --from the backup file that \`backup --out\` wrote`);
  const fd = fs.openSync(file, 'r');
  try {
    const head = readAt(fd, 0, 512);
    if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
    let entry;
    try {
      entry = head.length === 512 ? parseTarHeader(head) : undefined;
    } catch {
      entry = undefined;
    }
    if (entry?.name === 'manifest.json') return 'embedded';
    throw new RefusedError(`${file} is not a backup made by \`npm run cli -- backup\` (neither a pg_dump custom-format file nor an archive that starts with manifest.json); nothing was changed`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads the manifest and checks the payload's size and sha256 against it; refuses a damaged file. */
export async function verifyEmbeddedArchive(file: string): Promise<VerifiedArchive> {
  const damaged = (what: string) => new RefusedError(`${file} is damaged: ${what}. Nothing was changed; restore from another copy of the backup`);
  const fd = fs.openSync(file, 'r');
  const size = fs.fstatSync(fd).size;
  let manifest: BackupManifest;
  let start: number;
  try {
    const first = parseTarHeader(readAt(fd, 0, 512));
    if (first?.name !== 'manifest.json') throw damaged('its first entry is not manifest.json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(readAt(fd, 512, first.size).toString('utf8'));
    } catch {
      throw damaged('manifest.json is not readable JSON');
    }
    const problem = manifestProblem(parsed);
    if (problem) throw new RefusedError(`${file} cannot be restored: ${problem}; nothing was changed`);
    manifest = parsed as BackupManifest;
    const at = 512 + first.size + padding(first.size).length;
    let second;
    try {
      second = parseTarHeader(readAt(fd, at, 512));
    } catch (e) {
      throw damaged(`the payload's header is unreadable (${(e as Error).message})`);
    }
    if (second?.name !== manifest.payload.name || second.size !== manifest.payload.bytes) throw damaged(`the payload entry does not match the manifest (${manifest.payload.name}, ${manifest.payload.bytes} bytes)`);
    start = at + 512;
    if (size < start + manifest.payload.bytes) throw damaged(`it is truncated: the payload needs ${manifest.payload.bytes} bytes, the file holds ${Math.max(0, size - start)}`);
  } finally {
    fs.closeSync(fd);
  }
  const end = start + manifest.payload.bytes; // exclusive
  const hash = crypto.createHash('sha256');
  if (end > start) for await (const chunk of fs.createReadStream(file, { start, end: end - 1 })) hash.update(chunk as Buffer);
  const sha = hash.digest('hex');
  if (sha !== manifest.payload.sha256) throw damaged(`the payload's sha256 is ${sha}, the manifest says ${manifest.payload.sha256} (checksum mismatch)`);
  return { manifest, file, start, end };
}

/** The decompressed tar stream of a verified archive's payload. */
export function payloadStream(a: VerifiedArchive): AsyncIterable<Buffer> {
  const gunzip = zlib.createGunzip();
  const source = fs.createReadStream(a.file, { start: a.start, end: a.end - 1 });
  source.on('error', (e) => gunzip.destroy(e));
  return source.pipe(gunzip);
}
