import zlib from 'node:zlib';

// Zip archives (an .xlsx is one, and so is a zipped bundle folder) are opened here before any library
// inflates them: a 1.5 MB zip bomb sent as a 调度表 once took the server to 2.5 GB. This reads the
// central directory first and refuses, before inflating a byte, an archive whose declared sizes or
// entry count pass the bounds or whose names climb out of their folder; then it inflates each entry
// with node:zlib capped at its declared size, so a header that lies about its size is caught at that
// size instead of at the end of the memory.
//
// Why our own parse on node:zlib and not a library: what is needed is small (the central directory,
// two compression methods, no ZIP64, no encryption, nothing written), and each bound must hold before
// inflating, which yauzl offers only for files and streams and fflate does not offer (it inflates, then
// reports). node:zlib's maxOutputLength stops an inflate at the cap natively, chunk by chunk.

export interface ZipLimits {
  /** the sum of the entries' declared uncompressed sizes */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 50 * 1024 * 1024, maxEntries: 2000 };

export type ZipRefusal = 'too-large' | 'too-many-entries' | 'unsafe-name' | 'lying-size' | 'unsupported' | 'corrupt';

const CODE: Record<ZipRefusal, string> = {
  'too-large': 'ZIP_TOO_LARGE',
  'too-many-entries': 'ZIP_TOO_MANY_ENTRIES',
  'unsafe-name': 'ZIP_UNSAFE_NAME',
  'lying-size': 'ZIP_LYING_SIZE',
  unsupported: 'ZIP_UNSUPPORTED',
  corrupt: 'ZIP_CORRUPT',
};

/** A zip (or .xlsx) refused before or while inflating; `message` is English, `messageZh` Chinese. */
export class ZipRefusedError extends Error {
  constructor(readonly kind: ZipRefusal, message: string, readonly messageZh: string) {
    super(message);
    this.name = 'ZipRefusedError';
  }
  get code(): string {
    return CODE[this.kind];
  }
  /** 413 for what is too big (declared or actual), 400 for an archive that is malformed or unsafe */
  get status(): number {
    return ['too-large', 'too-many-entries', 'lying-size'].includes(this.kind) ? 413 : 400;
  }
  /** both languages, for an answer read by a clerk or a script */
  get bilingual(): string {
    return `${this.messageZh}（${this.message}）`;
  }
}

export interface ZipEntry {
  /** as stored, `/`-separated */
  name: string;
  isDirectory: boolean;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
const corrupt = (what: string) => new ZipRefusedError('corrupt', `not a readable zip archive: ${what}`, `不是可读取的 zip 压缩文件：${what}`);

function findEndOfCentralDirectory(buf: Buffer): number {
  // the record is 22 bytes plus a comment of at most 65,535
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  throw corrupt('no end-of-central-directory record');
}

/** An entry name that would land outside the folder it is unpacked into, or that no file can have. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\u0000')) return 'contains the NUL character';
  if (name.includes('\\')) return 'uses \\ as a separator';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').some((s) => s === '..')) return 'climbs out of its folder with ..';
  return undefined;
}

/**
 * Reads the central directory and checks every bound that can be checked without inflating: the entry
 * count, the declared total size, the names, the methods. Throws ZipRefusedError.
 */
export function listZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  if (buf.length < 22) throw corrupt('too short');
  const eocd = findEndOfCentralDirectory(buf);
  const declared = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (declared === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new ZipRefusedError('unsupported', 'ZIP64 archives are not accepted; a bundle or workbook is far smaller than 4 GB', '不接受 ZIP64 格式的压缩文件；台账包或工作簿远小于 4 GB');
  }
  if (declared > limits.maxEntries) {
    throw new ZipRefusedError('too-many-entries', `the archive has ${declared} entries, over the limit of ${limits.maxEntries}`, `压缩文件含 ${declared} 个条目，超过 ${limits.maxEntries} 个的上限`);
  }
  if (cdOffset + cdSize > eocd) throw corrupt('the central directory lies outside the file');
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  while (p < cdOffset + cdSize) {
    if (entries.length >= limits.maxEntries) {
      throw new ZipRefusedError('too-many-entries', `the archive has more than ${limits.maxEntries} entries`, `压缩文件的条目超过 ${limits.maxEntries} 个的上限`);
    }
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw corrupt(`bad central directory entry at byte ${p}`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    const unsafe = unsafeEntryName(name);
    if (unsafe) throw new ZipRefusedError('unsafe-name', `entry "${name}" ${unsafe}`, `条目“${name}”的路径不安全（绝对路径或含 ..）`);
    if (flags & 1) throw new ZipRefusedError('unsupported', `entry "${name}" is encrypted`, `条目“${name}”已加密，无法读取`);
    if (size === 0xffffffff || compressedSize === 0xffffffff) {
      throw new ZipRefusedError('unsupported', `entry "${name}" is a ZIP64 entry`, `条目“${name}”为 ZIP64 格式，不接受`);
    }
    if (method !== 0 && method !== 8) throw new ZipRefusedError('unsupported', `entry "${name}" uses compression method ${method}; only stored and deflated entries are read`, `条目“${name}”的压缩方式（${method}）不受支持`);
    total += size;
    if (total > limits.maxTotalBytes) {
      throw new ZipRefusedError('too-large', `the archive would inflate to more than ${MB(limits.maxTotalBytes)} (at least ${MB(total)} declared); refused before inflating`, `压缩文件解压后超过 ${MB(limits.maxTotalBytes)} 的上限（声明至少 ${MB(total)}），未解压即拒收`);
    }
    entries.push({ name, isDirectory: name.endsWith('/'), method, compressedSize, size, crc, localOffset });
  }
  return entries;
}

/** Inflates one entry, stopped at its declared size: a header that lies is refused at that size. */
export function inflateEntry(buf: Buffer, e: ZipEntry): Buffer {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) throw corrupt(`no local header for "${e.name}"`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + e.compressedSize > buf.length) throw corrupt(`entry "${e.name}" runs past the end of the file`);
  const data = buf.subarray(start, start + e.compressedSize);
  let out: Buffer;
  if (e.method === 0) {
    out = Buffer.from(data);
  } else {
    try {
      // one byte more than declared, so a liar is told apart from an entry that fills its size exactly
      out = zlib.inflateRawSync(data, { maxOutputLength: e.size + 1 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ZipRefusedError('lying-size', `entry "${e.name}" inflates past the ${e.size} bytes its header declares; refused`, `条目“${e.name}”解压后超过其声明的 ${e.size} 字节，已拒收`);
      }
      throw corrupt(`entry "${e.name}" cannot be inflated (${(err as Error).message})`);
    }
  }
  if (out.length !== e.size) {
    const kind = out.length > e.size ? 'lying-size' : 'corrupt';
    throw new ZipRefusedError(kind, `entry "${e.name}" holds ${out.length} bytes, its header declares ${e.size}`, `条目“${e.name}”实际 ${out.length} 字节，与声明的 ${e.size} 字节不符`);
  }
  if (zlib.crc32(out) >>> 0 !== e.crc >>> 0) throw corrupt(`entry "${e.name}" fails its CRC check`);
  return out;
}

/** Every file entry, inflated within the bounds. */
export function readZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): { entry: ZipEntry; data: Buffer }[] {
  return listZip(buf, limits)
    .filter((e) => !e.isDirectory)
    .map((entry) => ({ entry, data: inflateEntry(buf, entry) }));
}

/**
 * Checks an archive end to end (every entry inflated within the bounds, one at a time and let go), so
 * that a library that inflates it afterwards (exceljs through JSZip) inflates only what was checked.
 */
export function assertSafeZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const entries = listZip(buf, limits);
  for (const e of entries) if (!e.isDirectory) inflateEntry(buf, e);
  return entries;
}
