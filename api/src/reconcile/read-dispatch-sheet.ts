import ExcelJS from 'exceljs';
import { DomainError } from '../common/domain-error.js';
import { assertSafeZip, ZipRefusedError } from '../common/safe-zip.js';
import { DISPATCH_LAYOUT, type LayoutItem } from '../exports/dispatch-layout.js';

// Reads a county's hand-filled 调度表 (the attachment's layout, as the export writes it). Items are found
// by their printed label, not by a fixed cell, so a table with an extra row or column still reads; the
// values are the cells right of the label. People type "3", "3个", "无" or leave a cell blank: all of
// these read, and anything else is refused with the cell named.

export interface ReportedTable {
  sheet: string;
  /** what the 单位 line says, when filled */
  unitText?: string;
  /** dispatch key → value; null where the cell was blank */
  values: Map<string, number | null>;
}

/** Text as typed, with the differences people make in typing the same label removed. */
export function normalise(s: string): string {
  return s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').replace(/[“”"]/g, '"').replace(/,/g, '，').replace(/:/g, '：');
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return text(v.result as ExcelJS.CellValue);
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

const ZERO = /^(无|没有|—+|-+|\/|／|0+)$/;

/** The numbers a cell holds: [] when blank; a formula counts by its result. */
function numbersIn(cell: ExcelJS.Cell, where: string): number[] {
  const v = cell.value;
  if (typeof v === 'number') return [v];
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return [v.result];
  const t = text(v).replace(/\s+/g, '');
  if (t === '') return [];
  if (ZERO.test(t)) return [0];
  const found = t.match(/\d+(?:\.\d+)?/g);
  if (!found) throw new DomainError('BAD_PARAMETER', `cell ${cell.address} (${where}) holds "${text(v)}", not a number: write a figure, 0 or 无`);
  return found.map(Number);
}

function valuesOf(ws: ExcelJS.Worksheet, row: number, col: number, item: LayoutItem, where: string): (number | null)[] {
  const cells = [ws.getCell(row, col + 1), ws.getCell(row, col + 2)];
  // a merged value cell reports its value on both halves: read it once
  const distinct = cells[1].isMerged && cells[1].master.address === cells[0].master.address ? [cells[0]] : cells;
  const nums = distinct.map((c) => numbersIn(c, where));
  if (item.keys.length === 1) {
    const all = nums.flat();
    if (all.length > 1) throw new DomainError('BAD_PARAMETER', `${where}: cells ${distinct.map((c) => c.address).join(', ')} hold more than one figure`);
    return [all[0] ?? null];
  }
  // two values: one a cell, or both typed in the first cell ("（停产）2（关闭）1")
  if (nums[0].length === 2 && (nums[1] ?? []).length === 0) return nums[0];
  if (nums[0].length > 1 || (nums[1] ?? []).length > 1) throw new DomainError('BAD_PARAMETER', `${where}: write one figure in each of cells ${cells.map((c) => c.address).join(' and ')}`);
  return [nums[0][0] ?? null, nums[1]?.[0] ?? null];
}

interface Located { row: number; col: number }

function locateLabels(ws: ExcelJS.Worksheet): { labels: Map<string, Located>; unitText?: string } {
  const labels = new Map<string, Located>();
  let unitText: string | undefined;
  ws.eachRow((row) => row.eachCell((c) => {
    if (c.master.address !== c.address) return;
    const t = normalise(text(c.value));
    if (!labels.has(t)) labels.set(t, { row: Number(c.row), col: Number(c.col) });
    const unit = t.match(/^单位[：]?(.*)$/);
    if (unit) unitText = unit[1].replace(/[_＿]+/g, '') || undefined;
  }));
  return { labels, unitText };
}

/**
 * A zip bomb is refused (ZipRefusedError: 413/400, CLI exit 1) before exceljs inflates anything; a file
 * that is no zip at all is said as before: not a workbook. Cheap (the central directory only), so the
 * HTTP route runs it before the month's figures are computed, and a refusal comes at once.
 */
export function assertWorkbookBounds(file: Buffer): void {
  try {
    assertSafeZip(file);
  } catch (e) {
    if (e instanceof ZipRefusedError && e.kind === 'corrupt') throw new DomainError('BAD_PARAMETER', `the file is not an .xlsx workbook (${e.message}); save the 调度表 as .xlsx and send it again`);
    throw e;
  }
}

/** The sheet of a workbook that carries the layout: the one named after the unit, else the first that has every label. */
export async function readDispatchSheet(file: Buffer, unitName: string): Promise<ReportedTable> {
  assertWorkbookBounds(file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as never);
  } catch (e) {
    throw new DomainError('BAD_PARAMETER', `the file is not an .xlsx workbook (${(e as Error).message}); save the 调度表 as .xlsx and send it again`);
  }
  const items = DISPATCH_LAYOUT.flatMap((s) => s.items.map((item) => ({ section: s, item })));
  const sheets = [...wb.worksheets].sort((a, b) => Number(b.name.startsWith(unitName)) - Number(a.name.startsWith(unitName)));
  let best: { ws: ExcelJS.Worksheet; missing: string[]; found: ReturnType<typeof locateLabels> } | undefined;
  for (const ws of sheets) {
    const found = locateLabels(ws);
    const missing = items.filter((x) => !found.labels.has(normalise(x.item.label))).map((x) => `${x.section.title}第${x.item.no}项“${x.item.label}”`);
    if (!best || missing.length < best.missing.length) best = { ws, missing, found };
    if (!missing.length) break;
  }
  if (!best || best.missing.length) {
    throw new DomainError('BAD_PARAMETER', `no sheet in the layout of the 调度表 attachment: ${best ? `sheet "${best.ws.name}" lacks ${best.missing.join('、')}` : 'the workbook has no sheet'}`);
  }
  const values = new Map<string, number | null>();
  for (const { section, item } of items) {
    const at = best.found.labels.get(normalise(item.label))!;
    const got = valuesOf(best.ws, at.row, at.col, item, `${section.title}第${item.no}项`);
    item.keys.forEach((k, i) => values.set(k, got[i]));
  }
  return { sheet: best.ws.name, unitText: best.found.unitText, values };
}
