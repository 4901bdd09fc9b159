import { describe, expect, it } from '@jest/globals';
import { publicHazard, publicHazardsCsv } from '../../../api/src/public/public-hazards.js';
import { RateLimit } from '../../../api/src/public/rate-limit.js';

// 三公开: a public row holds the allow-listed fields only, whatever the ledger row carries.
const LEDGER_ROW = {
  ledger_no: 'JC-140502-2023-0001', enterprise_credit_code: '91140502MA0000001X', enterprise_name: '晋城某化工有限公司', unit_code: '140502',
  unit_name: '城区', source: 'enforcement', found_on: '2023-06-01', description: '张三负责的贮存间渗漏', category: '贮存', inspection_id: 'I-1',
  confirmed_on: '2023-06-02', listed_level: 'county', listed_on: '2023-06-03', tracker: '李四', responsible_person: '王五', measures: '更换防渗层',
  funds_wan: 3.5, deadline: '2023-07-01', contingency_plan: '预案', rectified_on: null, closed_on: null, closed_by: null, signed_by: '赵六',
};

describe('the public row of a hazard', () => {
  it('takes the allow-listed fields only: no tracker, responsible person, closer, signer or description', () => {
    const row = publicHazard(LEDGER_ROW, '2023-12-31');
    expect(row).toEqual({ ledgerNo: 'JC-140502-2023-0001', enterprise: '晋城某化工有限公司', category: '贮存', listing: '县级挂牌', deadline: '2023-07-01', state: '未整改（逾期）' });
    const text = JSON.stringify(row) + publicHazardsCsv({ month: '2023-12', asOf: '2023-12-31', releasedAt: '2024-01-05T00:00:00.000Z', units: [{ unit: '140502', name: '城区', hazards: [row] }] });
    for (const name of ['李四', '王五', '赵六', '张三']) expect(text).not.toContain(name);
  });

  it('names the state on the month\'s last day', () => {
    expect(publicHazard({ ...LEDGER_ROW, rectified_on: '2023-06-20' }, '2023-12-31').state).toBe('已整改');
    expect(publicHazard({ ...LEDGER_ROW, rectified_on: '2023-06-20', closed_on: '2023-06-30' }, '2023-12-31').state).toBe('已办结销号');
    expect(publicHazard({ ...LEDGER_ROW, deadline: null, listed_level: null }, '2023-12-31')).toMatchObject({ state: '未整改', listing: null });
  });
});

describe('the public routes\' rate limit', () => {
  it('admits max requests a window per address, then says how long to wait', () => {
    const limit = new RateLimit(3, 60_000);
    expect([0, 1, 2].map(() => limit.take('a', 1000))).toEqual([0, 0, 0]);
    expect(limit.take('a', 31_000)).toBe(30);
    expect(limit.take('b', 31_000)).toBe(0);
    expect(limit.take('a', 61_000)).toBe(0);
  });
});
