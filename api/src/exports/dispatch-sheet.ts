import type ExcelJS from 'exceljs';
import { formatDateLong } from '../common/chinese-format.js';
import { DISPATCH_LAYOUT, DISPATCH_NOTES, DISPATCH_TITLE_LINES, type LayoutItem, type LayoutSection } from './dispatch-layout.js';

// One unit's 调度表 sheet in the attachment's layout. Columns: A section | B no | C label | D E values
// | F no | G label | H I values. A one-value item merges its two value cells; a two-value item keeps
// both, each with a number format that names its part. Values are numbers, never text, so a formula or
// a reader gets figures.

export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
export const FIRST_ITEM_ROW = 3;
const COLUMNS = [12, 5, 40, 9, 11, 5, 40, 9, 11];
// the two halves of a row: where the number, label and value cells start
const HALVES = [{ no: 2, label: 3, value: 4 }, { no: 6, label: 7, value: 8 }];

export interface PlacedItem {
  section: LayoutSection;
  item: LayoutItem;
  row: number;
  noCol: number;
  labelCol: number;
  /** one column per value key, in item.keys order */
  valueCols: number[];
}

/** Where every item sits: sections one after the other, two items a row. */
export function placeItems(): PlacedItem[] {
  const out: PlacedItem[] = [];
  let row = FIRST_ITEM_ROW;
  for (const section of DISPATCH_LAYOUT) {
    section.items.forEach((item, i) => {
      const h = HALVES[i % 2];
      out.push({ section, item, row: row + Math.floor(i / 2), noCol: h.no, labelCol: h.label, valueCols: item.keys.map((_, k) => h.value + k) });
    });
    row += Math.ceil(section.items.length / 2);
  }
  return out;
}

/** The cell address of every dispatch key on a unit sheet, e.g. A1 → "D3", C3_amount_wan → "E13". */
export function valueAddresses(): Map<string, string> {
  const col = (c: number) => String.fromCharCode(64 + c);
  return new Map(placeItems().flatMap((p) => p.item.keys.map((k, i) => [k, `${col(p.valueCols[i])}${p.row}`] as const)));
}

const thin = { style: 'thin' } as const;
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
export const SHEET_FONT = { name: '宋体', size: 11 };
/** two lines of the 16-point title, in points (rows do not grow with wrapped text in a printout) */
export const TITLE_HEIGHT = 48;

export interface UnitSheetInput {
  /** what the 单位 line names */
  unitLabel: string;
  asOf: string;
  row: Record<string, unknown>;
  /** the title's two lines (dispatchTitleLines of the month's campaign); the 2023 attachment's when absent */
  title?: readonly [string, string];
}

export function writeUnitSheet(ws: ExcelJS.Worksheet, input: UnitSheetInput): void {
  ws.columns = COLUMNS.map((width) => ({ width }));
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1, horizontalCentered: true };

  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, 9);
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = (input.title ?? DISPATCH_TITLE_LINES).join('\n');
  title.font = { ...SHEET_FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(TITLE_ROW).height = TITLE_HEIGHT;

  ws.mergeCells(HEADER_ROW, 1, HEADER_ROW, 5);
  ws.mergeCells(HEADER_ROW, 6, HEADER_ROW, 9);
  ws.getCell(HEADER_ROW, 1).value = `单位：${input.unitLabel}`;
  ws.getCell(HEADER_ROW, 6).value = `时间：${formatDateLong(input.asOf)}`;
  ws.getCell(HEADER_ROW, 6).alignment = { horizontal: 'right' };
  for (const c of [1, 6]) ws.getCell(HEADER_ROW, c).font = SHEET_FONT;

  const placed = placeItems();
  for (const section of DISPATCH_LAYOUT) {
    const rows = placed.filter((p) => p.section === section).map((p) => p.row);
    const [top, bottom] = [Math.min(...rows), Math.max(...rows)];
    ws.mergeCells(top, 1, bottom, 1);
    const cell = ws.getCell(top, 1);
    cell.value = section.title;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    // borders on every cell of the section's rows, including the empty half of an odd last row
    for (let r = top; r <= bottom; r++) for (let c = 1; c <= 9; c++) ws.getCell(r, c).border = BORDER;
  }
  for (const p of placed) {
    ws.getRow(p.row).height = 32;
    const no = ws.getCell(p.row, p.noCol);
    no.value = String(p.item.no);
    no.alignment = { horizontal: 'center', vertical: 'middle' };
    const label = ws.getCell(p.row, p.labelCol);
    label.value = p.item.label;
    label.alignment = { vertical: 'middle', wrapText: true };
    if (p.item.keys.length === 1) ws.mergeCells(p.row, p.valueCols[0], p.row, p.valueCols[0] + 1);
    p.item.keys.forEach((key, i) => {
      const v = ws.getCell(p.row, p.valueCols[i]);
      v.value = Number(input.row[key]);
      v.numFmt = p.item.formats?.[i] ?? (key === 'C3_amount_wan' ? '0.00' : '0');
      v.alignment = { horizontal: 'center', vertical: 'middle' };
    });
  }
  for (let r = HEADER_ROW + 1; r <= placed.at(-1)!.row; r++) {
    for (let c = 1; c <= 9; c++) {
      const cell = ws.getCell(r, c);
      cell.font = SHEET_FONT;
    }
  }

  let noteRow = placed.at(-1)!.row + 2;
  for (const note of DISPATCH_NOTES) {
    ws.mergeCells(noteRow, 1, noteRow, 9);
    const cell = ws.getCell(noteRow, 1);
    cell.value = note;
    cell.font = { ...SHEET_FONT, size: 10 };
    cell.alignment = { wrapText: true, vertical: 'top' };
    // merged cells do not grow with wrapped text: give long notes the lines they need
    ws.getRow(noteRow).height = 15 * Math.max(1, Math.ceil(note.length / 85));
    noteRow++;
  }
}
