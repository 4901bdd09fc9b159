import type { DataSource } from 'typeorm';
import { BUNDLE_FILES } from './bundle-files.js';
import { BundleRefusedError, ProblemList } from './bundle-problem.js';
import { toBundleFile, type BundleFile } from './bundle-records.js';
import { checkDuplicateKeys, checkReferences } from './check-references.js';
import { forgetInterned } from './cell-values.js';
import { checkLedgerRules } from './check-rules.js';
import { loadLedgerState, type LedgerState } from './ledger-state.js';
import { readBundle } from './read-bundle.js';
import { writeBundle, type FileCounts } from './write-bundle.js';

export { BundleRefusedError, formatProblem, type BundleProblem } from './bundle-problem.js';

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
  /** a further check with the ledger as it stands, inside the import's transaction (the HTTP import's unit scope) */
  check?: (files: BundleFile[], state: LedgerState, problems: ProblemList) => void;
  /** see WriteOptions.bulkRows; tests lower it to take the bulk path with a small bundle */
  bulkRows?: number;
}

// Problems are listed file by file in the bundle's order, whichever reader found them.
const PROBLEM_ORDER = BUNDLE_FILES.flatMap((f) => [f.file, f.file.replace(/\.csv$/, '')]);

const LEDGER_TABLES = BUNDLE_FILES.map((f) => f.table).join(', ');

/**
 * Imports a bundle (spec/bundle.md) whole or not at all: every problem is collected before anything
 * is written, and a refused bundle throws BundleRefusedError with all of them.
 */
export async function importBundle(dataSource: DataSource, bundlePath: string, opts: ImportOptions): Promise<ImportResult> {
  const problems = new ProblemList();
  let read = 0;
  opts.onChecked?.(0, 0);
  // each file's cells are checked as soon as it is read, and its raw texts dropped before the next
  const files = await readBundle<BundleFile>(bundlePath, problems, (t, before) => {
    const earlier = before?.records.length ?? 0;
    const f = toBundleFile(t, problems, before);
    read += f.records.length - earlier;
    // all rows are "checked" only once the checks across records are done too
    opts.onChecked?.(Math.max(0, read - 1), read);
    return f;
  });
  forgetInterned();
  const total = read;
  files.sort((a, b) => BUNDLE_FILES.indexOf(a.spec) - BUNDLE_FILES.indexOf(b.spec));
  checkDuplicateKeys(files, problems);
  return dataSource.transaction(async (m) => {
    // Imports run one at a time (the checks read what the write relies on); readers carry on.
    await m.query(`LOCK TABLE ${LEDGER_TABLES} IN SHARE ROW EXCLUSIVE MODE`);
    const state = await loadLedgerState(m, files);
    checkReferences(files, state, problems);
    checkLedgerRules(state, problems);
    opts.check?.(files, state, problems);
    opts.onChecked?.(total, total);
    if (!problems.empty) throw new BundleRefusedError(problems.sorted(PROBLEM_ORDER));
    const counts = await writeBundle(m, files, state, opts);
    return { files: counts, rows: files.reduce((n, f) => n + f.records.length, 0) };
  });
}
