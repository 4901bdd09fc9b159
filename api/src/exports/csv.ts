// CSV for people who open it in Excel or WPS: UTF-8 with a byte-order mark (without it Excel reads 汉字
// as GBK and shows garbage), CRLF line ends, RFC 4180 quoting.

import { spreadsheetText } from './spreadsheet-text.js';

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  // text a spreadsheet would run as a formula gets a leading apostrophe (spreadsheet-text.ts)
  const text = spreadsheetText(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const BOM = '\uFEFF';

/** A whole CSV file: BOM, header, rows. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
