import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from '@jest/globals';
import { DISPATCH_KEYS, type DispatchJson } from '../../../analytics/src/contracts.js';
import { DISPATCH_LAYOUT, DISPATCH_TITLE_LINES, LAYOUT_BY_KEY } from '../../../api/src/exports/dispatch-layout.js';
import { valueAddresses } from '../../../api/src/exports/dispatch-sheet.js';
import {
  CITY_WIDE_SHEET, dispatchWorkbookBuffer, displayWidth, SUMMARY_CODE_ROW, SUMMARY_NAME_ROW, SUMMARY_FIRST_ROW, SUMMARY_FIRST_UNIT_COL, SUMMARY_KEYS, SUMMARY_SHEET,
  unitSheetNames,
} from '../../../api/src/exports/dispatch-workbook.js';
import { SAMPLE_EXPECTED } from '../../support/databases.js';

const dispatch = (month: string): DispatchJson => JSON.parse(fs.readFileSync(path.join(SAMPLE_EXPECTED, `dispatch-${month}.json`), 'utf8'));

async function readBack(d: DispatchJson): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await dispatchWorkbookBuffer(d) as never);
  return wb;
}

/** Every cell of a sheet that holds a number, as address → value (a merged cell once, at its top left). */
function numericCells(ws: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>();
  ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'number' && c.master.address === c.address) out.set(c.address, c.value); }));
  return out;
}

describe('the attachment layout', () => {
  it('holds every dispatch JSON key once, in the order of DISPATCH_KEYS', () => {
    expect(SUMMARY_KEYS).toEqual([...DISPATCH_KEYS]);
    expect(DISPATCH_LAYOUT.map((s) => s.items.length)).toEqual([10, 8, 10]);
  });

  it('numbers each section from 1 and gives two values to 行政处罚, 停产/关闭 and 典型案例', () => {
    for (const s of DISPATCH_LAYOUT) expect(s.items.map((i) => i.no)).toEqual(s.items.map((_, k) => k + 1));
    const twoValued = DISPATCH_LAYOUT.flatMap((s) => s.items).filter((i) => i.keys.length === 2).map((i) => i.keys);
    expect(twoValued).toEqual([['C3_count', 'C3_amount_wan'], ['C6_suspended', 'C6_closed'], ['C8_cases', 'C8_crime_cases']]);
  });
});

describe('the dispatch workbook', () => {
  const d = dispatch('2023-08');

  it('has the summary, one sheet per unit and the city-wide sheet', async () => {
    const wb = await readBack(d);
    const names = unitSheetNames(d.units);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SUMMARY_SHEET, ...d.units.map((u) => names.get(u.unit)), CITY_WIDE_SHEET]);
    expect(names.get('140500')).toBe('晋城市（本单位）');
  });

  it('holds on every unit sheet exactly the dispatch figures, as numbers, and no other number', async () => {
    const wb = await readBack(d);
    const names = unitSheetNames(d.units);
    const addresses = valueAddresses();
    for (const row of [...d.units.map((u) => ({ row: u, sheet: names.get(u.unit)! })), { row: d.cityWide, sheet: CITY_WIDE_SHEET }]) {
      const ws = wb.getWorksheet(row.sheet)!;
      const expected = new Map([...addresses].map(([key, addr]) => [addr, (row.row as Record<string, number>)[key]]));
      expect(numericCells(ws)).toEqual(expected);
      expect(ws.getCell('A1').value).toBe(DISPATCH_TITLE_LINES.join('\n'));
      expect(String(ws.getCell('A2').value)).toContain(row.row.level === 'city' ? `${row.row.name}（本单位）` : row.row.name);
      expect(String(ws.getCell('F2').value)).toBe('时间：2023年8月31日');
    }
  });

  it('puts every unit side by side on the summary, each value cell equal to the JSON', async () => {
    const ws = (await readBack(d)).getWorksheet(SUMMARY_SHEET)!;
    const columns = [...d.units, d.cityWide];
    const expected = new Map<string, number>();
    columns.forEach((u, i) => {
      expect(ws.getCell(SUMMARY_CODE_ROW, SUMMARY_FIRST_UNIT_COL + i).value).toBe(u.level === 'all' ? '全市' : u.unit);
      SUMMARY_KEYS.forEach((key, r) => expected.set(ws.getCell(SUMMARY_FIRST_ROW + r, SUMMARY_FIRST_UNIT_COL + i).address, (u as Record<string, number>)[key]));
    });
    expect(numericCells(ws)).toEqual(expected);
    expect(ws.getCell(SUMMARY_FIRST_ROW + SUMMARY_KEYS.indexOf('C6_closed'), 3).value).toBe(`${LAYOUT_BY_KEY.get('C6_closed')!.item.label}：关闭`);
  });

  it('titles the summary in the attachment\'s two lines, and sizes each column so that its heading\'s lines stay whole', async () => {
    const ws = (await readBack(d)).getWorksheet(SUMMARY_SHEET)!;
    expect(String(ws.getCell('A1').value).split('\n')).toEqual([DISPATCH_TITLE_LINES[0], `${DISPATCH_TITLE_LINES[1]}（汇总）`]);
    expect(ws.getRow(1).height).toBeGreaterThanOrEqual(2 * 16 * 1.3);
    const columns = [...d.units, d.cityWide];
    columns.forEach((u, i) => {
      const col = SUMMARY_FIRST_UNIT_COL + i;
      const lines = [...String(ws.getCell(SUMMARY_NAME_ROW, col).value).split('\n'), String(ws.getCell(SUMMARY_CODE_ROW, col).value)];
      // a line never starts with a closing bracket, and each fits its column (Excel units, with room for bold)
      for (const l of lines) {
        expect({ unit: u.unit, l, alone: /^[）)]/.test(l) }).toEqual({ unit: u.unit, l, alone: false });
        expect({ unit: u.unit, l, fits: displayWidth(l) * 1.1 <= ws.getColumn(col).width! }).toEqual({ unit: u.unit, l, fits: true });
      }
      expect(ws.getRow(SUMMARY_NAME_ROW).height).toBeGreaterThanOrEqual(15 * lines.length - 15);
    });
    expect(String(ws.getCell(SUMMARY_NAME_ROW, SUMMARY_FIRST_UNIT_COL)).split('\n')).toEqual(['晋城市', '（本单位）']);
    const every: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => { every.push(String(c.value)); }));
    expect(every.filter((v) => /\bALL\b/.test(v))).toEqual([]);
    expect(every).toContain('全市');
  });

  it('keeps two units of one name apart by code and sheet names within Excel limits', () => {
    const names = unitSheetNames([
      { unit: '140502', name: '城区', level: 'county' },
      { unit: '140302', name: '城区', level: 'county' },
      { unit: 'X', name: '一个名字非常非常长的单位[测试]/用于检查工作表名称不超过三十一个字符', level: 'county' },
    ]);
    expect(names.get('140502')).toBe('城区');
    expect(names.get('140302')).toBe('城区 140302');
    expect([...names.values()].every((n) => n.length <= 31 && !/[\\/?*[\]:]/.test(n))).toBe(true);
  });
});
