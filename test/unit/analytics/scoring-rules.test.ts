import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SCHEME, type SchemeParams } from '../../../analytics/src/default-scheme.js';
import { ent, TinyLedger } from './tiny-ledger.js';

// scoring/*.sql on hand-made ledgers: the indicators of domain.md section 6 and their edge rules.

/** A scheme where only the weights given count (the rest 0), to isolate one rule. */
function only(over: Partial<{ [K in keyof SchemeParams]: SchemeParams[K] }>): SchemeParams {
  return {
    ...DEFAULT_SCHEME,
    I1: { rectified: 0, onTime: 0 }, I2: { coverage: 0, flagged: 0 },
    I3: { penalised: 0, enforcedRectified: 0, cases: 0 }, I4: { main: 0, member: 0 },
    deductions: { late: 0, missedFeedback: 0, missedHazard: 0, cap: 20 },
    ...over,
  };
}

describe('scoring rules', () => {
  let t: TinyLedger;
  beforeAll(async () => { t = await TinyLedger.open(); });
  afterAll(async () => { await t?.close(); });

  it('takes r(a, 0) as 1, the flagged term as 0 without checks, I3 as 0 without enforcement', async () => {
    await t.given({});
    const k1 = await t.score('K1', '2023-05');
    // I1 = 15 + 10 (nothing found), I2 = 20 × r(0, 0) + 0, I3 = 0, I4 = 0 (no leaders), D = 1 (May's report)
    expect(k1).toMatchObject({ I1: 25, I2: 20, I3: 0, I4: 0, D: 1, total: 44 });
    expect(k1.parts).toMatchObject({ found: 0, scope: 0, checked: 0, enforced: 0, main_ok: 0, member_ok: 0, late: 1 });
  });

  it('I1: overdue means a deadline by the end of the month not met by the rectification', async () => {
    const h = (ledger_no: string, deadline: string, rectified_on: string | null) =>
      ({ ledger_no, enterprise_credit_code: ent(1), unit_code: 'K1', found_on: '2023-05-02', deadline, rectified_on });
    await t.given({
      enterprises: [{ credit_code: ent(1), name: 'e1', unit_code: 'K1' }],
      hazards: [h('on-deadline', '2023-05-10', '2023-05-10'), h('day-late', '2023-05-10', '2023-05-11'),
        h('due-in-june', '2023-06-05', null), h('never', '2023-05-20', null)],
    });
    const may = await t.score('K1', '2023-05');
    expect(may.parts).toMatchObject({ found: 4, rectified: 2, overdue: 2 });
    expect(may.I1).toBe(12.5); // 15 × 2/4 + 10 × 2/4
    const june = await t.score('K1', '2023-06');
    expect(june.parts).toMatchObject({ found: 4, rectified: 2, overdue: 3 });
    expect(june.I1).toBe(10); // 15 × 2/4 + 10 × 1/4
  });

  it('I2: in-scope enterprises of the jurisdiction, checked and flagged by the unit itself', async () => {
    await t.given({
      enterprises: [
        { credit_code: ent(1), name: 'steel', unit_code: 'K1' },
        { credit_code: ent(2), name: 'steel, city-checked', unit_code: 'K1' },
        { credit_code: ent(3), name: 'other, general', unit_code: 'K1', industry: 'other' },
        { credit_code: ent(4), name: 'other, larger', unit_code: 'K1', industry: 'other', risk_level: 'larger' },
      ],
      inspections: [
        { inspection_id: 'I1', unit_code: 'K1', enterprise_credit_code: ent(1), inspected_on: '2023-05-03' },
        { inspection_id: 'I2', unit_code: 'C0', enterprise_credit_code: ent(2), inspected_on: '2023-05-03' },
        { inspection_id: 'I3', unit_code: 'K1', enterprise_credit_code: ent(3), inspected_on: '2023-05-03' },
        { inspection_id: 'I4', unit_code: 'K1', enterprise_credit_code: ent(4), inspected_on: '2023-04-24' },
      ],
      findings: [{ inspection_id: 'I1', finding: 'no_duty_list' }, { inspection_id: 'I2', finding: 'no_drill' }],
    });
    const k1 = await t.score('K1', '2023-05');
    expect(k1.parts).toMatchObject({ scope: 3, checked: 1, flagged: 1 });
    expect(k1.I2).toBe(11.67); // 20 × 1/3 + 5 × 1/1
  });

  it('I3: penalties by any unit dated in the window; cases against the months so far', async () => {
    const e = (ledger_no: string, found_on: string, rectified_on: string | null = null) =>
      ({ ledger_no, enterprise_credit_code: ent(1), unit_code: 'K1', source: 'enforcement', found_on, rectified_on });
    await t.given({
      enterprises: [{ credit_code: ent(1), name: 'e1', unit_code: 'K1' }],
      hazards: [e('E1', '2023-05-02'), e('E2', '2023-05-03'), e('E3', '2023-05-04', '2023-05-20'), e('E0', '2023-04-24')],
      actions: [
        { action_id: 'P1', unit_code: 'C0', kind: 'penalty', acted_on: '2023-05-10', enterprise_credit_code: ent(1), hazard_ledger_no: 'E1', amount_wan: 1 },
        { action_id: 'P2', unit_code: 'K1', kind: 'penalty', acted_on: '2023-06-10', enterprise_credit_code: ent(1), hazard_ledger_no: 'E2', amount_wan: 1 },
        { action_id: 'T1', unit_code: 'K1', kind: 'typical_case', acted_on: '2023-05-15', enterprise_credit_code: ent(1) },
      ],
    });
    const may = await t.score('K1', '2023-05');
    expect(may.parts).toMatchObject({ enforced: 3, penalised: 1, enforced_rectified: 1, cases: 1 });
    expect(may.I3).toBe(11.67); // 10 × 1/3 + 10 × 1/3 + 5 × min(1, 1/1)
    const june = await t.score('K1', '2023-06');
    expect(june.parts).toMatchObject({ enforced: 3, penalised: 2, enforced_rectified: 1, cases: 1 });
    expect(june.I3).toBe(12.5); // 10 × 2/3 + 10 × 1/3 + 5 × 1/2
  });

  it('I4: the leader rule holds per calendar month, and a share of exactly .xx5 rounds up', async () => {
    const li = (leader_name: string, inspected_on: string) => ({ unit_code: 'K1', leader_name, inspected_on });
    await t.given({
      leaders: [{ unit_code: 'K1', name: '主要', role: 'main' }, { unit_code: 'K1', name: '甲', role: 'member' },
        { unit_code: 'K1', name: '乙', role: 'member' }],
      leader_inspections: [li('主要', '2023-05-08'), li('甲', '2023-05-09'), li('甲', '2023-05-10'),
        li('乙', '2023-05-31'), li('乙', '2023-06-01')],
    });
    const june = await t.score('K1', '2023-06');
    expect(june.parts).toMatchObject({ main_ok: 0.5, member_ok: 0.25 });
    expect(june.I4).toBe(9.38); // 12.5 × 1/2 + 12.5 × 1/4 = 9.375
    const missed = (await t.engine.explain('K1', '2023-06', DEFAULT_SCHEME)).leaderMonthsMissed;
    expect(missed).toEqual([
      { leader: '乙', role: 'member', month: '2023-05', count: 1, required: 2 },
      { leader: '主要', role: 'main', month: '2023-06', count: 0, required: 1 },
      { leader: '乙', role: 'member', month: '2023-06', count: 1, required: 2 },
      { leader: '甲', role: 'member', month: '2023-06', count: 0, required: 2 },
    ]);
  });

  it('rounds from exact values: a weight of 1.005 gives 1.01, where a double gives 1.00', async () => {
    await t.given({});
    const k1 = await t.score('K1', '2023-05', only({ I1: { rectified: 1.005, onTime: 0 } }));
    expect(k1).toMatchObject({ I1: 1.01, total: 1.01 });
    const odd = await t.score('K1', '2023-05', only({ I1: { rectified: 21.435, onTime: 0 } }));
    expect(odd).toMatchObject({ I1: 21.44, total: 21.44 });
  });

  it('caps D and floors the total at 0', async () => {
    await t.given({});
    const floored = await t.score('K1', '2023-05', only({ I1: { rectified: 1, onTime: 0 }, deductions: { late: 5, missedFeedback: 0, missedHazard: 0, cap: 20 } }));
    expect(floored).toMatchObject({ I1: 1, D: 5, total: 0 });
    const capped = await t.score('K1', '2023-05', only({ I1: { rectified: 25, onTime: 0 }, deductions: { late: 30, missedFeedback: 0, missedHazard: 0, cap: 20 } }));
    expect(capped).toMatchObject({ D: 20, total: 5 });
  });

  it('ranks peers under the same parent on (Total, I1, I2, I3, I4); equal tuples share a rank', async () => {
    await t.given({
      units: [
        { code: 'C0', name: '市', level: 'city', parent_code: null },
        { code: 'C9', name: '另一市', level: 'city', parent_code: null },
        { code: 'K1', name: '县一', level: 'county', parent_code: 'C0' },
        { code: 'K2', name: '县二', level: 'county', parent_code: 'C0' },
        { code: 'K3', name: '县三', level: 'county', parent_code: 'C0' },
        { code: 'Z1', name: '开发区', level: 'zone', parent_code: 'C0' },
        { code: 'K9', name: '县九', level: 'county', parent_code: 'C9' },
      ],
      enterprises: [{ credit_code: ent(2), name: 'e2', unit_code: 'K2' }, { credit_code: ent(3), name: 'e3', unit_code: 'K3' }],
      hazards: [{ ledger_no: 'H1', enterprise_credit_code: ent(2), unit_code: 'K1', found_on: '2023-05-02' }],
    });
    const scheme = only({ I1: { rectified: 10, onTime: 0 }, I2: { coverage: 10, flagged: 0 } });
    const s = await t.engine.scores('2023-05', scheme);
    // Z1: 10 + 10; K2, K3: 10 + 0 (one unchecked enterprise); K1: 0 + 10 (one hazard not rectified)
    expect(s.units.map((u) => [u.unit, u.total, u.I1, u.rank])).toEqual([
      ['Z1', 20, 10, 1], ['K2', 10, 10, 2], ['K3', 10, 10, 2], ['K1', 10, 0, 4], ['K9', 20, 10, 1],
    ]);
  });
});
