import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SCHEME } from '../../../analytics/src/default-scheme.js';
import { ent, TinyLedger } from './tiny-ledger.js';

// The deductions D of domain.md section 6 on hand-made ledgers: late submissions (owed-submissions.sql),
// missed feedback Fridays (missed-feedback.sql), missed hazards (missed-hazards.sql).
// 2023-05-01 was a Monday: the Fridays of May 2023 are the 5th, 12th, 19th and 26th.
describe('deductions', () => {
  let t: TinyLedger;
  beforeAll(async () => { t = await TinyLedger.open(); });
  afterAll(async () => { await t?.close(); });

  it('late: each owed submission with none of its kind and period dated on or before the due date', async () => {
    const sub = (kind: string, period: string | null, submitted_on: string) => ({ unit_code: 'K1', kind, period, submitted_on });
    await t.given({
      submissions: [
        sub('monthly_report', '2023-05', '2023-05-29'), // due 05-29: on time
        sub('dispatch_table', '2023-05', '2023-06-02'), // due 06-01: late
        sub('monthly_report', '2023-06', '2023-06-29'),
        sub('monthly_report', '2023-06', '2023-07-20'), // a second June report does not stand for July's
        sub('stage_report', null, '2023-08-09'), // due 08-09, no period to compare
      ],
    });
    expect((await t.score('K1', '2023-05')).parts.late).toBe(0);
    expect((await t.score('K1', '2023-06')).parts.late).toBe(1);
    const aug = await t.engine.explain('K1', '2023-08', DEFAULT_SCHEME);
    expect(aug.score.parts.late).toBe(5);
    expect(aug.lateSubmissions).toEqual([
      { kind: 'dispatch_table', period: '2023-05', due: '2023-06-01', submittedOn: '2023-06-02' },
      { kind: 'dispatch_table', period: '2023-06', due: '2023-07-01', submittedOn: null },
      { kind: 'monthly_report', period: '2023-07', due: '2023-07-29', submittedOn: null },
      { kind: 'dispatch_table', period: '2023-07', due: '2023-08-01', submittedOn: null },
      { kind: 'monthly_report', period: '2023-08', due: '2023-08-29', submittedOn: null },
    ]);
    // every county-level unit owes them all: K2 submitted nothing (4 monthly, 3 dispatch, the stage report)
    expect((await t.score('K2', '2023-08')).parts.late).toBe(8);
    // by December: 8 monthly reports, 7 dispatch tables (November's due 12-01), stage report, summary
    expect((await t.score('K2', '2023-12')).parts.late).toBe(17);
  });

  it('missed feedback: a feedback on f − 6 covers Friday f, one on f − 7 does not', async () => {
    const hazard = (ledger_no: string, closed_on: string | null = null) => ({
      ledger_no, enterprise_credit_code: ent(1), unit_code: 'C0', source: 'superior_assignment', found_on: '2023-05-01',
      rectified_on: closed_on, closed_on,
    });
    await t.given({
      enterprises: [{ credit_code: ent(1), name: 'e1', unit_code: 'K1' }],
      hazards: [hazard('HA'), hazard('HB'), hazard('HC', '2023-05-19'), hazard('HD')],
      assignments: [
        { hazard_ledger_no: 'HA', unit_code: 'K1', assigned_on: '2023-05-01' },
        { hazard_ledger_no: 'HB', unit_code: 'K1', assigned_on: '2023-05-01' },
        { hazard_ledger_no: 'HC', unit_code: 'K1', assigned_on: '2023-05-01' },
        { hazard_ledger_no: 'HD', unit_code: 'K2', assigned_on: '2023-05-26' }, // assigned on a Friday
      ],
      feedback: [
        { hazard_ledger_no: 'HA', feedback_on: '2023-05-06' }, // f − 6 of 05-12
        { hazard_ledger_no: 'HB', feedback_on: '2023-05-05' }, // on 05-05 itself, and f − 7 of 05-12
      ],
    });
    const may = await t.engine.explain('K1', '2023-05', DEFAULT_SCHEME);
    expect(may.missedFridays).toEqual([
      { hazard: 'HA', friday: '2023-05-05' },
      { hazard: 'HC', friday: '2023-05-05' },
      { hazard: 'HB', friday: '2023-05-12' },
      { hazard: 'HC', friday: '2023-05-12' }, // HC closed 05-19: that Friday and later are not owed
      { hazard: 'HA', friday: '2023-05-19' },
      { hazard: 'HB', friday: '2023-05-19' },
      { hazard: 'HA', friday: '2023-05-26' },
      { hazard: 'HB', friday: '2023-05-26' },
    ]);
    expect(may.score.parts.missed_feedback).toBe(8);
    expect(may.score.D).toBe(5); // 0.5 × 8 + 1 for May's monthly report, never submitted
    // HD was assigned on Friday 05-26: the first Friday owed is 06-02
    expect((await t.score('K2', '2023-05')).parts.missed_feedback).toBe(0);
    expect((await t.score('K2', '2023-06')).parts.missed_feedback).toBe(5);
  });

  it('missed hazards: a clean-signed inspection d − 120 … d − 1 by the unit, even before the campaign', async () => {
    const cityFinds = (ledger_no: string, n: number, found_on = '2023-06-01', unit_code = 'C0', source = 'enforcement') =>
      ({ ledger_no, enterprise_credit_code: ent(n), unit_code, source, found_on });
    const insp = (inspection_id: string, n: number, inspected_on: string, major_hazards_found = 0, unit_code = 'K1') =>
      ({ inspection_id, unit_code, enterprise_credit_code: ent(n), inspected_on, major_hazards_found, signed_by: ['检查员甲', '检查员乙'] });
    await t.given({
      enterprises: [1, 2, 3, 4, 6, 7, 8].map((n) => ({ credit_code: ent(n), name: `e${n}`, unit_code: 'K1' }))
        .concat([{ credit_code: ent(5), name: 'e5', unit_code: 'K2' }]),
      inspections: [
        insp('I1', 1, '2023-02-01'), // d − 120, before the campaign start: counts
        insp('I2', 2, '2023-01-31'), // d − 121: too early
        insp('I3a', 3, '2023-06-01'), insp('I3b', 3, '2023-05-01', 1), // on d itself; not signed clean
        insp('I4a', 4, '2023-05-01'), insp('I4b', 4, '2023-05-15'), // two clean inspections, one hazard
        insp('I5', 5, '2023-05-01'), // K1 inspected an enterprise of K2's jurisdiction
        insp('I6', 6, '2023-05-01'), // the hazard was K1's own
        insp('I7', 7, '2023-06-15'), // the hazard is found in July
        insp('I8', 8, '2023-05-01'), // the city found it through self-check reporting, not enforcement
      ],
      hazards: [cityFinds('H1', 1), cityFinds('H2', 2), cityFinds('H3', 3), cityFinds('H4', 4), cityFinds('H5', 5),
        cityFinds('H6', 6, '2023-06-01', 'K1'), cityFinds('H7', 7, '2023-07-01'), cityFinds('H8', 8, '2023-06-01', 'C0', 'self_check')],
    });
    const june = await t.engine.explain('K1', '2023-06', DEFAULT_SCHEME);
    expect(june.score.parts.missed_hazards).toBe(2);
    expect(june.missedHazards).toEqual([
      { hazard: 'H1', unit: 'K1', foundOn: '2023-06-01', inspections: [{ id: 'I1', inspectedOn: '2023-02-01', signers: ['检查员甲', '检查员乙'] }] },
      { hazard: 'H4', unit: 'K1', foundOn: '2023-06-01', inspections: [
        { id: 'I4a', inspectedOn: '2023-05-01', signers: ['检查员甲', '检查员乙'] },
        { id: 'I4b', inspectedOn: '2023-05-15', signers: ['检查员甲', '检查员乙'] }] },
    ]);
    expect((await t.score('K2', '2023-06')).parts.missed_hazards).toBe(0);
    expect((await t.score('K1', '2023-07')).parts.missed_hazards).toBe(3);
    // the lookback comes from the scheme: 119 days leaves I1 (d − 120) out
    expect((await t.score('K1', '2023-06', { ...DEFAULT_SCHEME, missedLookbackDays: 119 })).parts.missed_hazards).toBe(1);
    // the traceback lists the same hazards with the same inspections
    const trace = await t.engine.trace('2023-06');
    expect(trace.missed).toEqual(june.missedHazards);
  });
});
