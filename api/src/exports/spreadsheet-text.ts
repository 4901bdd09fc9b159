// Text from the ledger that a spreadsheet would run as a formula (CSV or formula injection, OWASP): a
// cell starting with = + - @ tab or carriage return, e.g. `=HYPERLINK("http://x","y")` typed into a
// hazard's description or a unit's name in a bundle. Both writers (CSV and the .xlsx workbook) pass
// text through here, and the stored value stays as it was typed: this is how it is written out, not
// how it is kept.
//
// CSV: a leading apostrophe makes the cell text in Excel, WPS and LibreOffice.
// XLSX: exceljs writes a JS string as a string cell (never a formula cell), which is safe as it stands;
// it gets the apostrophe too, because a user who saves the sheet as CSV would otherwise get the raw
// formula back in a file that runs it when opened. One rule for both files is also easier to explain.
// Numbers are written as numbers: a JS number never spells a formula, and "'-2" would stop being one.

const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
