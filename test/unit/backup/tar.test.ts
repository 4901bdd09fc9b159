import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tarFolder, tarHeader, untarInto, END_OF_ARCHIVE, padding } from '../../../api/src/backup/tar.js';

// The backup's own tar writer and reader: a folder comes back file for file, GNU tar reads what it
// writes, and an entry that would leave the target folder is refused.

async function collect(gen: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of gen) parts.push(b);
  return Buffer.concat(parts);
}

async function* once(b: Buffer): AsyncGenerator<Buffer> {
  // in uneven chunks, as a stream delivers them
  for (let i = 0; i < b.length; i += 777) yield b.subarray(i, i + 777);
}

describe('backup tar', () => {
  let tmp: string;
  let src: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-tar-'));
    src = path.join(tmp, 'src');
    fs.mkdirSync(path.join(src, 'base/16384'), { recursive: true });
    fs.mkdirSync(path.join(src, 'empty'));
    fs.writeFileSync(path.join(src, 'PG_VERSION'), '17\n');
    fs.writeFileSync(path.join(src, 'base/16384/2619'), Buffer.alloc(8192 * 3 + 5, 7));
    fs.writeFileSync(path.join(src, 'base/16384/zero'), '');
    const deep = path.join(src, 'd'.repeat(60), 'e'.repeat(60));
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(deep, 'long-name-file'), '长路径');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('restores a folder file for file, GNU tar lists the same entries', async () => {
    const tar = await collect(tarFolder(src));
    expect(tar.length % 512).toBe(0);
    const out = path.join(tmp, 'out');
    fs.mkdirSync(out);
    const files = await untarInto(once(tar), out);
    expect(files).toBe(4);
    const list = (d: string): string[] => fs.readdirSync(d, { recursive: true, encoding: 'utf8' }).sort();
    expect(list(out)).toEqual(list(src));
    for (const f of list(src).filter((f) => fs.statSync(path.join(src, f)).isFile())) {
      expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(src, f)))).toBe(true);
    }
    fs.writeFileSync(path.join(tmp, 'x.tar'), tar);
    const gnu = execFileSync('tar', ['-tf', path.join(tmp, 'x.tar')], { encoding: 'utf8' }).trim().split('\n').map((l) => l.replace(/\/$/, '')).sort();
    expect(gnu).toEqual(list(src));
  });

  it('refuses an entry that points outside the folder, and a stream cut inside a file', async () => {
    const evil = Buffer.concat([tarHeader('../escaped', 3, 'file', 0o644), Buffer.from('abc'), padding(3), END_OF_ARCHIVE]);
    const out = path.join(tmp, 'evil');
    fs.mkdirSync(out);
    await expect(untarInto(once(evil), out)).rejects.toThrow(/points outside the folder/);
    expect(fs.existsSync(path.join(tmp, 'escaped'))).toBe(false);
    const tar = await collect(tarFolder(src));
    await expect(untarInto(once(tar.subarray(0, 512 * 6 + 100)), path.join(tmp, 'cut'))).rejects.toThrow(/ends/);
  });

  it('refuses a header whose checksum does not match', async () => {
    const h = tarHeader('a', 0, 'file', 0o644);
    h[0] = 'b'.charCodeAt(0);
    await expect(untarInto(once(Buffer.concat([h, END_OF_ARCHIVE])), path.join(tmp, 'bad'))).rejects.toThrow(/checksum/);
  });
});
