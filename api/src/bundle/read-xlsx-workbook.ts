import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { assertSafeZip, DEFAULT_ZIP_LIMITS, ZipRefusedError } from '../common/safe-zip.js';
import { FILE_NAMES } from './bundle-files.js';
import type { ProblemList } from './bundle-problem.js';
import type { RawRow, RawTable } from './raw-table.js';

const SHEET_NAMES = FILE_NAMES.map((f) => f.replace(/\.csv$/, ''));

type CellText = { text: string } | { problem: string };

// exceljs turns an Excel date serial into a Date at UTC midnight, so the UTC calendar day is the day
// the spreadsheet shows; local-time getters would shift it by the machine's time zone.
function dayOf(d: Date): CellText {
  if (Number.isNaN(d.getTime())) return { problem: 'the cell holds a date Excel cannot show' };
  return { text: d.toISOString().slice(0, 10) };
}

/** The text a typed cell stands for: dates as YYYY-MM-DD, booleans as true/false, numbers as written. */
function cellText(v: ExcelJS.CellValue): CellText {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number') return { text: String(v) };
  if (typeof v === 'boolean') return { text: v ? 'true' : 'false' };
  // not instanceof: a Date made in another realm (a vm context, a worker) is a Date all the same
  if (Object.prototype.toString.call(v) === '[object Date]') return dayOf(v as Date);
  if ('error' in v) return { problem: `the cell holds the error ${v.error}` };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join('') };
  // a formula's cached result is whatever the last program to save the file computed, or nothing at
  // all: the ledger takes typed values only
  if ('formula' in v || 'sharedFormula' in v) return { problem: `a formula (=${formulaText(v)}) is not accepted; type the value` };
  if ('text' in v) return typeof v.text === 'string' ? { text: v.text } : cellText(v.text as ExcelJS.CellValue);
  return { problem: 'the cell holds a value that is neither text, a number, a date nor a boolean' };
}

function formulaText(v: ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue): string {
  const f = ('formula' in v && v.formula) || ('sharedFormula' in v && v.sharedFormula) || '…';
  return f.length > 40 ? `${f.slice(0, 40)}…` : f;
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function readSheet(ws: ExcelJS.Worksheet, problems: ProblemList): RawTable | undefined {
  const label = ws.name;
  let header: { line: number; names: string[] } | undefined;
  const rows: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const at = { label, line: rowNumber };
    const texts: string[] = [];
    let broken = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const t = cellText(cell.value);
      const name = header ? header.names[col - 1] : undefined;
      if ('problem' in t) {
        problems.at(at, name ?? columnLetter(col), t.problem);
        broken = true;
      } else if (header && col > header.names.length && t.text.trim() !== '') {
        problems.at(at, columnLetter(col), 'unparsable row: a value in a column that has no header');
        broken = true;
      } else {
        texts[col - 1] = t.text;
      }
    });
    if (!header) {
      header = { line: rowNumber, names: Array.from(texts, (t) => t ?? '') };
      return;
    }
    // a row that shows nothing (formatting only) is a blank line, as an empty CSV line is
    if (!broken && texts.some((t) => t !== undefined && t.trim() !== '')) rows.push({ at, cells: header.names.map((_, i) => texts[i] ?? '') });
  });
  if (!header) {
    problems.file(label, 'is empty; it needs at least its header row');
    return undefined;
  }
  return { file: `${label}.csv`, label, header, rows };
}

/** Reads one .xlsx workbook, one sheet per bundle file; a sheet the bundle does not know is a problem. */
export async function readXlsxWorkbook(file: string, label: string, problems: ProblemList): Promise<RawTable[]> {
  const wb = new ExcelJS.Workbook();
  try {
    // an .xlsx is a zip: its bounds are checked before exceljs inflates anything (common/safe-zip.ts)
    const { size } = await fs.stat(file);
    const limit = DEFAULT_ZIP_LIMITS.maxTotalBytes / 1024 / 1024;
    if (size > DEFAULT_ZIP_LIMITS.maxTotalBytes) throw new ZipRefusedError('too-large', `the file is over the ${limit} MB limit`, `文件超过 ${limit} MB 的上限`);
    const bytes = await fs.readFile(file);
    assertSafeZip(bytes);
    await wb.xlsx.load(bytes as never);
  } catch (e) {
    // a file that is no zip at all is not a workbook, as it was before the zip checks
    if (e instanceof ZipRefusedError && e.kind !== 'corrupt') {
      problems.file(label, `refused: ${e.message}`);
      return [];
    }
    problems.file(label, `cannot be read as an .xlsx workbook (${(e as Error).message})`);
    return [];
  }
  const tables: RawTable[] = [];
  for (const ws of wb.worksheets) {
    if (!SHEET_NAMES.includes(ws.name)) {
      problems.file(ws.name, `unknown sheet; a bundle workbook holds only the sheets ${SHEET_NAMES.join(', ')}`);
      continue;
    }
    const table = readSheet(ws, problems);
    if (table) tables.push(table);
  }
  return tables;
}
