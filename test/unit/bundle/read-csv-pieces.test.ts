import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProblemList, formatProblem } from '../../../api/src/bundle/bundle-problem.js';
import { toBundleFile, type BundleFile } from '../../../api/src/bundle/bundle-records.js';
import { readCsvFolder } from '../../../api/src/bundle/read-csv-folder.js';

// A large file is read in pieces cut at line breaks outside quotes; whatever the piece size, the
// records, their lines and the problems must be those of reading the file whole.

let dir: string;

const hazards = [
  '\uFEFFledger_no,enterprise_credit_code,unit_code,source,found_on,description,funds_wan',
  'H-1,91140102PWL3PTA2BA,140102,enforcement,2023-09-24,"two\nlines, and a comma",1.5',
  'H-2,91140102PWL3PTA2BA,140102,enforcement,2023-02-30,plain,x',
  '',
  'H-3,91140102PWL3PTA2BA,140102,nowhere,2023-09-24,"a ""quoted"" word\r\nand a CRLF inside",2',
  'H-4,91140102PWL3PTA2BA,140102,enforcement,2023-09-24,one too many,1,extra',
  'H-5,91140102PWL3PTA2BA,140102,self_check,2023-10-01,"three\n\nlines",',
  'H-6,91140102PWL3PTA2BA,140102,self_check,2023-10-02,last,3',
].join('\n') + '\n';

const findings = 'inspection_id,finding,surplus\nI-1,no_drill,\nI-2,no_such_finding,\n"I-3\n",no_duty_list,x\n';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-pieces-'));
  fs.writeFileSync(path.join(dir, 'hazards.csv'), hazards);
  fs.writeFileSync(path.join(dir, 'findings.csv'), findings);
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
    expect(whole.records.find((f) => f.file === 'hazards.csv')!.records.map((r) => r.at.line)).toEqual([2, 4, 6, 9, 12]);
    for (const size of [1, 7, 40, 64, 90, 200]) {
      expect({ size, ...(await read(size)) }).toEqual({ size, ...whole });
    }
  });
});
