import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { appendRow, dropColumn, duplicateLine, editLine, expectRefusedEdit, refusal, setCell, tableCounts } from '../support/bundles.js';
import { FILE_NAMES } from '../../api/src/bundle/bundle-files.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';

// spec/bundle.md, first two refusal bullets and duplicate keys: each test edits one line of the sample
// and expects exactly the one problem it causes, with nothing written.
describe('a bundle is refused for what its files and cells say', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase('embedded'); });
  afterAll(async () => { await t?.drop(); });
  const refused = (edit: (dir: string) => void, expected: string[]) => expectRefusedEdit(t.db.dataSource, edit, expected);

  it('an unknown file', () => refused(
    (dir) => fs.writeFileSync(path.join(dir, 'extra.csv'), 'a,b\n1,2\n'),
    [`extra.csv: unknown file; a bundle folder holds only ${FILE_NAMES.join(', ')}`]));

  it('no units.csv', () => refused(
    (dir) => { for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f)); },
    ['units.csv: missing: every bundle has units.csv (a workbook, the sheet units)']));

  it('an unknown column', () => refused(
    (dir) => {
      const p = path.join(dir, 'drills.csv');
      fs.writeFileSync(p, fs.readFileSync(p, 'utf8').split('\r\n').map((l, i) => (l === '' ? l : i === 0 ? `${l},note` : `${l},`)).join('\r\n'));
    },
    ['drills.csv:1: note: unknown column; drills.csv has the columns enterprise_credit_code, drilled_on']));

  it('a missing required column', () => refused(
    (dir) => dropColumn(dir, 'enterprises.csv', 'risk_level'),
    ['enterprises.csv:1: risk_level: required column is missing from the header']));

  it('a missing required value', () => refused(
    (dir) => setCell(dir, 'hazards.csv', 2, 'source', ''),
    ['hazards.csv:2: source: required value is missing']));

  it('a row with more fields than the header', () => refused(
    (dir) => editLine(dir, 'actions.csv', 3, (f) => [...f, 'extra']),
    ['actions.csv:3: unparsable row: it has 11 fields, the header has 10']));

  it('a quote inside an unquoted field', () => refused(
    (dir) => {
      const p = path.join(dir, 'drills.csv');
      fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace('91140502TJ3Y7LLJ1U,2023-08-15', '91140502TJ3Y7LLJ1U,2023-08"-15'));
    },
    ['drills.csv:3: unparsable row: a " inside an unquoted field (quote the whole field and write the " twice)']));

  it('a bad enum value', () => refused(
    (dir) => setCell(dir, 'enterprises.csv', 2, 'industry', 'chemicals'),
    ['enterprises.csv:2: industry: "chemicals" is not one of steel, power, coal_chemical, coal_mining, building_materials, hw_operator, medical_waste, other']));

  it('a bad boolean', () => refused(
    (dir) => setCell(dir, 'enterprises.csv', 3, 'high_risk', 'yes'),
    ['enterprises.csv:3: high_risk: "yes" is not a boolean (true/false, 1/0, 是/否)']));

  it('a date that does not exist', () => refused(
    (dir) => setCell(dir, 'hazards.csv', 3, 'confirmed_on', '2023-02-30'),
    ['hazards.csv:3: confirmed_on: "2023-02-30" is a date that does not exist']));

  it('a date not written YYYY-MM-DD', () => refused(
    (dir) => setCell(dir, 'drills.csv', 2, 'drilled_on', '2023/09/21'),
    ['drills.csv:2: drilled_on: "2023/09/21" is not a date written YYYY-MM-DD']));

  it('a negative number', () => refused(
    (dir) => {
      setCell(dir, 'hazards.csv', 2, 'funds_wan', '-4.2');
      setCell(dir, 'actions.csv', 2, 'persons', '-1');
    },
    ['hazards.csv:2: funds_wan: -4.2 is negative', 'actions.csv:2: persons: -1 is negative']));

  it('a credit code whose check digit is wrong', () => refused(
    (dir) => setCell(dir, 'drills.csv', 2, 'enterprise_credit_code', '91140502L12TH3BJ3A'),
    ['drills.csv:2: enterprise_credit_code: credit code "91140502L12TH3BJ3A" fails the GB 32100-2015 check digit (expected "R", found "A")']));

  it('a duplicate key', () => refused(
    (dir) => duplicateLine(dir, 'hazards.csv', 2),
    ['hazards.csv:124: ledger_no: duplicate key: ledger_no "JC-140502-2023-0001" is also on line 2']));

  it('a duplicate two-column key (leaders by unit and name)', () => refused(
    (dir) => appendRow(dir, 'leaders.csv', { unit_code: '140500', name: '140500主要负责同志', role: 'member' }),
    ['leaders.csv:30: unit_code: duplicate key: unit_code "140500", name "140500主要负责同志" is also on line 2']));

  it('an exact duplicate row of a file keyed by all its columns', () => refused(
    (dir) => duplicateLine(dir, 'leader_inspections.csv', 3),
    ['leader_inspections.csv:343: unit_code: duplicate key: the same row as line 3 (leader_inspections.csv is keyed by all its columns)']));

  it('lists every problem of the bundle, file by file, not only the first', () => refused(
    (dir) => {
      setCell(dir, 'submissions.csv', 3, 'kind', 'weekly');
      setCell(dir, 'units.csv', 3, 'level', 'town');
      setCell(dir, 'hazards.csv', 5, 'found_on', '2023-13-01');
    },
    [
      'units.csv:3: level: "town" is not one of province, city, county, zone',
      'hazards.csv:5: found_on: "2023-13-01" is a date that does not exist',
      'submissions.csv:3: kind: "weekly" is not one of monthly_report, dispatch_table, stage_report, summary',
    ]));

  it('refuses a path that is not there, or is neither a folder nor an .xlsx', async () => {
    const ds = t.db.dataSource;
    expect(await refusal(importBundle(ds, '/nonexistent/bundle', { actor: 't' })))
      .toEqual(['/nonexistent/bundle: no such folder or file; give a bundle folder of CSV files or an .xlsx workbook']);
    const file = path.resolve('package.json');
    expect(await refusal(importBundle(ds, file, { actor: 't' }))).toEqual([`${file}: is neither a bundle folder nor an .xlsx workbook`]);
    expect(Object.values(await tableCounts(ds)).every((n) => n === 0)).toBe(true);
  });
});
