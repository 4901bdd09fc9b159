import type { DataSource, EntityManager } from 'typeorm';
import { createAfterViews, dropAfterViews } from './after-views.js';
import { BUNDLE_FILES } from './bundle-files.js';
import { BundleRefusedError, ProblemList } from './bundle-problem.js';
import { checkBundle, checkLeftReferences, type Reference } from './check-bundle.js';
import { importStage } from './import-stages.js';
import { readBundle } from './read-bundle.js';
import type { RawTable } from './raw-table.js';
import { stageCsvFolder, type StageFolderOptions } from './stage-csv-folder.js';
import { BundleStage, type StagedFile } from './stage-bundle.js';
import { writeBundle, type FileCounts } from './write-bundle.js';

export { BundleRefusedError, formatProblem, type BundleProblem } from './bundle-problem.js';
export type { StagedFile } from './stage-bundle.js';

export interface ImportResult {
  /** by bundle file name (`hazards.csv`, also for a workbook's sheet `hazards`) */
  files: Record<string, FileCounts>;
  rows: number;
}

export interface ImportOptions {
  actor: string;
  /** rows written so far (called with 0 when writing starts) */
  onProgress?: (done: number, total: number) => void;
  /** rows whose cells have been read and checked: file by file, then all of them once every check is done */
  onChecked?: (checked: number, total: number) => void;
  /**
   * a further check with the staged bundle and the ledger as it would be after the import (after_<table>),
   * inside the import's transaction (the HTTP import's unit scope)
   */
  check?: (m: EntityManager, files: StagedFile[], problems: ProblemList) => Promise<void>;
  /** see WriteOptions.bulkRows; tests lower it to take the bulk path with a small bundle */
  bulkRows?: number;
  /** how many problems a refusal lists at most (LISTED_PROBLEMS; the rest are counted); tests lower it */
  listedProblems?: number;
  /** how a folder's pieces are cut and who checks them (stage-csv-folder.ts); tests set them */
  pieces?: Omit<StageFolderOptions, 'onRows'>;
}

// Problems are listed file by file in the bundle's order, whichever reader found them.
const PROBLEM_ORDER = BUNDLE_FILES.flatMap((f) => [f.file, f.file.replace(/\.csv$/, '')]);

const LEDGER_TABLES = BUNDLE_FILES.map((f) => f.table).join(', ');

/**
 * Imports a bundle (spec/bundle.md) whole or not at all: every problem is collected before anything
 * is committed, and a refused bundle throws BundleRefusedError with all of them. The bundle is read as a
 * stream into staging tables inside the import's transaction (stage-bundle.ts): memory does not grow
 * with its rows.
 */
export async function importBundle(dataSource: DataSource, bundlePath: string, opts: ImportOptions): Promise<ImportResult> {
  const problems = new ProblemList(opts.listedProblems);
  let read = 0;
  opts.onChecked?.(0, 0);
  return dataSource.transaction(async (m) => {
    importStage('begin');
    const stage = await BundleStage.open(m);
    // each file's cells are checked as it is read, piece by piece, and its records staged before more is read
    // all rows are "checked" only once the checks across records are done too
    const readRows = (n: number) => {
      read += n;
      opts.onChecked?.(Math.max(0, read - 1), read);
    };
    const take = async (t: RawTable, before?: StagedFile) => {
      const earlier = before?.rows ?? 0;
      const f = await stage.take(t, problems, before);
      readRows(f.rows - earlier);
      return f;
    };
    // with COPY, a folder's pieces are checked in worker threads while earlier ones are staged
    const folder = stage.copies ? (dir: string) => stageCsvFolder(dir, problems, stage, { ...opts.pieces, onRows: readRows }) : undefined;
    const files = await readBundle<StagedFile>(bundlePath, problems, take, folder);
    await stage.staged();
    importStage(`read, cell checks, COPY into staging (${stage.waitedMs.toFixed(0)} ms waiting for COPY)`);
    const total = read;
    files.sort((a, b) => BUNDLE_FILES.indexOf(a.spec) - BUNDLE_FILES.indexOf(b.spec));
    // Imports run one at a time (the checks read what the write relies on); readers carry on.
    await m.query(`LOCK TABLE ${LEDGER_TABLES} IN SHARE ROW EXCLUSIVE MODE`);
    await stage.index();
    await createAfterViews(m, files);
    importStage('lock, staging indexes and statistics');
    const left = await checkBundle(m, files, problems, opts.check);
    opts.onChecked?.(total, total);
    if (!problems.empty) throw refusal(problems);
    const counts = await writeChecked(m, files, opts, left, problems);
    await dropAfterViews(m);
    importStage('write');
    return { files: counts, rows: total };
  });
}

const refusal = (problems: ProblemList) => new BundleRefusedError(problems.sorted(PROBLEM_ORDER));

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Writes the checked bundle. With references `left` to the ledger's foreign keys (check-bundle.ts), the
 * write is a savepoint: when a key refuses it, the write is undone and the bundle refused with what the
 * reference checks then find, by file, line and field; when they find nothing (a key no check stands
 * for), with the key's own error. A write undone still spent the serial ids it drew (drills'): PostgreSQL
 * never hands a sequence's values back, whatever undoes the rows.
 */
async function writeChecked(m: EntityManager, files: StagedFile[], opts: ImportOptions, left: readonly Reference[], problems: ProblemList): Promise<Record<string, FileCounts>> {
  if (left.length === 0) return writeBundle(m, files, opts);
  await m.query('SAVEPOINT bundle_write');
  try {
    const counts = await writeBundle(m, files, opts);
    await m.query('RELEASE SAVEPOINT bundle_write');
    return counts;
  } catch (e) {
    if ((e as { code?: unknown }).code !== FOREIGN_KEY_VIOLATION) throw e;
    await m.query('ROLLBACK TO SAVEPOINT bundle_write');
    await checkLeftReferences(m, files, problems, left);
    throw problems.empty ? e : refusal(problems);
  }
}
