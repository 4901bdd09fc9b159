import ExcelJS from 'exceljs';
import type { CsvValue } from './csv.js';
import type { Column } from './chinese-columns.js';
import { SHEET_FONT } from './dispatch-sheet.js';
import { spreadsheetText } from './spreadsheet-text.js';

// A workbook of plain lists, one sheet per list, each with a bold Chinese header row and columns declared
// as the CSV files declare theirs (chinese-columns.ts Column): the traceback export and any list like it.

export interface ListSheet<R> { name: string; columns: Column<R>[]; rows: R[] }

const cell = (v: CsvValue): string | number | boolean | null => (typeof v === 'string' ? spreadsheetText(v) : v ?? null);

export async function listWorkbookBuffer(sheets: ListSheet<never>[] | ListSheet<unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets as ListSheet<unknown>[]) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ width: Math.max(10, c.header.length * 2 + 2) }));
    const header = ws.addRow(s.columns.map((c) => c.header));
    header.font = { ...SHEET_FONT, bold: true };
    for (const r of s.rows) ws.addRow(s.columns.map((c) => cell(c.value(r)))).font = SHEET_FONT;
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
