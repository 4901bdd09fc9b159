import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProblemList, formatProblem } from '../../../api/src/bundle/bundle-problem.js';
import { toBundleFile, type BundleFile } from '../../../api/src/bundle/bundle-records.js';
import { readCsvFolder } from '../../../api/src/bundle/read-csv-folder.js';
import { awkwardFindings, awkwardHazards } from '../../support/awkward-csv.js';

// A large file is read in pieces cut at line breaks outside quotes; whatever the piece size, the
// records, their lines and the problems must be those of reading the file whole.

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-pieces-'));
  fs.writeFileSync(path.join(dir, 'hazards.csv'), awkwardHazards);
  fs.writeFileSync(path.join(dir, 'findings.csv'), awkwardFindings);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(pieceBytes?: number) {
  const problems = new ProblemList();
  const files = await readCsvFolder<BundleFile>(dir, problems, (t, before) => toBundleFile(t, problems, before), pieceBytes);
  return {
    records: files.map((f) => ({ file: f.spec.file, present: [...f.present], records: f.records.map((r) => ({ at: r.at, row: r.row, invalid: [...r.invalid] })) })),
    problems: problems.sorted(['findings.csv', 'hazards.csv']).map(formatProblem),
  };
}

describe('reading a large CSV file in pieces', () => {
  it('gives the same records, lines and problems as reading it whole, for every piece size', async () => {
    const whole = await read();
    // the file's own problems are there to be kept: a bad date, an unknown source, a row too long, a bad enum, an unnamed column
    expect(whole.problems.length).toBeGreaterThanOrEqual(5);
    const lines = whole.records.find((f) => f.file === 'hazards.csv')!.records.map((r) => r.at.line);
    expect(lines).toEqual([2, 4, 6, 9, 12, ...Array.from({ length: 40 }, (_, i) => 13 + i)]);
    for (const size of [1, 7, 40, 64, 90, 200]) {
      expect({ size, ...(await read(size)) }).toEqual({ size, ...whole });
    }
  });
});
