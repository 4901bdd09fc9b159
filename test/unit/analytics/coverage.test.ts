import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CoverageDuty, CoverageJson } from '../../../analytics/src/contracts.js';
import { coverageOracle as oracle, countyLevelUnits } from '../../support/coverage-oracle.js';
import { sampleEngine } from './sample-engine.js';
import { ent, TinyLedger } from './tiny-ledger.js';

// analytics/sql/inspection-coverage/*.sql (issue 15 item 2): the notice's 7—8月 100% round by each county-level
// unit and the city's 9—11月 spot checks of ≥ 20%, each counted inside its own window only.

const duty = (c: CoverageJson, unit: string, key: string): CoverageDuty => {
  const d = c.units.find((u) => u.unit === unit)?.duties.find((x) => x.duty === key);
  if (!d) throw new Error(`no ${key} for ${unit}`);
  return d;
};

describe('coverage on the sample ledger', () => {
  let s: Awaited<ReturnType<typeof sampleEngine>>;
  beforeAll(async () => { s = await sampleEngine(); }, 120_000);
  afterAll(async () => { await s?.close(); });

  it('lists the four phases and the two duties of jincheng-2023 from the migration', async () => {
    const c = await s.engine.coverage('2023-08');
    expect(c).toMatchObject({ month: '2023-08', asOf: '2023-08-31', campaign: 'jincheng-2023' });
    expect(c.phases.map((p) => [p.key, p.name, p.startOn, p.endOn, p.requiredPercent])).toEqual([
      ['mobilisation', '动员部署', '2023-04-25', '2023-05-15', null],
      ['self_check', '自查自改和部门帮扶', '2023-05-16', '2023-06-30', null],
      ['enforcement', '部门精准执法', '2023-07-01', '2023-11-30', null],
      ['county_coverage', '县级全覆盖检查', '2023-07-01', '2023-08-31', 100],
      ['city_spot_check', '市级抽查检查', '2023-09-01', '2023-11-30', 20],
      ['consolidation', '巩固提高', '2023-12-01', '2023-12-31', null],
    ]);
  });

  it('every county-level unit, both duties, equal the figures worked out from the bundle, month by month', async () => {
    const units = countyLevelUnits();
    for (const [month, eom] of [['2023-06', '2023-06-30'], ['2023-07', '2023-07-31'], ['2023-08', '2023-08-31'], ['2023-10', '2023-10-31'], ['2023-12', '2023-12-31']]) {
      const c = await s.engine.coverage(month);
      expect(c.units.map((u) => u.unit).sort()).toEqual(units.map((u) => u.code).sort());
      for (const u of units) {
        expect({ month, unit: u.code, ...pick(duty(c, u.code, 'county_coverage')) })
          .toEqual({ month, unit: u.code, ...oracle(u.code, u.code, '2023-07-01', '2023-08-31', eom, 100) });
        expect({ month, unit: u.code, ...pick(duty(c, u.code, 'city_spot_check')) })
          .toEqual({ month, unit: u.code, ...oracle(u.code, u.parent_code, '2023-09-01', '2023-11-30', eom, 20) });
      }
    }
  });

  it('城区 in October: 7 of 14 inspected in July–August, not the 12 inspected from the campaign start', async () => {
    const d = duty(await s.engine.coverage('2023-10'), '140502', 'county_coverage');
    expect(d).toMatchObject({ scope: 14, checked: 7, required: 14, shortfall: 7, status: 'behind', countedTo: '2023-08-31' });
    expect(d.toInspect).toHaveLength(7);
  });

  it('statuses follow the month: not started before the window, in progress inside it, met or behind after it', async () => {
    const june = await s.engine.coverage('2023-06');
    expect(duty(june, '140502', 'county_coverage')).toMatchObject({ status: 'not_started', countedTo: null, checked: 0 });
    expect(duty(await s.engine.coverage('2023-07'), '140502', 'county_coverage').status).toBe('in_progress');
    const aug = await s.engine.coverage('2023-08');
    expect(duty(aug, '140524', 'county_coverage')).toMatchObject({ status: 'met', toInspect: [] });
    expect(duty(aug, '140521', 'county_coverage').status).toBe('behind');
    expect(duty(aug, '140521', 'city_spot_check').status).toBe('not_started');
    const nov = await s.engine.coverage('2023-11');
    expect(duty(nov, '140502', 'city_spot_check').status).toBe('met');
    expect(duty(nov, '140525', 'city_spot_check')).toMatchObject({ required: 2, status: 'behind' });
  });
});

const pick = (d: CoverageDuty) => ({ scope: d.scope, checked: d.checked, required: d.required, shortfall: d.shortfall, toInspect: d.toInspect });

// The window edges and what does not count, on a hand-made ledger (city C0; counties K1, K2; zone Z1).
describe('coverage rules', () => {
  let t: TinyLedger;
  beforeAll(async () => { t = await TinyLedger.open(); }, 60_000);
  afterAll(async () => { await t?.close(); });

  const insp = (id: string, unit_code: string, n: number, inspected_on: string, more: Record<string, unknown> = {}) =>
    ({ inspection_id: id, unit_code, enterprise_credit_code: ent(n), inspected_on, ...more });

  it("counts the unit's own inspections of in-scope enterprises on 07-01 … 08-31, distinct, the current record of a correction", async () => {
    await t.given({
      enterprises: [
        { credit_code: ent(1), name: '甲', unit_code: 'K1' },
        { credit_code: ent(2), name: '乙', unit_code: 'K1' },
        { credit_code: ent(3), name: '丙', unit_code: 'K1', industry: 'other', risk_level: 'larger' },
        { credit_code: ent(4), name: '丁（不在范围）', unit_code: 'K1', industry: 'other', risk_level: 'general' },
        { credit_code: ent(5), name: '戊', unit_code: 'K1' },
        { credit_code: ent(6), name: '己', unit_code: 'K1' },
      ],
      inspections: [
        insp('A', 'K1', 1, '2023-07-01'), insp('A2', 'K1', 1, '2023-08-31'), // both edges, one enterprise
        insp('B', 'K1', 2, '2023-06-30'), insp('B2', 'K1', 2, '2023-09-01'), // just outside
        insp('C', 'C0', 3, '2023-07-15'), // the city's, not the county's
        insp('D', 'K1', 4, '2023-07-15'), // not in scope
        insp('E', 'K2', 5, '2023-07-15'), // another county's
        insp('F', 'K1', 6, '2023-07-20'), insp('F2', 'K1', 6, '2023-06-20', { corrects_inspection_id: 'F' }), // corrected out of the window
      ],
    });
    const d = duty(await t.engine.coverage('2023-09'), 'K1', 'county_coverage');
    expect(d).toMatchObject({ scope: 5, checked: 1, required: 5, shortfall: 4, status: 'behind', inspector: 'K1' });
    expect(d.toInspect.map((e) => e.name)).toEqual(['乙', '丙', '戊', '己']);
  });

  it("counts the parent's (the city's) inspections on 09-01 … 11-30 for the spot checks, ⌈20%⌉ required", async () => {
    const enterprises = Array.from({ length: 6 }, (_, i) => ({ credit_code: ent(i + 1), name: `企业${i + 1}`, unit_code: 'K1' }));
    await t.given({
      enterprises,
      inspections: [
        insp('S1', 'C0', 1, '2023-09-01'), insp('S2', 'C0', 2, '2023-08-31'), insp('S3', 'K1', 3, '2023-09-10'),
        insp('S4', 'C0', 4, '2023-11-30'),
      ],
    });
    expect(duty(await t.engine.coverage('2023-09'), 'K1', 'city_spot_check'))
      .toMatchObject({ scope: 6, required: 2, checked: 1, shortfall: 1, status: 'in_progress', inspector: 'C0', countedTo: '2023-09-30' });
    expect(duty(await t.engine.coverage('2023-11'), 'K1', 'city_spot_check'))
      .toMatchObject({ checked: 2, shortfall: 0, status: 'met', countedTo: '2023-11-30' });
    // a unit with nothing in scope owes nothing
    expect(duty(await t.engine.coverage('2023-11'), 'Z1', 'city_spot_check')).toMatchObject({ scope: 0, required: 0, status: 'met', toInspect: [] });
  });

  it('reads the windows from campaign_phases: moved dates move the figures', async () => {
    const ds = t.db.db.dataSource;
    await t.given({
      enterprises: [{ credit_code: ent(1), name: '甲', unit_code: 'K1' }],
      inspections: [insp('A', 'K1', 1, '2023-06-20')],
    });
    expect(duty(await t.engine.coverage('2023-08'), 'K1', 'county_coverage').checked).toBe(0);
    await ds.query(`UPDATE campaign_phases SET start_on = '2023-06-15' WHERE phase_key = 'county_coverage'`);
    try {
      await t.engine.loadFromLedger(ds);
      expect(duty(await t.engine.coverage('2023-08'), 'K1', 'county_coverage')).toMatchObject({ checked: 1, from: '2023-06-15', status: 'met' });
    } finally {
      await ds.query(`UPDATE campaign_phases SET start_on = '2023-07-01' WHERE phase_key = 'county_coverage'`);
    }
  });
});
