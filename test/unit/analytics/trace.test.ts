import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ent, TinyLedger } from './tiny-ledger.js';

// traceback/*.sql on a hand-made ledger: domain.md section 7.
describe('traceback', () => {
  let t: TinyLedger;
  beforeAll(async () => { t = await TinyLedger.open(); });
  afterAll(async () => { await t?.close(); });

  const hazard = (ledger_no: string, unit_code: string, found_on: string, more: Record<string, unknown> = {}) =>
    ({ ledger_no, enterprise_credit_code: ent(1), unit_code, found_on, ...more });

  it('lists overdue hazards of every unit, the city included, with tracker and responsible person', async () => {
    await t.given({
      enterprises: [{ credit_code: ent(1), name: 'e1', unit_code: 'K1', main_leader: '厂长' }],
      hazards: [
        hazard('C-1', 'C0', '2023-05-02', { deadline: '2023-05-20', listed_level: 'city', listed_on: '2023-05-03', tracker: '督办人', responsible_person: '责任人' }),
        hazard('K-1', 'K1', '2023-05-02', { deadline: '2023-05-20', rectified_on: '2023-05-20' }),
        hazard('K-2', 'K1', '2023-05-02', { deadline: '2023-05-21', rectified_on: '2023-05-25' }),
        hazard('K-3', 'K1', '2023-05-02', { deadline: '2023-06-20' }),
      ],
    });
    const trace = await t.engine.trace('2023-05');
    expect(trace).toMatchObject({ month: '2023-05', asOf: '2023-05-31', missed: [] });
    expect(trace.overdue).toEqual([
      { hazard: 'C-1', unit: 'C0', deadline: '2023-05-20', tracker: '督办人', responsiblePerson: '责任人' },
      { hazard: 'K-2', unit: 'K1', deadline: '2023-05-21', tracker: null, responsiblePerson: null },
    ]);
  });

  it('回头看: a closed hazard re-found later at the same enterprise in exactly the same category', async () => {
    await t.given({
      enterprises: [{ credit_code: ent(1), name: 'e1', unit_code: 'K1' }],
      hazards: [
        hazard('OLD', 'K1', '2023-05-02', { category: '贮存', rectified_on: '2023-05-10', closed_on: '2023-05-12' }),
        hazard('SAME-DAY', 'K1', '2023-05-12', { category: '贮存' }), // not after the close-out
        hazard('AGAIN', 'C0', '2023-06-03', { category: '贮存' }),
        hazard('OTHER', 'K1', '2023-06-04', { category: '贮存 ' }), // not exactly the same category
        hazard('LATER', 'K1', '2023-07-01', { category: '贮存' }), // after June's end
      ],
    });
    const june = await t.engine.trace('2023-06');
    expect(june.lookBack).toEqual([{
      hazard: 'OLD', unit: 'K1', enterprise: ent(1), enterpriseName: 'e1', category: '贮存', closedOn: '2023-05-12',
      refound: { hazard: 'AGAIN', unit: 'C0', foundOn: '2023-06-03' },
    }]);
    expect((await t.engine.trace('2023-07')).lookBack.map((l) => l.refound.hazard)).toEqual(['AGAIN', 'LATER']);
  });

  it('一案三查: the enterprise main leader and the supervising unit with its roster', async () => {
    await t.given({
      enterprises: [{ credit_code: ent(1), name: 'e1', unit_code: 'K1', main_leader: '厂长' }],
      leaders: [{ unit_code: 'K1', name: '局长', role: 'main' }, { unit_code: 'K1', name: '副局长', role: 'member' },
        { unit_code: 'C0', name: '市局长', role: 'main' }],
      hazards: [hazard('C-1', 'C0', '2023-05-02')],
    });
    expect(await t.engine.oneCaseThreeChecks('C-1')).toEqual({
      hazard: 'C-1',
      enterprise: { creditCode: ent(1), name: 'e1', mainLeader: '厂长' },
      reportingUnit: 'C0',
      supervisingUnit: { code: 'K1', name: '县一', mainLeaders: ['局长'],
        roster: [{ name: '局长', role: 'main' }, { name: '副局长', role: 'member' }] },
    });
    await expect(t.engine.oneCaseThreeChecks('NOPE')).rejects.toThrow(/no hazard with ledger number "NOPE"/);
  });
});
