import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BundleRefusedError, type ProblemList } from './bundle-problem.js';
import { readCsvFolder } from './read-csv-folder.js';
import { readXlsxWorkbook } from './read-xlsx-workbook.js';
import type { RawTable } from './raw-table.js';

/**
 * Reads a bundle folder or .xlsx workbook, each file or sheet handed to `convert` as it is read; a path
 * that is neither is refused at once. `readFolder`, when given, reads a folder instead (stage-csv-folder.ts).
 */
export async function readBundle<T extends { spec: { file: string } }>(
  bundlePath: string,
  problems: ProblemList,
  convert: (t: RawTable, before?: T) => T | Promise<T>,
  readFolder?: (dir: string) => Promise<T[]>,
): Promise<T[]> {
  let stat: Stats;
  try {
    stat = await fs.stat(bundlePath);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such folder or file' : `cannot be read (${err.message})`;
    throw new BundleRefusedError([{ file: bundlePath, message: `${why}; give a bundle folder of CSV files or an .xlsx workbook` }]);
  }
  let tables: T[];
  let unitsLabel: string;
  if (stat.isDirectory()) {
    tables = readFolder ? await readFolder(bundlePath) : await readCsvFolder(bundlePath, problems, convert);
    unitsLabel = 'units.csv';
  } else if (stat.isFile() && path.extname(bundlePath).toLowerCase() === '.xlsx') {
    tables = [];
    for (const t of await readXlsxWorkbook(bundlePath, path.basename(bundlePath), problems)) tables.push(await convert(t));
    unitsLabel = 'units';
  } else {
    throw new BundleRefusedError([{ file: bundlePath, message: 'is neither a bundle folder nor an .xlsx workbook' }]);
  }
  // a workbook that could not be opened at all (refused, not a zip) has said so: no sheet can be named missing
  const unreadable = problems.all.some((p) => p.file === unitsLabel || (p.file === path.basename(bundlePath) && p.line === undefined));
  if (!tables.some((t) => t.spec.file === 'units.csv') && !unreadable) {
    problems.file(unitsLabel, 'missing: every bundle has units.csv (a workbook, the sheet units)');
  }
  return tables;
}
