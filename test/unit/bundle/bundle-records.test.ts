import { describe, expect, it } from '@jest/globals';
import { ProblemList, formatProblem } from '../../../api/src/bundle/bundle-problem.js';
import { toBundleFile } from '../../../api/src/bundle/bundle-records.js';
import { readCsvText } from '../../../api/src/bundle/read-csv-folder.js';

function records(file: string, text: string) {
  const problems = new ProblemList();
  const bundleFile = toBundleFile(readCsvText(file, new TextEncoder().encode(text), problems)!, problems);
  return { bundleFile, problems: problems.all.map(formatProblem) };
}

describe('records of a file', () => {
  it('take columns in any order, fill fallbacks and nulls, and know which columns the file has', () => {
    const { bundleFile, problems } = records('actions.csv', 'kind,action_id,acted_on,unit_code\npenalty,A1,2023-05-01,140500\n');
    expect(problems).toEqual([]);
    expect(bundleFile.records[0].row).toEqual({
      action_id: 'A1', unit_code: '140500', kind: 'penalty', acted_on: '2023-05-01', enterprise_credit_code: null, hazard_ledger_no: null,
      target_unit_code: null, persons: 1, amount_wan: null, crime: false,
    });
    expect([...bundleFile.present].sort()).toEqual(['acted_on', 'action_id', 'kind', 'unit_code']);
  });

  it('let a trailing separator pass, but not a value under a nameless column', () => {
    expect(records('drills.csv', 'enterprise_credit_code,drilled_on,\n91140502L12TH3BJ3R,2023-09-21,\n').problems).toEqual([]);
    expect(records('drills.csv', 'enterprise_credit_code,drilled_on,\n91140502L12TH3BJ3R,2023-09-21,\n91140502L12TH3BJ3R,2023-09-22,x\n').problems)
      .toEqual(['drills.csv:3: column 3: a value in a column the header does not name']);
  });

  it('report a column named twice and a required column missing, once each', () => {
    expect(records('leaders.csv', 'unit_code,name,name\n140500,a,b\n140500,c,d\n').problems).toEqual([
      'leaders.csv:1: name: the header names this column twice',
      'leaders.csv:1: role: required column is missing from the header',
    ]);
  });
});

describe('formatProblem', () => {
  it('writes FILE:LINE: COLUMN: message, and leaves out what a problem does not have', () => {
    expect(formatProblem({ file: 'hazards.csv', line: 7, column: 'tracker', message: 'm' })).toBe('hazards.csv:7: tracker: m');
    expect(formatProblem({ file: 'hazards', line: 7, message: 'm' })).toBe('hazards:7: m');
    expect(formatProblem({ file: 'extra.csv', message: 'm' })).toBe('extra.csv: m');
  });
});
