import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { freshDatabase, SAMPLE_BUNDLE, type TestDatabase } from '../support/databases.js';
import { csvRowCounts, expectRefusedEdit, readDatesInTimeZone, refusal, setCell, tableCounts, workbookFromBundle } from '../support/bundles.js';
import { FILE_NAMES } from '../../api/src/bundle/bundle-files.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';

// The same sample as one workbook, with typed cells (dates, numbers, booleans) where Excel users have
// them.
describe('a bundle as an .xlsx workbook', () => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await freshDatabase('embedded');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-xlsx-'));
    await workbookFromBundle(SAMPLE_BUNDLE, path.join(dir, 'sample.xlsx'));
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports bad cells at SHEET:ROW and an unknown sheet, and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'sample.xlsx'));
    wb.getWorksheet('enterprises')!.getCell('F3').value = 'maybe'; // high_risk
    wb.getWorksheet('hazards')!.getCell('I3').value = new Date('2023-06-20T00:00:00Z'); // confirmed_on, before found_on 2023-06-21
    wb.getWorksheet('drills')!.getCell('B2').value = { error: '#REF!' };
    wb.getWorksheet('drills')!.getCell('D3').value = 'stray';
    wb.addWorksheet('notes').addRow(['anything']);
    const bad = path.join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    expect(await refusal(importBundle(t.db.dataSource, bad, { actor: 'test' }))).toEqual([
      'enterprises:3: high_risk: "maybe" is not a boolean (true/false, 1/0, 是/否)',
      'hazards:3: confirmed_on: 2023-06-20 is before the hazard was found (found_on 2023-06-21)',
      'drills:2: drilled_on: the cell holds the error #REF!',
      'drills:3: D: unparsable row: a value in a column that has no header',
      `notes: unknown sheet; a bundle workbook holds only the sheets ${FILE_NAMES.map((f) => f.replace('.csv', '')).join(', ')}`,
    ]);
    expect(Object.values(await tableCounts(t.db.dataSource)).every((n) => n === 0)).toBe(true);
  });

  it('imports to the same rows as the CSV folder: the folder imported after it changes nothing', async () => {
    const r = await importBundle(t.db.dataSource, path.join(dir, 'sample.xlsx'), { actor: 'test' });
    const { audit_log, ...ledger } = await tableCounts(t.db.dataSource);
    expect(ledger).toEqual(csvRowCounts());
    expect(r.files['hazards.csv'].inserted).toBe(ledger.hazards);
    const again = await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test' });
    for (const c of Object.values(again.files)) expect(c.inserted + c.updated).toBe(0);
    expect((await tableCounts(t.db.dataSource)).audit_log).toBe(audit_log);
    const [h] = await t.db.dataSource.query(`SELECT found_on, funds_wan FROM hazards WHERE ledger_no = 'JC-140502-2023-0001'`);
    expect(h).toEqual({ found_on: '2023-05-07', funds_wan: '4.20' });
  });

  it('reads the same calendar days in any time zone', async () => {
    const days = (tz: string) => readDatesInTimeZone(path.join(dir, 'sample.xlsx'), tz);
    const csvDays = fs.readFileSync(path.join(SAMPLE_BUNDLE, 'hazards.csv'), 'utf8').split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(',')[4]);
    for (const tz of ['America/Los_Angeles', 'Asia/Shanghai', 'UTC']) expect([tz, days(tz)]).toEqual([tz, csvDays]);
  });
});

describe('a quoted field that spans lines', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase('embedded'); });
  afterAll(async () => { await t?.drop(); });

  it('does not shift the line reported for the records after it', () => expectRefusedEdit(t.db.dataSource, (d) => {
    setCell(d, 'hazards.csv', 3, 'source', 'rumour');
    setCell(d, 'hazards.csv', 2, 'description', '隐患1\n第二行, "引号"'); // written quoted, over two physical lines
  }, ['hazards.csv:4: source: "rumour" is not one of self_check, enforcement, public_report, superior_assignment']));
});
