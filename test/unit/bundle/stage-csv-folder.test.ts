import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProblemList, formatProblem } from '../../../api/src/bundle/bundle-problem.js';
import { pieceChecker } from '../../../api/src/bundle/bundle-records.js';
import { copyText, type CheckedPiece } from '../../../api/src/bundle/checked-piece.js';
import { readCsvFolder } from '../../../api/src/bundle/read-csv-folder.js';
import type { BundleStage, StagedFile } from '../../../api/src/bundle/stage-bundle.js';
import { stageCsvFolder } from '../../../api/src/bundle/stage-csv-folder.js';
import { awkwardFindings, awkwardHazards } from '../../support/awkward-csv.js';

// The import checks a folder's pieces in worker threads and stages what they give in the bundle's
// order (stage-csv-folder.ts). Whatever checks them (worker threads or this thread) and however the
// files are cut, the staged lines, the file digests, the problems and their order must be those of the
// one-piece-at-a-time reader (readCsvFolder and the checks of bundle-records.ts).

// the worker script as the product runs it: built by the test run's global setup
const WORKER = pathToFileURL(path.resolve('dist/api/src/bundle/piece-worker.js'));

let dir: string;

// a header that cannot be read: the file says so once and the rest of it is not read
const broken = 'inspection_id,unit_code,"enterprise_credit_code\nI-1,140102,x\nI-2,140102,y\n';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stage-folder-'));
  fs.writeFileSync(path.join(dir, 'hazards.csv'), awkwardHazards);
  fs.writeFileSync(path.join(dir, 'findings.csv'), awkwardFindings);
  fs.writeFileSync(path.join(dir, 'inspections.csv'), broken);
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a bundle file');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Staged {
  file: string;
  present: string[];
  rows: number;
  text: string;
  digest: string;
}

/** What the one-piece-at-a-time reader gives: each file's COPY lines and the problems in the order found. */
async function classic(pieceBytes?: number, listed?: number) {
  const problems = new ProblemList(listed);
  const files = await readCsvFolder<Staged>(dir, problems, (t, before) => {
    const checker = pieceChecker(t, problems);
    const text = copyText(checker.spec, t.rows.map((r) => checker.check(r)));
    if (!before) return { file: t.file, present: [...checker.present], rows: t.rows.length, text, digest: '' };
    return { ...before, rows: before.rows + t.rows.length, text: before.text + text };
  }, pieceBytes);
  for (const f of files) f.digest = createHash('sha256').update(f.text).digest('hex');
  return { files, found: problems.all.map(formatProblem), unlisted: problems.unlisted, sorted: problems.sorted(['hazards.csv', 'findings.csv']).map(formatProblem) };
}

/** A stage that keeps what it is given, as BundleStage.takeChecked would stage it. */
function keepingStage() {
  const staged: Staged[] = [];
  const hashes = new Map<Staged, ReturnType<typeof createHash>>();
  const stage = {
    async takeChecked(c: CheckedPiece, before?: StagedFile) {
      let f = before as unknown as Staged | undefined;
      if (!f) {
        f = { file: c.file, present: c.present, rows: 0, text: '', digest: '' };
        hashes.set(f, createHash('sha256'));
        staged.push(f);
      }
      f.rows += c.rows;
      f.text += Buffer.from(c.copy).toString('utf8');
      hashes.get(f)!.update(c.copy);
      return f as unknown as StagedFile;
    },
  };
  return { stage: stage as unknown as BundleStage, staged, digests: () => staged.forEach((f) => (f.digest = hashes.get(f)!.digest('hex'))) };
}

async function pooled(workers: number, pieceBytes: number | undefined, listed?: number) {
  const problems = new ProblemList(listed);
  const k = keepingStage();
  let rows = 0;
  const files = (await stageCsvFolder(dir, problems, k.stage, { pool: { workers, script: WORKER }, pieceBytes, onRows: (n) => (rows += n) })) as unknown as Staged[];
  k.digests();
  expect(files).toEqual(k.staged);
  expect(rows).toBe(files.reduce((n, f) => n + f.rows, 0));
  return { files, found: problems.all.map(formatProblem), unlisted: problems.unlisted, sorted: problems.sorted(['hazards.csv', 'findings.csv']).map(formatProblem) };
}

describe('staging a bundle folder with its pieces checked in worker threads', () => {
  it('stages the same lines and digests, and finds the same problems in the same order, as the one-piece reader', async () => {
    const whole = await classic();
    // the bundle's own problems are there to be found: a bad date, an unknown source, rows too long, a
    // negative amount, an unnamed column, an unreadable header, an unknown file
    expect(whole.found.length).toBeGreaterThanOrEqual(10);
    expect(whole.found.some((p) => p.startsWith('inspections.csv:1'))).toBe(true);
    expect(whole.files.map((f) => f.file)).toEqual(['findings.csv', 'hazards.csv']);
    expect(whole.files[1].rows).toBe(45);
    for (const pieceBytes of [undefined, 1, 40, 97, 300]) {
      // a piece's unparsable rows are found before its cells: the order found depends on the cut, not on who checks
      const want = await classic(pieceBytes);
      expect(want.sorted).toEqual(whole.sorted);
      for (const workers of [0, 1, 3]) {
        expect({ workers, pieceBytes, ...(await pooled(workers, pieceBytes)) }).toEqual({ workers, pieceBytes, ...want });
      }
    }
  });

  it('lists the same first problems and counts the rest exactly when there are more than it lists', async () => {
    const want = await classic(64, 4);
    expect(want.unlisted).toBeGreaterThan(0);
    for (const workers of [0, 2]) expect(await pooled(workers, 64, 4)).toEqual(want);
  });

  it('fails the import, naming the file, when a worker thread stops or its check throws', async () => {
    const scripts = path.join(dir, '..', `${path.basename(dir)}-workers`);
    fs.mkdirSync(scripts, { recursive: true });
    try {
      const exits = path.join(scripts, 'exits.mjs');
      fs.writeFileSync(exits, "import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));\n");
      const throws = path.join(scripts, 'throws.mjs');
      fs.writeFileSync(throws, "import { parentPort } from 'node:worker_threads'; parentPort.on('message', (j) => parentPort.postMessage({ error: 'Error: out of memory in ' + j.file }));\n");
      await expect(stageCsvFolder(dir, new ProblemList(), keepingStage().stage, { pool: { workers: 2, script: pathToFileURL(exits) } })).rejects.toThrow(/worker thread .*stopped \(exit code 3\)/);
      await expect(stageCsvFolder(dir, new ProblemList(), keepingStage().stage, { pool: { workers: 1, script: pathToFileURL(throws) } })).rejects.toThrow(/checking findings\.csv in a worker thread failed: Error: out of memory in findings\.csv/);
    } finally {
      fs.rmSync(scripts, { recursive: true, force: true });
    }
  });

  it('refuses a HW_IMPORT_WORKERS that is not a whole number', async () => {
    const before = process.env.HW_IMPORT_WORKERS;
    process.env.HW_IMPORT_WORKERS = 'two';
    try {
      await expect(stageCsvFolder(dir, new ProblemList(), keepingStage().stage)).rejects.toThrow(/HW_IMPORT_WORKERS=two/);
    } finally {
      if (before === undefined) delete process.env.HW_IMPORT_WORKERS;
      else process.env.HW_IMPORT_WORKERS = before;
    }
  });
});
