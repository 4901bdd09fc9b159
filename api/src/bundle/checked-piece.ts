import type { FileSpec } from './bundle-files.js';
import { ProblemList, type BundleProblem } from './bundle-problem.js';
import { pieceChecker, type BundleRecord } from './bundle-records.js';
import { copyField } from './copy-rows.js';
import { readCsvText, type CsvPiece } from './read-csv-folder.js';

// One CSV piece read, checked cell by cell and turned into what the staging needs: the COPY text of its
// records and the text its file's digest takes in. This is the import's work per row (most of a large
// import's CPU); it needs nothing but the piece, so a worker thread can do it (piece-pool.ts) while the
// main thread feeds PostgreSQL.

/** A piece to check: which file, and its bytes as csvPieces gave them. */
export interface PieceJob extends CsvPiece {
  file: string;
  /** how many problems the import lists at most (the rest are counted) */
  listed: number;
}

/** A piece once checked, in plain data (it crosses from a worker thread). */
export interface CheckedPiece {
  /** the problems found, in the order found, and how many more there were beyond `listed` */
  problems: BundleProblem[];
  unlisted: number;
  /** false: its header could not be read (said among the problems); the rest of the file is not read */
  readable: boolean;
  file: string;
  label: string;
  /** the columns the file's header names */
  present: string[];
  rows: number;
  /** the records as COPY text lines, staging columns first (stage-bundle.ts); also what the file's digest reads */
  copy: Uint8Array;
}

/**
 * The staging table's own columns ahead of the file's, in the order copyLine writes them (stage-bundle.ts
 * creates the table, COPYs and INSERTs into it from this one list).
 */
export const STAGING_META = [
  { name: 'line', type: 'integer' },
  { name: 'invalid', type: 'text[]' },
  { name: 'first', type: 'boolean' },
] as const;

/**
 * One record as a line of COPY text: its line, its invalid columns, whether it stands for its key, then
 * its cells. The file's digest (audit/import-entries.ts) is the sha256 of these lines.
 */
export function copyLine(spec: FileSpec, r: BundleRecord): string {
  // a record whose cells are all good (nearly all) shares the one empty set
  const clean = r.invalid.size === 0;
  const first = clean || !spec.key.some((k) => r.invalid.has(k));
  let line = `${r.at.line}\t${clean ? '{}' : copyField([...r.invalid])}\t${first ? 't' : 'f'}`;
  for (const c of spec.columns) line += `\t${copyField(r.row[c.name])}`;
  return `${line}\n`;
}

export function copyText(spec: FileSpec, records: BundleRecord[]): string {
  let out = '';
  for (const r of records) out += copyLine(spec, r);
  return out;
}

/** text gathered before it becomes bytes: short-lived strings, not one that lives as long as the piece */
const GATHER = 1 << 16;

export function checkPieceJob(job: PieceJob): CheckedPiece {
  const problems = new ProblemList(job.listed);
  const table = readCsvText(job.file, job.bytes, problems, job.file, job.lineOffset);
  const done = (rest: Omit<CheckedPiece, 'problems' | 'unlisted' | 'file'>): CheckedPiece => ({ problems: problems.all, unlisted: problems.unlisted, file: job.file, ...rest });
  if (!table) return done({ readable: false, label: job.file, present: [], rows: 0, copy: new Uint8Array() });
  if (job.continued) table.continued = true;
  const checker = pieceChecker(table, problems);
  // each record is checked and written out at once: nothing per record outlives its line
  const bytes: Buffer[] = [];
  let text = '';
  for (const raw of table.rows) {
    text += copyLine(checker.spec, checker.check(raw));
    if (text.length >= GATHER) {
      bytes.push(Buffer.from(text));
      text = '';
    }
  }
  bytes.push(Buffer.from(text));
  return done({ readable: true, label: checker.label, present: [...checker.present], rows: table.rows.length, copy: Buffer.concat(bytes) });
}
