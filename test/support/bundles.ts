import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from '@jest/globals';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { transformFileSync } from '@swc/core';
import type { DataSource } from 'typeorm';
import { BundleRefusedError, formatProblem, importBundle } from '../../api/src/bundle/import-bundle.js';
import { BUNDLE_FILES } from '../../api/src/bundle/bundle-files.js';
import { SAMPLE_BUNDLE } from './databases.js';

// Bad bundles are the sample with one line edited: the tests say which line and expect exactly that line.

export const LEDGER_TABLES = BUNDLE_FILES.map((f) => f.table);

/** A writable copy of a bundle folder (the fixture is read-only) in a new temporary folder. */
export function copyBundle(from = SAMPLE_BUNDLE): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-bundle-'));
  for (const f of fs.readdirSync(from)) {
    fs.copyFileSync(path.join(from, f), path.join(dir, f));
    fs.chmodSync(path.join(dir, f), 0o644);
  }
  return dir;
}

export function removeBundle(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

// The sample mixes CRLF and LF endings; edits keep each line's own ending.
function lines(dir: string, file: string): string[] {
  return fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
}

function save(dir: string, file: string, ls: string[]): void {
  fs.writeFileSync(path.join(dir, file), ls.join('\n'));
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Rewrites one physical line (1 = header) of a file whose fields hold no quotes or line breaks. */
export function editLine(dir: string, file: string, line: number, edit: (fields: string[], header: string[]) => string[]): void {
  const ls = lines(dir, file);
  const cr = ls[line - 1].endsWith('\r') ? '\r' : '';
  const header = ls[0].replace(/\r$/, '').split(',');
  ls[line - 1] = edit(ls[line - 1].replace(/\r$/, '').split(','), header).map(quote).join(',') + cr;
  save(dir, file, ls);
}

/** Sets one cell of a physical line (1 = header). */
export function setCell(dir: string, file: string, line: number, column: string, value: string): void {
  editLine(dir, file, line, (fields, header) => {
    const i = header.indexOf(column);
    if (i < 0) throw new Error(`${file} has no column ${column}`);
    fields[i] = value;
    return fields;
  });
}

export function cellOf(dir: string, file: string, line: number, column: string): string {
  const ls = lines(dir, file);
  return ls[line - 1].replace(/\r$/, '').split(',')[ls[0].replace(/\r$/, '').split(',').indexOf(column)];
}

/** Appends a record (columns by name, the rest empty); returns the line it starts on. */
export function appendRow(dir: string, file: string, values: Record<string, string>): number {
  const ls = lines(dir, file);
  if (ls[ls.length - 1] === '') ls.pop();
  const header = ls[0].replace(/\r$/, '').split(',');
  ls.push(header.map((h) => quote(values[h] ?? '')).join(','), '');
  save(dir, file, ls);
  return ls.length - 1;
}

/** Copies a physical line to the end of the file; returns the new line's number. */
export function duplicateLine(dir: string, file: string, line: number): number {
  const ls = lines(dir, file);
  if (ls[ls.length - 1] === '') ls.pop();
  ls.push(ls[line - 1].replace(/\r$/, ''), '');
  save(dir, file, ls);
  return ls.length - 1;
}

/** Drops a column from every line of a file. */
export function dropColumn(dir: string, file: string, column: string): void {
  const ls = lines(dir, file);
  const i = ls[0].replace(/\r$/, '').split(',').indexOf(column);
  save(dir, file, ls.map((l) => {
    if (l === '') return l;
    const cr = l.endsWith('\r') ? '\r' : '';
    const f = l.replace(/\r$/, '').split(',');
    f.splice(i, 1);
    return f.join(',') + cr;
  }));
}

// The sample mixes CRLF and LF endings, which csv-parse cannot take in one file: read as LF.
export function csvRecords(p: string): string[][] {
  return parse(fs.readFileSync(p, 'utf8').replace(/\r\n/g, '\n'), { bom: true, skip_empty_lines: true }) as string[][];
}

/** The records of each CSV file of a bundle folder, by ledger table. */
export function csvRowCounts(dir = SAMPLE_BUNDLE): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of BUNDLE_FILES) {
    const p = path.join(dir, f.file);
    out[f.table] = fs.existsSync(p) ? csvRecords(p).length - 1 : 0;
  }
  return out;
}

// What the first start writes before any bundle: the default campaign (domain.md section 4), by migration.
const FIRST_START_ROWS: Record<string, number> = { campaigns: 1 };

/** Rows of every ledger table and of the audit log, beyond what the first start writes. */
export async function tableCounts(ds: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [...LEDGER_TABLES, 'audit_log']) out[t] = Number((await ds.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n) - (FIRST_START_ROWS[t] ?? 0);
  return out;
}

/** The problems a refused import lists, formatted as the CLI prints them; fails when it was not refused. */
export async function refusal(run: Promise<unknown>): Promise<string[]> {
  const err = await run.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(BundleRefusedError);
  return (err as BundleRefusedError).problems.map(formatProblem);
}

/**
 * The bundle folder as one .xlsx workbook, one sheet per file. With `typed`, dates, counts, money and
 * booleans are written as typed cells (Date at UTC midnight, number, boolean), as Excel users save them.
 */
export async function workbookFromBundle(dir: string, out: string, typed = true): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const spec of BUNDLE_FILES) {
    const p = path.join(dir, spec.file);
    if (!fs.existsSync(p)) continue;
    const rows = csvRecords(p);
    const ws = wb.addWorksheet(spec.file.replace(/\.csv$/, ''));
    const types = rows[0].map((h) => spec.columns.find((c) => c.name === h)?.type);
    rows.forEach((r, i) => ws.addRow(i === 0 || !typed ? r : r.map((v, j) => typedCell(v, types[j]))));
  }
  await wb.xlsx.writeFile(out);
}

function typedCell(v: string, type: string | undefined): ExcelJS.CellValue {
  if (v === '') return null;
  if (type === 'date') return new Date(`${v}T00:00:00Z`);
  if (type === 'count' || type === 'money') return Number(v);
  if (type === 'boolean') return v === 'true' || v === '1' || v === '是';
  return v;
}

/**
 * Runs the import of a bundle folder built from the sample by `edit`, expects it refused with exactly
 * `expected` (as the CLI prints them) and the database unchanged.
 */
export async function expectRefusedEdit(ds: DataSource, edit: (dir: string) => void, expected: string[]): Promise<void> {
  const dir = copyBundle();
  try {
    edit(dir);
    const before = await tableCounts(ds);
    expect(await refusal(importBundle(ds, dir, { actor: 'test' }))).toEqual(expected);
    expect(await tableCounts(ds)).toEqual(before);
  } finally {
    removeBundle(dir);
  }
}

/** Removes every file of a bundle folder but the ones named. */
export function keepOnly(dir: string, files: string[]): void {
  for (const f of fs.readdirSync(dir)) if (!files.includes(f)) fs.rmSync(path.join(dir, f));
}

/**
 * The found_on cells of a workbook's hazards sheet as the .xlsx reader gives them in a process whose
 * time zone is `tz`. A jest worker cannot change its own time zone, so a child node runs the reader,
 * transpiled by swc into a folder that sees the project's node_modules.
 */
export function readDatesInTimeZone(xlsx: string, tz: string): string[] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-tz-'));
  try {
    fs.symlinkSync(path.resolve('node_modules'), path.join(out, 'node_modules'));
    for (const f of ['bundle/read-xlsx-workbook', 'bundle/bundle-files', 'bundle/bundle-problem', 'bundle/raw-table', 'common/safe-zip']) {
      const { code } = transformFileSync(path.resolve(`api/src/${f}.ts`), { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } });
      fs.writeFileSync(path.join(out, `${path.basename(f)}.mjs`), code.replace(/from '\.\.?\/(?:common\/)?([\w-]+)\.js'/g, "from './$1.mjs'"));
    }
    fs.writeFileSync(path.join(out, 'check.mjs'), `import { readXlsxWorkbook } from './read-xlsx-workbook.mjs';
      const tables = await readXlsxWorkbook(${JSON.stringify(xlsx)}, 'x', { at() {}, file() {} });
      const h = tables.find((t) => t.label === 'hazards');
      const i = h.header.names.indexOf('found_on');
      console.log(JSON.stringify(h.rows.map((r) => r.cells[i])));`);
    return JSON.parse(execFileSync(process.execPath, [path.join(out, 'check.mjs')], { env: { ...process.env, TZ: tz }, encoding: 'utf8' }));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
