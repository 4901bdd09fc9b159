import { describe, expect, it } from '@jest/globals';
import { fullExplanation, indicatorBars, partsGroups, trendRows } from '../../../dashboard/src/features/county/county-transforms.js';
import { defaultMonth, endOfMonth, pickMonth, todayCst } from '../../../dashboard/src/months.js';

describe('county page data', () => {
  it('sets each indicator against its maximum 25', () => {
    const bars = indicatorBars({ I1: 10.77, I2: 22.5, I3: 7.5, I4: 25 });
    expect(bars.map((b) => b.name)).toEqual(['I1 排查整治总体情况', 'I2 企业自查自改抽查检查情况', 'I3 精准严格执法情况', 'I4 领导干部检查情况']);
    expect(bars[0]).toMatchObject({ 得分: 10.77, 未得分: 14.23 });
    expect(bars[3]).toMatchObject({ 得分: 25, 未得分: 0 });
  });

  it('turns the trend into month labels with total and rank', () => {
    expect(trendRows([{ month: '2023-05', rank: 8, total: 40, I1: 15, I2: 0, I3: 0, I4: 25, D: 0 }])).toEqual([{ month: '5月', 总分: 40, 名次: 8 }]);
  });

  it('reads an explanation with missing lists as empty lists', () => {
    const e = fullExplanation({ overdue: [{ ledgerNo: 'JC-1', deadline: '2023-07-01', rectifiedOn: null, tracker: '张三', responsiblePerson: '李四' }] });
    expect(e.overdue).toHaveLength(1);
    expect(e.unchecked).toEqual([]);
    expect(e.missedHazards).toEqual([]);
    expect(fullExplanation(undefined).lateSubmissions).toEqual([]);
  });

  it('lists the counts behind each figure', () => {
    const g = partsGroups({ found: 13, rectified: 4, overdue: 5, scope: 8, checked: 8, flagged: 4, enforced: 4, penalised: 3, enforced_rectified: 0, cases: 0, main_ok: 1, member_ok: 2 / 3, late: 1, missed_feedback: 0, missed_hazards: 2 });
    expect(g.map((x) => x.key)).toEqual(['I1', 'I2', 'I3', 'I4', 'D']);
    expect(g[0].lines).toEqual([{ label: '发现隐患', value: '13 项' }, { label: '已整改', value: '4 项' }, { label: '逾期未整改', value: '5 项' }]);
    expect(g[3].lines[1].value).toBe('66.7%');
    expect(g[4].lines[2]).toEqual({ label: '该发现而未发现', value: '2 项' });
  });
});

describe('months', () => {
  const months = ['2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'];

  it('opens on the last month that has ended', () => {
    expect(defaultMonth(months, '2023-09-15')).toBe('2023-08');
    expect(defaultMonth(months, '2025-01-01')).toBe('2023-12');
    expect(defaultMonth(months, '2023-05-10')).toBe('2023-05');
  });

  it('takes the address month only when it is assessed', () => {
    expect(pickMonth(months, '2023-07', '2025-01-01')).toBe('2023-07');
    expect(pickMonth(months, '2024-01', '2025-01-01')).toBe('2023-12');
    expect(pickMonth(months, null, '2023-09-15')).toBe('2023-08');
  });

  it('knows month ends and the CST day', () => {
    expect(endOfMonth('2023-02')).toBe('2023-02-28');
    expect(endOfMonth('2024-02')).toBe('2024-02-29');
    expect(endOfMonth('2023-12')).toBe('2023-12-31');
    expect(todayCst(Date.parse('2023-08-31T17:00:00Z'))).toBe('2023-09-01');
  });
});
