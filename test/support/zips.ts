import zlib from 'node:zlib';

// Zip archives built byte by byte for tests: honest ones (a bundle folder zipped as a clerk would) and
// hostile ones (a bomb, a header that lies about its size, thousands of entries, a name with ..).

export interface ZipInput {
  name: string;
  /** the entry's bytes, deflated here */
  data?: Buffer;
  /** bytes already deflated (a bomb made by streaming), with the size and CRC they inflate to */
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** the size to write in the headers instead of the true one (a lying header) */
  declaredSize?: number;
}

export function makeZip(inputs: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of inputs) {
    const name = Buffer.from(e.name, 'utf8');
    const bytes = e.deflated?.bytes ?? zlib.deflateRawSync(e.data ?? Buffer.alloc(0));
    const size = e.declaredSize ?? e.deflated?.size ?? (e.data?.length ?? 0);
    const crc = e.deflated?.crc ?? zlib.crc32(e.data ?? Buffer.alloc(0));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(bytes.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(bytes.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, bytes);
    centrals.push(central, name);
    offset += 30 + name.length + bytes.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(inputs.length, 0xfffe), 8);
  end.writeUInt16LE(Math.min(inputs.length, 0xfffe), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** `bytes` zeros deflated by streaming (never held whole): 1 GB gives about 1 MB. */
export async function deflatedZeros(bytes: number): Promise<{ bytes: Buffer; size: number; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  for (let left = bytes; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = zlib.crc32(part, crc);
    if (!deflate.write(part)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { bytes: Buffer.concat(out), size: bytes, crc };
}

/** A zip bomb: one entry of 1 GB of zeros, honestly declared (refused by the central directory). */
export async function zipBomb(name = 'xl/worksheets/sheet1.xml'): Promise<Buffer> {
  return makeZip([{ name, deflated: await deflatedZeros(1024 * 1024 * 1024) }]);
}

/** Many small entries: refused by their count before any is inflated. */
export function manyEntriesBomb(n = 20000): Buffer {
  return makeZip(Array.from({ length: n }, (_, i) => ({ name: `f${i}.csv`, data: Buffer.from('x') })));
}
