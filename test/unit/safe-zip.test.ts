import { describe, expect, it } from '@jest/globals';
import { assertSafeZip, listZip, readZip, ZipRefusedError } from '../../api/src/common/safe-zip.js';
import { deflatedZeros, makeZip, manyEntriesBomb, zipBomb } from '../support/zips.js';

function refusal(f: () => unknown): ZipRefusedError {
  try {
    f();
  } catch (e) {
    if (e instanceof ZipRefusedError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('safe zip reader', () => {
  it('reads an honest archive entry by entry', () => {
    const zip = makeZip([{ name: 'b/units.csv', data: Buffer.from('code,name\n1,a\n') }, { name: 'b/empty.csv', data: Buffer.alloc(0) }]);
    const got = readZip(zip).map((x) => [x.entry.name, x.data.toString()]);
    expect(got).toEqual([['b/units.csv', 'code,name\n1,a\n'], ['b/empty.csv', '']]);
  });

  it('refuses a 1 GB bomb from its central directory, before inflating, in well under 2 s', async () => {
    const bomb = await zipBomb();
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    const rss = process.memoryUsage().rss;
    const t0 = Date.now();
    const e = refusal(() => assertSafeZip(bomb));
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    expect(e.kind).toBe('too-large');
    expect(e.status).toBe(413);
    expect(e.messageZh).toContain('50 MB');
  });

  it('stops an entry that inflates past the size its header declares', async () => {
    const liar = makeZip([{ name: 'sheet.xml', deflated: await deflatedZeros(300 * 1024 * 1024), declaredSize: 1000 }]);
    const rss = process.memoryUsage().rss;
    const e = refusal(() => assertSafeZip(liar));
    expect(e.kind).toBe('lying-size');
    expect(process.memoryUsage().rss - rss).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses too many entries before reading them all', () => {
    const e = refusal(() => listZip(manyEntriesBomb(5000)));
    expect(e.kind).toBe('too-many-entries');
    expect(e.message).toContain('5000');
  });

  it.each([['../evil.csv'], ['/etc/passwd'], ['a/../../b.csv'], ['C:/x.csv'], ['a\\..\\b.csv']])('refuses the unsafe name %s', (name) => {
    const e = refusal(() => listZip(makeZip([{ name, data: Buffer.from('x') }])));
    expect(e.kind).toBe('unsafe-name');
    expect(e.status).toBe(400);
  });

  it('refuses what is not a zip at all', () => {
    expect(refusal(() => listZip(Buffer.from('code,name\n'.repeat(10)))).kind).toBe('corrupt');
  });
});
