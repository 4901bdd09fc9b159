import fs from 'node:fs';
import path from 'node:path';

// A minimal POSIX ustar writer and reader for a folder of plain files and sub-folders (a PGlite data
// folder has nothing else), built on node's own modules so that a backup needs no extra package and
// `tar -tzf` can still list it.
const BLOCK = 512;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

/** One 512-byte header; names longer than 100 bytes go into the ustar prefix field. */
export function tarHeader(name: string, size: number, type: 'file' | 'dir', mode: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
    if (cut <= 0 || Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`path too long for a tar entry: ${name}`);
  }
  h.write(base, 0, 100, 'utf8');
  h.write(octal(mode & 0o7777, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii'); // uid
  h.write(octal(0, 8), 116, 'ascii'); // gid
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(0, 12), 136, 'ascii'); // mtime: fixed, so the same folder gives the same bytes
  h.fill(' ', 148, 156); // checksum is computed with its own field as spaces
  h.write(type === 'dir' ? '5' : '0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

export function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

/** The tar stream of everything under `root`, in name order, paths relative to it. */
export async function* tarFolder(root: string): AsyncGenerator<Buffer> {
  async function* walk(rel: string): AsyncGenerator<Buffer> {
    const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const name = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(root, name);
      const st = fs.statSync(full);
      if (e.isDirectory()) {
        yield tarHeader(`${name}/`, 0, 'dir', st.mode);
        yield* walk(name);
      } else if (e.isFile()) {
        yield tarHeader(name, st.size, 'file', st.mode);
        let written = 0;
        for await (const chunk of fs.createReadStream(full)) {
          written += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
        // the copy is closed and locked, so a size change means something else wrote to it
        if (written !== st.size) throw new Error(`${full} changed while it was read`);
        yield padding(st.size);
      } else {
        throw new Error(`${full} is neither a file nor a folder; a database folder should hold only those`);
      }
    }
  }
  yield* walk('');
  yield END_OF_ARCHIVE;
}

function field(h: Buffer, start: number, length: number): string {
  const s = h.subarray(start, start + length);
  const nul = s.indexOf(0);
  return (nul < 0 ? s : s.subarray(0, nul)).toString('utf8');
}

export interface TarEntry {
  name: string;
  type: 'file' | 'dir';
  size: number;
  mode: number;
}

/** Parses a header block; undefined at the end-of-archive (zero) block. Throws on a bad checksum. */
export function parseTarHeader(h: Buffer): TarEntry | undefined {
  if (h.every((b) => b === 0)) return undefined;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  if (parseInt(field(h, 148, 8).trim(), 8) !== sum) throw new Error('tar header checksum does not match');
  const flag = String.fromCharCode(h[156]);
  if (flag !== '0' && flag !== '\0' && flag !== '5') throw new Error(`unexpected tar entry type "${flag}"`);
  const prefix = field(h, 345, 155);
  const base = field(h, 0, 100);
  const name = (prefix ? `${prefix}/${base}` : base).replace(/\/$/, '');
  return { name, type: flag === '5' ? 'dir' : 'file', size: parseInt(field(h, 124, 12).trim(), 8), mode: parseInt(field(h, 100, 8).trim(), 8) };
}

/** Writes the entries of a tar stream under `root`, refusing any path that would leave it. */
export async function untarInto(stream: AsyncIterable<Buffer>, root: string): Promise<number> {
  let buf: Buffer = Buffer.alloc(0);
  let current: { fd: number; left: number; pad: number } | undefined;
  let skip = 0;
  let files = 0;
  let ended = false;
  const target = (name: string) => {
    const full = path.resolve(root, name);
    if (path.isAbsolute(name) || !full.startsWith(path.resolve(root) + path.sep)) throw new Error(`tar entry "${name}" points outside the folder`);
    return full;
  };
  for await (const chunk of stream) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (ended) { buf = Buffer.alloc(0); break; }
      if (current) {
        const n = Math.min(current.left, buf.length);
        if (n > 0) fs.writeSync(current.fd, buf, 0, n);
        current.left -= n;
        buf = buf.subarray(n);
        if (current.left > 0) break;
        fs.closeSync(current.fd);
        skip = current.pad;
        current = undefined;
      }
      if (skip) {
        const n = Math.min(skip, buf.length);
        skip -= n;
        buf = buf.subarray(n);
        if (skip) break;
      }
      if (buf.length < BLOCK) break;
      const entry = parseTarHeader(buf.subarray(0, BLOCK));
      buf = buf.subarray(BLOCK);
      if (!entry) { ended = true; continue; }
      const full = target(entry.name);
      if (entry.type === 'dir') {
        fs.mkdirSync(full, { recursive: true, mode: entry.mode || 0o700 });
        continue;
      }
      fs.mkdirSync(path.dirname(full), { recursive: true });
      current = { fd: fs.openSync(full, 'w', entry.mode || 0o600), left: entry.size, pad: padding(entry.size).length };
      files++;
    }
  }
  if (current) {
    fs.closeSync(current.fd);
    throw new Error('the tar stream ends inside a file');
  }
  if (!ended) throw new Error('the tar stream ends without its end-of-archive block');
  return files;
}
