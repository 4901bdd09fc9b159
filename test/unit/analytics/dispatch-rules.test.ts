import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ent, TinyLedger } from './tiny-ledger.js';

// dispatch/figures.sql (every unit's row and the city-wide row) on hand-made ledgers: domain.md section 5.
describe('dispatch table rules', () => {
  let t: TinyLedger;
  beforeAll(async () => { t = await TinyLedger.open(); });
  afterAll(async () => { await t?.close(); });

  const enterprises = [1, 2, 3].map((n) => ({ credit_code: ent(n), name: `企业${n}`, unit_code: n === 3 ? 'K2' : 'K1' }));

  it('counts records dated from the campaign start to the end of the month, both included', async () => {
    await t.given({
      enterprises,
      hazards: [
        { ledger_no: 'H-before', enterprise_credit_code: ent(1), unit_code: 'K1', found_on: '2023-04-24' },
        { ledger_no: 'H-start', enterprise_credit_code: ent(1), unit_code: 'K1', found_on: '2023-04-25', rectified_on: '2023-05-31' },
        { ledger_no: 'H-eom', enterprise_credit_code: ent(1), unit_code: 'K1', found_on: '2023-05-31', rectified_on: '2023-06-01' },
        { ledger_no: 'H-after', enterprise_credit_code: ent(1), unit_code: 'K1', found_on: '2023-06-01' },
      ],
      actions: [
        { action_id: 'A-before', unit_code: 'K1', kind: 'dual_penalty', acted_on: '2023-04-24', enterprise_credit_code: ent(1) },
        { action_id: 'A-start', unit_code: 'K1', kind: 'dual_penalty', acted_on: '2023-04-25', enterprise_credit_code: ent(1) },
        { action_id: 'A-after', unit_code: 'K1', kind: 'dual_penalty', acted_on: '2023-06-01', enterprise_credit_code: ent(1) },
      ],
    });
    const may = await t.engine.dispatch('2023-05');
    const k1 = may.units.find((u) => u.unit === 'K1')!;
    expect({ A1: k1.A1, A2: k1.A2, C4: k1.C4 }).toEqual({ A1: 2, A2: 1, C4: 1 });
    const june = (await t.engine.dispatch('2023-06')).units.find((u) => u.unit === 'K1')!;
    expect({ A1: june.A1, A2: june.A2, C4: june.C4 }).toEqual({ A1: 3, A2: 2, C4: 2 });
  });

  it('counts a listed hazard only once listed by the end of the month', async () => {
    await t.given({
      enterprises,
      hazards: [
        { ledger_no: 'H1', enterprise_credit_code: ent(1), unit_code: 'K1', source: 'public_report', found_on: '2023-05-10',
          listed_level: 'city', listed_on: '2023-06-02', tracker: '督办人', rectified_on: '2023-06-20' },
      ],
    });
    const may = (await t.engine.dispatch('2023-05')).units.find((u) => u.unit === 'K1')!;
    expect({ A5: may.A5, A6: may.A6, A9: may.A9, A10: may.A10 }).toEqual({ A5: 1, A6: 0, A9: 0, A10: 0 });
    const june = (await t.engine.dispatch('2023-06')).units.find((u) => u.unit === 'K1')!;
    expect({ A5: june.A5, A6: june.A6, A9: june.A9, A10: june.A10 }).toEqual({ A5: 1, A6: 1, A9: 1, A10: 1 });
  });

  it('keeps distinct enterprises distinct in the city-wide row and sums money exactly', async () => {
    await t.given({
      enterprises,
      inspections: [
        { inspection_id: 'I1', unit_code: 'K1', enterprise_credit_code: ent(1), inspected_on: '2023-05-02' },
        { inspection_id: 'I2', unit_code: 'C0', enterprise_credit_code: ent(1), inspected_on: '2023-05-03' },
        { inspection_id: 'I3', unit_code: 'K2', enterprise_credit_code: ent(3), inspected_on: '2023-05-04' },
      ],
      findings: [
        { inspection_id: 'I1', finding: 'no_drill' }, { inspection_id: 'I2', finding: 'no_drill' },
        { inspection_id: 'I2', finding: 'outsourcing_chaos' },
      ],
      actions: [
        { action_id: 'P1', unit_code: 'K1', kind: 'penalty', acted_on: '2023-05-05', enterprise_credit_code: ent(1), amount_wan: 0.1 },
        { action_id: 'P2', unit_code: 'C0', kind: 'penalty', acted_on: '2023-05-06', enterprise_credit_code: ent(1), amount_wan: 0.2 },
        { action_id: 'S1', unit_code: 'K1', kind: 'suspension', acted_on: '2023-05-07', enterprise_credit_code: ent(1) },
        { action_id: 'S2', unit_code: 'C0', kind: 'suspension', acted_on: '2023-05-08', enterprise_credit_code: ent(1) },
        { action_id: 'J1', unit_code: 'K1', kind: 'judicial_transfer', acted_on: '2023-05-09', enterprise_credit_code: ent(1), persons: 3 },
        { action_id: 'T1', unit_code: 'K1', kind: 'typical_case', acted_on: '2023-05-10', enterprise_credit_code: ent(1), crime: true },
        { action_id: 'X1', unit_code: 'K1', kind: 'exposure', acted_on: '2023-05-11', enterprise_credit_code: ent(1) },
        { action_id: 'X2', unit_code: 'K1', kind: 'interview', acted_on: '2023-05-12', enterprise_credit_code: ent(1) },
      ],
    });
    const d = await t.engine.dispatch('2023-05');
    const k1 = d.units.find((u) => u.unit === 'K1')!;
    expect({ B1: k1.B1, B8: k1.B8, B7: k1.B7, C3_count: k1.C3_count, C3_amount_wan: k1.C3_amount_wan, C5: k1.C5, C6_suspended: k1.C6_suspended, C7: k1.C7, C8_cases: k1.C8_cases, C8_crime_cases: k1.C8_crime_cases })
      .toEqual({ B1: 1, B8: 1, B7: 0, C3_count: 1, C3_amount_wan: 0.1, C5: 3, C6_suspended: 1, C7: 1, C8_cases: 1, C8_crime_cases: 1 });
    const all = d.cityWide;
    expect({ unit: all.unit, name: all.name, level: all.level }).toEqual({ unit: 'ALL', name: '全市', level: 'all' });
    // ent(1) was inspected by K1 and by the city: one enterprise city-wide; 0.1 + 0.2 is 0.3, not 0.30000000000000004
    expect({ B1: all.B1, B8: all.B8, B7: all.B7, C3_count: all.C3_count, C3_amount_wan: all.C3_amount_wan, C6_suspended: all.C6_suspended })
      .toEqual({ B1: 2, B8: 1, B7: 1, C3_count: 2, C3_amount_wan: 0.3, C6_suspended: 1 });
  });

  it('orders units by level (province, city, then county and zone together) and by code as text', async () => {
    await t.given({
      units: [
        { code: 'Z9', name: '省', level: 'province', parent_code: null },
        { code: 'Y0', name: '市', level: 'city', parent_code: 'Z9' },
        { code: 'Y0KF', name: '开发区', level: 'zone', parent_code: 'Y0' },
        { code: 'A1', name: '县甲', level: 'county', parent_code: 'Y0' },
        { code: 'Y01', name: '县乙', level: 'county', parent_code: 'Y0' },
      ],
    });
    const d = await t.engine.dispatch('2023-05');
    expect(d.units.map((u) => u.unit)).toEqual(['Z9', 'Y0', 'A1', 'Y01', 'Y0KF']);
    expect(d.units.every((u) => u.A1 === 0 && u.C3_amount_wan === 0)).toBe(true);
    expect(d).toMatchObject({ month: '2023-05', asOf: '2023-05-31' });
  });
});
