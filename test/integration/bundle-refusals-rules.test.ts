import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { appendRow, expectRefusedEdit, setCell } from '../support/bundles.js';
import { creditCodeCheckChar } from '../../api/src/bundle/credit-code.js';
import { KINDS_NEEDING_ENTERPRISE } from '../../api/src/bundle/bundle-files.js';

// spec/bundle.md, the refusals between records. Each test edits the sample so that exactly one rule
// breaks and expects exactly that line, with nothing written.
const UNKNOWN_ENTERPRISE = `91140502AAAAAAAAA${creditCodeCheckChar('91140502AAAAAAAAA')}`;

describe('a bundle is refused for what its records say about each other', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await freshDatabase('embedded'); });
  afterAll(async () => { await t?.drop(); });
  const refused = (edit: (dir: string) => void, expected: string[]) => expectRefusedEdit(t.db.dataSource, edit, expected);

  describe('references', () => {
    it('to a unit', () => refused((d) => setCell(d, 'submissions.csv', 2, 'unit_code', '149999'),
      ['submissions.csv:2: unit_code: unit "149999" is not in units.csv nor in the database']));
    it('to a parent unit', () => refused((d) => setCell(d, 'units.csv', 3, 'parent_code', '149900'),
      ['units.csv:3: parent_code: unit "149900" is not in units.csv nor in the database']));
    it('to an enterprise', () => refused((d) => setCell(d, 'drills.csv', 2, 'enterprise_credit_code', UNKNOWN_ENTERPRISE),
      [`drills.csv:2: enterprise_credit_code: enterprise "${UNKNOWN_ENTERPRISE}" is not in enterprises.csv nor in the database`]));
    it('to a hazard', () => refused((d) => setCell(d, 'actions.csv', 7, 'hazard_ledger_no', 'JC-NONE'),
      ['actions.csv:7: hazard_ledger_no: hazard "JC-NONE" is not in hazards.csv nor in the database']));
    it('to an inspection', () => refused((d) => setCell(d, 'findings.csv', 2, 'inspection_id', 'I99999'),
      ['findings.csv:2: inspection_id: inspection "I99999" is not in inspections.csv nor in the database']));
    it('to a leader not on any roster', () => refused((d) => setCell(d, 'leader_inspections.csv', 2, 'leader_name', '无名氏'),
      ['leader_inspections.csv:2: leader_name: leader "无名氏" is not on unit 140500\'s roster (leaders.csv or the database)']));
    it('to a leader on another unit\'s roster', () => refused((d) => setCell(d, 'leader_inspections.csv', 2, 'leader_name', '140502主要负责同志'),
      ['leader_inspections.csv:2: leader_name: leader "140502主要负责同志" is not on unit 140500\'s roster (leaders.csv or the database)']));
    it('feedback on a hazard that was never assigned', () => refused((d) => setCell(d, 'feedback.csv', 2, 'hazard_ledger_no', 'JC-140502-2023-0001'),
      ['feedback.csv:2: hazard_ledger_no: hazard "JC-140502-2023-0001" has no assignment in assignments.csv nor in the database; feedback answers an assignment']));
  });

  describe('county-level units', () => {
    it('an enterprise\'s jurisdiction', () => refused((d) => setCell(d, 'enterprises.csv', 2, 'unit_code', '140500'),
      ['enterprises.csv:2: unit_code: jurisdiction "140500" is a city; an enterprise\'s jurisdiction must be a county or zone']));
    it('an assignment\'s unit', () => refused((d) => setCell(d, 'assignments.csv', 2, 'unit_code', '140500'),
      ['assignments.csv:2: unit_code: unit "140500" is a city; a hazard is assigned to a county or zone']));
  });

  describe('dates in order', () => {
    // hazards.csv line 3: found, rectified 2023-06-21, closed 2023-06-29
    it('found ≤ confirmed', () => refused((d) => setCell(d, 'hazards.csv', 3, 'confirmed_on', '2023-06-20'),
      ['hazards.csv:3: confirmed_on: 2023-06-20 is before the hazard was found (found_on 2023-06-21)']));
    it('found ≤ listed', () => refused((d) => setCell(d, 'hazards.csv', 7, 'listed_on', '2023-09-15'),
      ['hazards.csv:7: listed_on: 2023-09-15 is before the hazard was found (found_on 2023-09-16)']));
    it('found ≤ deadline', () => refused((d) => setCell(d, 'hazards.csv', 2, 'deadline', '2023-05-06'),
      ['hazards.csv:2: deadline: 2023-05-06 is before the hazard was found (found_on 2023-05-07)']));
    it('found ≤ rectified', () => refused((d) => setCell(d, 'hazards.csv', 3, 'rectified_on', '2023-06-20'),
      ['hazards.csv:3: rectified_on: 2023-06-20 is before the hazard was found (found_on 2023-06-21)']));
    it('rectified ≤ closed', () => refused((d) => setCell(d, 'hazards.csv', 3, 'closed_on', '2023-06-20'),
      ['hazards.csv:3: closed_on: 2023-06-20 is before the hazard was rectified (rectified_on 2023-06-21)']));
    it('listed ≤ closed', () => refused((d) => setCell(d, 'hazards.csv', 17, 'listed_on', '2023-10-22'),
      ['hazards.csv:17: closed_on: 2023-10-21 is before the hazard was listed (listed_on 2023-10-22)']));
    it('closed without rectified', () => refused((d) => setCell(d, 'hazards.csv', 3, 'rectified_on', ''),
      ['hazards.csv:3: closed_on: closed without rectified_on: a hazard is closed (销号) only once rectified']));
    it('found ≤ assigned', () => refused((d) => setCell(d, 'assignments.csv', 2, 'assigned_on', '2023-05-19'),
      ['assignments.csv:2: assigned_on: 2023-05-19 is before the hazard was found (2023-05-20)']));
    it('assigned ≤ closed', () => refused((d) => setCell(d, 'assignments.csv', 6, 'assigned_on', '2023-05-11'),
      ['assignments.csv:6: assigned_on: 2023-05-11 is after the hazard was closed (2023-05-10)']));
    it('assigned ≤ each feedback', () => refused((d) => setCell(d, 'feedback.csv', 2, 'feedback_on', '2023-05-19'),
      ['feedback.csv:2: feedback_on: 2023-05-19 is before the hazard was assigned (2023-05-20)']));
  });

  it('listing fields given all together or not at all', () => refused((d) => setCell(d, 'hazards.csv', 7, 'tracker', ''),
    ['hazards.csv:7: tracker: missing: listed_level, listed_on and tracker (挂牌督办) are given all together or not at all (listed_level, listed_on given)']));

  describe('the inspection that found a hazard', () => {
    // hazards.csv line 4: enterprise 911405029K23GD5Q28, found 2023-08-14 by I00105 of the same day
    it('inspected another enterprise', () => refused((d) => setCell(d, 'hazards.csv', 4, 'inspection_id', 'I00001'),
      ['hazards.csv:4: inspection_id: inspection "I00001" inspected enterprise "91140502L12TH3BJ3R", not this hazard\'s enterprise "911405029K23GD5Q28"']));
    it('is dated after the hazard was found', () => refused((d) => setCell(d, 'hazards.csv', 4, 'found_on', '2023-08-13'),
      ['hazards.csv:4: inspection_id: inspection "I00105" is dated 2023-08-14, after the hazard was found (found_on 2023-08-13)']));
    it('was signed clean (major_hazards_found = 0)', () => refused((d) => {
      appendRow(d, 'inspections.csv', { inspection_id: 'I90001', unit_code: '140502', enterprise_credit_code: '911405029K23GD5Q28', inspected_on: '2023-08-01', signed_by: '检查员1', major_hazards_found: '0' });
      setCell(d, 'hazards.csv', 4, 'inspection_id', 'I90001');
    }, ['hazards.csv:4: inspection_id: inspection "I90001" was signed with major_hazards_found = 0, so it did not find this hazard']));
  });

  describe('an action missing what its kind needs', () => {
    // actions.csv line 5: A00004, a penalty on an enterprise with an amount and no hazard
    for (const kind of KINDS_NEEDING_ENTERPRISE) {
      it(`an enterprise for ${kind}`, () => refused((d) => {
        setCell(d, 'actions.csv', 5, 'kind', kind);
        setCell(d, 'actions.csv', 5, 'enterprise_credit_code', '');
      }, [`actions.csv:5: enterprise_credit_code: required for kind ${kind} (the enterprise acted against)`]));
    }
    // line 22: A00021 assistance_unit of 140525; line 2: A00001 interview_unit of 140581
    it('a target unit for assistance_unit', () => refused((d) => setCell(d, 'actions.csv', 22, 'target_unit_code', ''),
      ['actions.csv:22: target_unit_code: required for kind assistance_unit (the unit assisted or interviewed)']));
    it('a target unit for interview_unit', () => refused((d) => setCell(d, 'actions.csv', 2, 'target_unit_code', ''),
      ['actions.csv:2: target_unit_code: required for kind interview_unit (the unit assisted or interviewed)']));
    it('amount_wan for a penalty', () => refused((d) => setCell(d, 'actions.csv', 5, 'amount_wan', ''),
      ['actions.csv:5: amount_wan: required for kind penalty (the fine in 万元)']));
    // line 7: A00006 penalty of 2023-10-15 on hazard JC-140500-2023-0120 found 2023-10-09
    it('a penalty dated before its hazard was found', () => refused((d) => setCell(d, 'actions.csv', 7, 'acted_on', '2023-10-08'),
      ['actions.csv:7: acted_on: a penalty of 2023-10-08 cannot punish hazard "JC-140500-2023-0120", found later (2023-10-09)']));
  });
});
