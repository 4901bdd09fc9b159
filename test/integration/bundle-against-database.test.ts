import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freshDatabase, SAMPLE_BUNDLE, type TestDatabase } from '../support/databases.js';
import { appendRow, copyBundle, expectRefusedEdit, keepOnly, refusal, removeBundle, setCell, tableCounts } from '../support/bundles.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';

// A bundle is checked against the ledger as it will be: the database's records merged with the bundle.
describe('a bundle checked against what the database already holds', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase('embedded');
    await importBundle(t.db.dataSource, SAMPLE_BUNDLE, { actor: 'test' });
  });
  afterAll(async () => { await t?.drop(); });
  const refused = (edit: (dir: string) => void, expected: string[]) => expectRefusedEdit(t.db.dataSource, edit, expected);

  it('refuses a changed signed inspection', () => refused((d) => setCell(d, 'inspections.csv', 2, 'signed_by', '检查员8'),
    ['inspections.csv:2: signed_by: inspection "I00001" is already in the database with signed_by ["检查员8","检查员76"]; a signed inspection is never changed: record the correction as a new inspection']));

  it('takes references from the database: a hazard of a stored enterprise, in a bundle of two files', async () => {
    const dir = copyBundle();
    try {
      keepOnly(dir, ['units.csv', 'hazards.csv']);
      const line = appendRow(dir, 'hazards.csv', { ledger_no: 'JC-140502-2023-9001', enterprise_credit_code: '91140502L12TH3BJ3R', unit_code: '140502', source: 'enforcement', found_on: '2023-09-01', inspection_id: 'I00001' });
      expect(line).toBe(124);
      const r = await importBundle(t.db.dataSource, dir, { actor: 'test' });
      expect(r.files['hazards.csv'].inserted).toBe(1);
    } finally {
      removeBundle(dir);
    }
  });

  it('refuses a reference that is neither in the bundle nor in the database', () => refused((d) => {
    keepOnly(d, ['units.csv', 'drills.csv']);
    setCell(d, 'drills.csv', 2, 'enterprise_credit_code', '91140502MA0000000L');
  }, ['drills.csv:2: enterprise_credit_code: enterprise "91140502MA0000000L" is not in enterprises.csv nor in the database']));

  it('refuses a correction that breaks a rule with a stored record, on the corrected line', async () => {
    // hazards.csv line 22: JC-140521-2023-0021 closed 2023-05-10, assigned 2023-05-05 (assignment only in the database)
    await refused((d) => {
      keepOnly(d, ['units.csv', 'hazards.csv']);
      setCell(d, 'hazards.csv', 22, 'closed_on', '2023-05-04');
    }, ['hazards.csv:22: closed_on: 2023-05-04 is before the hazard\'s assignment of 2023-05-05 in the database']);
    // hazards.csv line 121: JC-140500-2023-0120, punished by penalty A00006 of 2023-10-15 (only in the database)
    await refused((d) => {
      keepOnly(d, ['units.csv', 'hazards.csv']);
      setCell(d, 'hazards.csv', 121, 'found_on', '2023-10-16');
      setCell(d, 'hazards.csv', 121, 'rectified_on', '2023-10-16');
    }, ['hazards.csv:121: found_on: 2023-10-16 is after penalty "A00006" of 2023-10-15 in the database, which punishes this hazard']);
    // assignments.csv line 2: JC-140502-2023-0009 assigned 2023-05-20, with feedback of that day in the database
    await refused((d) => {
      keepOnly(d, ['units.csv', 'assignments.csv']);
      setCell(d, 'assignments.csv', 2, 'assigned_on', '2023-05-21');
    }, ['assignments.csv:2: assigned_on: 2023-05-21 is after feedback of 2023-05-20 in the database']);
  });

  it('refuses a unit that stops being county-level while stored enterprises and assignments need it', async () => {
    const dir = copyBundle();
    try {
      keepOnly(dir, ['units.csv']);
      setCell(dir, 'units.csv', 3, 'level', 'city');
      const ds = t.db.dataSource;
      const before = await tableCounts(ds);
      const problems = await refusal(importBundle(ds, dir, { actor: 'test' }));
      const enterprises = await ds.query(`SELECT credit_code FROM enterprises WHERE unit_code = '140502'`);
      const assignments = await ds.query(`SELECT hazard_ledger_no FROM assignments WHERE unit_code = '140502'`);
      expect(problems).toHaveLength(enterprises.length + assignments.length);
      expect(problems.every((p) => p.startsWith('units.csv:3: level: '))).toBe(true);
      expect(problems).toContain(`units.csv:3: level: unit "140502" is the jurisdiction of enterprise "${enterprises[0].credit_code}" in the database, so it must be a county or zone`);
      expect(problems).toContain(`units.csv:3: level: hazard "${assignments[0].hazard_ledger_no}" is assigned to unit "140502" in the database, so it must be a county or zone`);
      expect(await tableCounts(ds)).toEqual(before);
    } finally {
      removeBundle(dir);
    }
  });
});
