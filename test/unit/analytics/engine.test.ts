import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SCHEME } from '../../../analytics/src/default-scheme.js';
import { AnalyticsEngine } from '../../../analytics/src/engine.js';
import { ent, TinyLedger } from './tiny-ledger.js';

// The engine's copy of the ledger (ledger-loader.ts) and its query pool.
describe('analytics engine', () => {
  let t: TinyLedger;
  beforeAll(async () => { t = await TinyLedger.open(); });
  afterAll(async () => { await t?.close(); });

  it('copies text lists, decimals, booleans and calendar days exactly', async () => {
    const signers = ['甲', '乙,丙', '"丁"', '戊;己'];
    await t.given({
      enterprises: [{ credit_code: ent(1), name: '企业', unit_code: 'K1', high_risk: true, main_leader: '厂长' }],
      inspections: [{ inspection_id: 'I1', unit_code: 'K1', enterprise_credit_code: ent(1), inspected_on: '2023-04-25', signed_by: signers }],
      hazards: [{ ledger_no: 'H1', enterprise_credit_code: ent(1), unit_code: 'C0', source: 'enforcement', found_on: '2023-05-31' }],
      actions: [
        { action_id: 'P1', unit_code: 'K1', kind: 'penalty', acted_on: '2023-05-31', enterprise_credit_code: ent(1), amount_wan: '123456789012.91' },
        { action_id: 'P2', unit_code: 'K1', kind: 'penalty', acted_on: '2023-04-25', enterprise_credit_code: ent(1), amount_wan: '0.09' },
        { action_id: 'T1', unit_code: 'K1', kind: 'typical_case', acted_on: '2023-05-31', enterprise_credit_code: ent(1), crime: true },
      ],
    });
    const trace = await t.engine.trace('2023-05');
    expect(trace.missed).toEqual([{ hazard: 'H1', unit: 'K1', foundOn: '2023-05-31', inspections: [{ id: 'I1', inspectedOn: '2023-04-25', signers }] }]);
    const k1 = (await t.engine.dispatch('2023-05')).units.find((u) => u.unit === 'K1')!;
    expect({ C3_count: k1.C3_count, C3_amount_wan: k1.C3_amount_wan, C8_crime_cases: k1.C8_crime_cases })
      .toEqual({ C3_count: 2, C3_amount_wan: 123456789013, C8_crime_cases: 1 });
    expect((await t.engine.oneCaseThreeChecks('H1')).enterprise).toEqual({ creditCode: ent(1), name: '企业', mainLeader: '厂长' });
    expect(await t.engine.query('campaign-months.sql', {})).toEqual([{ code: 'jincheng-2023', first_month: '2023-05', last_month: '2023-12' }]);
  });

  it('replaces one table without reloading the others', async () => {
    await t.given({
      enterprises: [{ credit_code: ent(1), name: 'e1', unit_code: 'K1' }],
      hazards: [{ ledger_no: 'H1', enterprise_credit_code: ent(1), unit_code: 'K1', found_on: '2023-05-02' }],
    });
    const ds = t.db.db.dataSource;
    await ds.query(`INSERT INTO hazards (ledger_no, enterprise_credit_code, unit_code, source, found_on) VALUES ('H2', $1, 'K1', 'self_check', '2023-05-03')`, [ent(1)]);
    await ds.query(`UPDATE units SET name = '改名' WHERE code = 'K1'`);
    const { rows } = await t.engine.reloadTables(ds, ['hazards']);
    expect(rows).toBe(2);
    const k1 = (await t.engine.dispatch('2023-05')).units.find((u) => u.unit === 'K1')!;
    expect({ name: k1.name, A1: k1.A1 }).toEqual({ name: '县一', A1: 2 }); // units not reloaded yet
    await expect(t.engine.reloadTables(ds, ['users' as never])).rejects.toThrow(/unknown ledger table "users"/);
  });

  it('answers many concurrent requests through its few connections', async () => {
    await t.given({});
    const months = ['2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'];
    const all = await Promise.all(months.flatMap((m) => [t.engine.dispatch(m), t.engine.scores(m, DEFAULT_SCHEME)]));
    expect(all.map((r) => r.month)).toEqual(months.flatMap((m) => [m, m]));
  });

  it('refuses a unit that is not scored, and work after close', async () => {
    await t.given({});
    await expect(t.engine.explain('C0', '2023-05', DEFAULT_SCHEME)).rejects.toThrow(/"C0" is not a county-level unit/);
    await expect(t.engine.scores('2023-05', { ...DEFAULT_SCHEME, I4: { main: 12.34567, member: 12.5 } })).rejects.toThrow(/I4.main = 12.34567/);
    const engine = await AnalyticsEngine.create();
    await engine.close();
    await expect(engine.dispatch('2023-05')).rejects.toThrow(/closed/);
  });
});
