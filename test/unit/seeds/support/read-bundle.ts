// Reads a bundle folder back with csv-parse, as an importer would, for the invariant tests.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { BUNDLE_COLUMNS, type BundleFile } from '../../../../seeds/generate/csv-sink.js';

export type Row = Record<string, string>;
export type Bundle = { [F in BundleFile]: Row[] };

export function readBundle(dir: string): Bundle {
  const out = {} as Bundle;
  for (const [file, columns] of Object.entries(BUNDLE_COLUMNS) as [BundleFile, readonly string[]][]) {
    const text = fs.readFileSync(path.join(dir, `${file}.csv`), 'utf8');
    const rows = parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Row[];
    const header = text.slice(0, text.indexOf('\r\n')).split(',');
    if (header.join(',') !== columns.join(',')) throw new Error(`${file}.csv: header ${header.join(',')} is not ${columns.join(',')}`);
    out[file] = rows;
  }
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** a real calendar date in YYYY-MM-DD */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** days since 1970-01-01 */
export function dayOf(s: string): number {
  return Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000);
}
