// CSV for people who open it in Excel or WPS: UTF-8 with a byte-order mark (without it Excel reads 汉字
// as GBK and shows garbage), CRLF line ends, RFC 4180 quoting.

export type CsvValue = string | number | boolean | null | undefined;

// A text cell that starts with one of these is run as a formula by spreadsheet programs (CSV injection,
// e.g. `=HYPERLINK(...)` typed into a hazard's description). A leading apostrophe makes it text. Numbers
// are written as numbers: a JS number never spells a formula, and "'-2" would stop being a number.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const BOM = '\uFEFF';

/** A whole CSV file: BOM, header, rows. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
