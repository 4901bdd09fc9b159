import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SAMPLE_BUNDLE } from './databases.js';

type Row = Record<string, string>;

function csvLine(values: string[]): string {
  return values.map((v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}

/** A copy of the sample bundle (units plus one file) with that file's rows passed through `edit`. */
export function copySampleWith(file: string, edit: (row: Row) => Row): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-correction-'));
  const rows = parse(fs.readFileSync(path.join(SAMPLE_BUNDLE, file)), { columns: true, bom: true }) as Row[];
  const header = Object.keys(rows[0]);
  fs.writeFileSync(path.join(dir, file), [csvLine(header), ...rows.map((r) => csvLine(header.map((h) => edit(r)[h] ?? '')))].join('\n') + '\n');
  fs.copyFileSync(path.join(SAMPLE_BUNDLE, 'units.csv'), path.join(dir, 'units.csv'));
  return dir;
}
