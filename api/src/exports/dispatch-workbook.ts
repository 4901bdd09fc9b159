import ExcelJS from 'exceljs';
import type { DispatchJson, DispatchRow } from '../../../analytics/src/contracts.js';
import { valueLabel } from '../dispatch/dispatch-items.js';
import { DISPATCH_TITLE_LINES, dispatchTitleLines, LAYOUT_BY_KEY } from './dispatch-layout.js';
import { formatDateLong } from '../common/chinese-format.js';
import { SHEET_FONT, TITLE_HEIGHT, writeUnitSheet } from './dispatch-sheet.js';
import { spreadsheetText } from './spreadsheet-text.js';

// The month's 调度表 workbook: a summary sheet with every unit side by side, then one sheet per unit in
// the dispatch JSON's order. The city reports two tables (attachment note 4): its own records (本单位)
// and the city-wide figures (本行业领域), so both get a sheet.

export const SUMMARY_SHEET = '汇总';
export const CITY_WIDE_SHEET = '全市（本行业领域）';
/** rows of the summary sheet: title, time, unit names, unit codes, then one row per value key */
export const SUMMARY_NAME_ROW = 3;
export const SUMMARY_CODE_ROW = 4;
export const SUMMARY_FIRST_ROW = 5;
export const SUMMARY_FIRST_UNIT_COL = 4;

const FORBIDDEN = /[\\/?*[\]:]/g;

/** The sheet name of a unit: its name (the city's own table marked 本单位), unique and at most 31 characters. */
export function unitSheetNames(units: Pick<DispatchRow, 'unit' | 'name' | 'level'>[]): Map<string, string> {
  const taken = new Set([SUMMARY_SHEET, CITY_WIDE_SHEET]);
  const out = new Map<string, string>();
  for (const u of units) {
    const base = (u.level === 'city' || u.level === 'province' ? `${u.name}（本单位）` : u.name).replace(FORBIDDEN, '_');
    // two units of one name (城区 exists in many cities) are told apart by their code
    let name = base.slice(0, 31);
    if (taken.has(name)) name = `${base.slice(0, 30 - u.unit.length)} ${u.unit}`;
    taken.add(name);
    out.set(u.unit, name);
  }
  return out;
}

/**
 * The summary's column heading of a unit, in lines that a column holds whole: a marked name breaks
 * before its bracket, so that "晋城市（本单位）" never leaves "）" alone on a line. The city-wide column
 * is 全市 (本行业领域, attachment note 4), its code too: ALL is the JSON's key, not a word for the office.
 */
export function summaryHeading(u: Pick<DispatchRow, 'unit' | 'name' | 'level'>): { name: string; code: string } {
  if (u.level === 'all') return { name: '全市\n（本行业领域）', code: '全市' };
  return { name: u.level === 'city' || u.level === 'province' ? `${u.name}\n（本单位）` : u.name, code: u.unit };
}

/** Width of text in Excel's column units: a 汉字 or full-width sign takes two, anything else one. */
export const displayWidth = (text: string) => [...text].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);

/** Keys in the order the summary lists them: the attachment's order, a two-value item's values one after the other. */
export const SUMMARY_KEYS = [...LAYOUT_BY_KEY.keys()];

function writeSummary(ws: ExcelJS.Worksheet, d: DispatchJson, title: readonly [string, string]): void {
  const columns = [...d.units, d.cityWide];
  const headings = columns.map(summaryHeading);
  // each column as wide as its heading's longest line (bold 11 pt takes a little more than its units)
  const widthOf = (h: { name: string; code: string }) => Math.max(10, ...[...h.name.split('\n'), h.code].map((l) => Math.ceil(displayWidth(l) * 1.15) + 2));
  ws.columns = [{ width: 14 }, { width: 5 }, { width: 50 }, ...headings.map((h) => ({ width: widthOf(h) }))];
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: SUMMARY_CODE_ROW }];
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const last = SUMMARY_FIRST_UNIT_COL + columns.length - 1;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = `${title[0]}\n${title[1]}（汇总）`;
  ws.getCell(1, 1).font = { ...SHEET_FONT, size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = TITLE_HEIGHT;
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = `时间：${formatDateLong(d.asOf)}（截至当月末的累计情况）`;

  const head = ['板块', '序号', '项目'];
  head.forEach((h, i) => {
    ws.mergeCells(SUMMARY_NAME_ROW, i + 1, SUMMARY_CODE_ROW, i + 1);
    ws.getCell(SUMMARY_NAME_ROW, i + 1).value = h;
  });
  ws.getRow(SUMMARY_NAME_ROW).height = 15 * Math.max(2, ...headings.map((h) => h.name.split('\n').length));
  // names and codes come from the ledger (a bundle): written so that no spreadsheet runs them
  headings.forEach((h, i) => {
    ws.getCell(SUMMARY_NAME_ROW, SUMMARY_FIRST_UNIT_COL + i).value = spreadsheetText(h.name);
    ws.getCell(SUMMARY_CODE_ROW, SUMMARY_FIRST_UNIT_COL + i).value = spreadsheetText(h.code);
  });
  SUMMARY_KEYS.forEach((key, r) => {
    const { section, item } = LAYOUT_BY_KEY.get(key)!;
    const row = ws.getRow(SUMMARY_FIRST_ROW + r);
    // the section's name once, over all its rows
    const first = SUMMARY_KEYS.findIndex((k) => LAYOUT_BY_KEY.get(k)!.section === section);
    if (first === r) {
      const count = SUMMARY_KEYS.filter((k) => LAYOUT_BY_KEY.get(k)!.section === section).length;
      ws.mergeCells(SUMMARY_FIRST_ROW + r, 1, SUMMARY_FIRST_ROW + r + count - 1, 1);
      row.getCell(1).value = section.title;
    }
    row.getCell(2).value = String(item.no);
    row.getCell(3).value = valueLabel(key);
    // rows do not grow with wrapped text in a PDF or a printout: size them for their label
    row.height = String(row.getCell(3).value).length > 25 ? 30 : 18;
    columns.forEach((u, i) => {
      const cell = row.getCell(SUMMARY_FIRST_UNIT_COL + i);
      cell.value = Number((u as Record<string, unknown>)[key]);
      cell.numFmt = key === 'C3_amount_wan' ? '0.00' : '0';
    });
  });
  const thin = { style: 'thin' } as const;
  for (let r = SUMMARY_NAME_ROW; r < SUMMARY_FIRST_ROW + SUMMARY_KEYS.length; r++) {
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r, c);
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      cell.font = r <= SUMMARY_CODE_ROW ? { ...SHEET_FONT, bold: true } : SHEET_FONT;
      cell.alignment = { vertical: 'middle', horizontal: c === 3 ? 'left' : 'center', wrapText: true };
    }
  }
}

/**
 * The workbook for one month's dispatch JSON, titled for `campaignName`, the name of the campaign that
 * assesses the month (campaigns table); without it, the 2023 attachment's title.
 */
export function buildDispatchWorkbook(d: DispatchJson, campaignName?: string): ExcelJS.Workbook {
  const title = campaignName === undefined ? DISPATCH_TITLE_LINES : dispatchTitleLines(campaignName);
  const wb = new ExcelJS.Workbook();
  wb.creator = '晋城市危险废物领域重大事故隐患专项排查整治工作领导小组办公室';
  // a fixed date keeps two exports of the same data byte-comparable in their content
  wb.created = wb.modified = new Date(`${d.asOf}T00:00:00+08:00`);
  writeSummary(wb.addWorksheet(SUMMARY_SHEET), d, title);
  const names = unitSheetNames(d.units);
  for (const u of d.units) {
    writeUnitSheet(wb.addWorksheet(names.get(u.unit)!), { unitLabel: u.level === 'city' ? `${u.name}（本单位）` : u.name, asOf: d.asOf, row: u, title });
  }
  writeUnitSheet(wb.addWorksheet(CITY_WIDE_SHEET), { unitLabel: '全市（本行业领域）', asOf: d.asOf, row: d.cityWide, title });
  return wb;
}

export async function dispatchWorkbookBuffer(d: DispatchJson, campaignName?: string): Promise<Buffer> {
  return Buffer.from(await buildDispatchWorkbook(d, campaignName).xlsx.writeBuffer());
}
