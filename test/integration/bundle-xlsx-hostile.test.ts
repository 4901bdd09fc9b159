import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { freshDatabase, SAMPLE_BUNDLE, type TestDatabase } from '../support/databases.js';
import { refusal, tableCounts, workbookFromBundle } from '../support/bundles.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { makeZip, manyEntriesBomb, zipBomb } from '../support/zips.js';
import { cli } from '../support/cli.js';

// A workbook's formula cells carry a cached result computed by whatever saved the file last (or none):
// the ledger takes typed values only. A workbook is a zip: a bomb is refused before exceljs inflates it.
describe('hostile .xlsx bundles', () => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await freshDatabase('embedded');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-xlsx-hostile-'));
    await workbookFromBundle(SAMPLE_BUNDLE, path.join(dir, 'sample.xlsx'));
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses formula cells naming the sheet, row and column, and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'sample.xlsx'));
    const hazards = wb.getWorksheet('hazards')!;
    const col = (name: string) => (hazards.getRow(1).values as unknown[]).indexOf(name);
    hazards.getCell(3, col('found_on')).value = { formula: 'DATE(2023,6,21)', result: new Date('2023-06-21T00:00:00Z') };
    wb.getWorksheet('drills')!.getCell('B2').value = { formula: 'TODAY()' };
    const bad = path.join(dir, 'formulas.xlsx');
    await wb.xlsx.writeFile(bad);
    // (the hazard whose found_on is refused is then missing for the records that name it: listed too)
    expect(await refusal(importBundle(t.db.dataSource, bad, { actor: 'test' }))).toEqual(expect.arrayContaining([
      'hazards:3: found_on: a formula (=DATE(2023,6,21)) is not accepted; type the value',
      'drills:2: drilled_on: a formula (=TODAY()) is not accepted; type the value',
    ]));
    expect(Object.values(await tableCounts(t.db.dataSource)).every((n) => n === 0)).toBe(true);
  });

  it('refuses a zip bomb, too many entries and unsafe names named as an .xlsx, before inflating', async () => {
    const cases: [string, Buffer, RegExp][] = [
      ['bomb.xlsx', await zipBomb(), /^bomb\.xlsx: refused: the archive would inflate to more than 50 MB/],
      ['many.xlsx', manyEntriesBomb(3000), /^many\.xlsx: refused: the archive has 3000 entries, over the limit of 2000/],
      ['climb.xlsx', makeZip([{ name: '../../etc/x', data: Buffer.from('x') }]), /^climb\.xlsx: refused: entry "\.\.\/\.\.\/etc\/x" climbs out/],
    ];
    for (const [name, bytes, expected] of cases) {
      fs.writeFileSync(path.join(dir, name), bytes);
      const rss = process.memoryUsage().rss;
      const t0 = Date.now();
      const problems = await refusal(importBundle(t.db.dataSource, path.join(dir, name), { actor: 'test' }));
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
      expect(problems[0]).toMatch(expected);
    }
  });

  it('says a file that is no zip at all cannot be read as a workbook', async () => {
    fs.writeFileSync(path.join(dir, 'text.xlsx'), 'code,name,level,parent_code\n140500,晋城市,city,\n');
    expect(await refusal(importBundle(t.db.dataSource, path.join(dir, 'text.xlsx'), { actor: 'test' }))).toEqual([
      'text.xlsx: cannot be read as an .xlsx workbook (not a readable zip archive: no end-of-central-directory record)',
    ]);
  });

  it('the CLI exits 1 naming the reason, for a bundle workbook and for a 调度表', async () => {
    const bomb = path.join(dir, 'cli-bomb.xlsx');
    fs.writeFileSync(bomb, await zipBomb());
    const dataDir = path.join(dir, 'data');
    const imported = cli(['import', bomb], { DATA_DIR: dataDir });
    expect([imported.status, imported.stderr]).toEqual([1, expect.stringMatching(/^cli-bomb\.xlsx: refused: the archive would inflate to more than 50 MB/m)]);
    // a 调度表 is read against a unit: the ledger needs its units first
    const unitsOnly = path.join(dir, 'units-only');
    fs.mkdirSync(unitsOnly);
    fs.copyFileSync(path.join(SAMPLE_BUNDLE, 'units.csv'), path.join(unitsOnly, 'units.csv'));
    expect(cli(['import', unitsOnly], { DATA_DIR: dataDir }).status).toBe(0);
    const reconciled = cli(['reconcile', '--unit', '140525', '--month', '2023-08', bomb], { DATA_DIR: dataDir });
    expect(reconciled.status).toBe(1);
    expect(reconciled.stderr).toMatch(/refused: the archive would inflate to more than 50 MB[^\n]*\n压缩文件解压后超过 50 MB 的上限/);
  });
});
