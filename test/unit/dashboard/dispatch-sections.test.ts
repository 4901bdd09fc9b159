import { describe, expect, it } from '@jest/globals';
import type { Dispatch, DispatchKey, DispatchRow } from '../../../dashboard/src/api/types.js';
import { CITY_WIDE, DISPATCH_SECTIONS, dispatchCell, dispatchChoices, dispatchRow, matrixRows } from '../../../dashboard/src/features/dispatch/dispatch-sections.js';

const KEYS: DispatchKey[] = [
  'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8',
  'C1', 'C2', 'C3_count', 'C3_amount_wan', 'C4', 'C5', 'C6_suspended', 'C6_closed', 'C7', 'C8_cases', 'C8_crime_cases', 'C9', 'C10',
];

const row = (unit: string, name: string, level: DispatchRow['level'], v = 0): DispatchRow => ({ unit, name, level, ...Object.fromEntries(KEYS.map((k) => [k, v])) }) as DispatchRow;

describe('dispatch sections', () => {
  it('lays out every key once, in the attachment order of three sections', () => {
    expect(DISPATCH_SECTIONS.map((s) => s.title)).toEqual(['一、重大事故隐患排查整治情况', '二、部门抽查检查情况', '三、执法情况']);
    expect(DISPATCH_SECTIONS.flatMap((s) => s.items.flatMap((i) => i.values.map((v) => v.key)))).toEqual(KEYS);
    expect(DISPATCH_SECTIONS.map((s) => s.items.length)).toEqual([10, 8, 10]);
    for (const s of DISPATCH_SECTIONS) expect(s.items.map((i) => i.no)).toEqual(s.items.map((_, n) => n + 1));
  });

  it('uses the attachment labels', () => {
    const labels = Object.fromEntries(DISPATCH_SECTIONS.flatMap((s) => s.items.map((i) => [i.values[0].key, i.label])));
    expect(labels.A1).toBe('企业自查发现的重大事故隐患（个）');
    expect(labels.A10).toBe('挂牌督办重大事故隐患中已完成整改的（个）');
    expect(labels.B7).toBe('外包外租安全管理混乱（家）');
    expect(labels.C3_count).toBe('行政处罚（次，万元）');
    expect(labels.C10).toBe('约谈通报有关市县及部门（次）');
  });

  it('writes counts as integers and the penalty amount with 2 decimals', () => {
    const r = { ...row('140502', '城区', 'county'), C3_count: 4, C3_amount_wan: 21.9, C6_suspended: 2, C6_closed: 1, C8_cases: 3, C8_crime_cases: 1, A1: 1234 };
    const item = (key: DispatchKey) => DISPATCH_SECTIONS.flatMap((s) => s.items).find((i) => i.values[0].key === key)!;
    expect(dispatchCell(r, item('A1'))).toBe('1,234');
    expect(dispatchCell(r, item('C3_count'))).toBe('4 次 / 21.90 万元');
    expect(dispatchCell(r, item('C6_suspended'))).toBe('停产 2 / 关闭 1');
    expect(dispatchCell(r, item('C8_cases'))).toBe('案例 3 / 其中危险作业罪 1');
  });
});

describe('dispatch choices', () => {
  const d: Dispatch = {
    month: '2023-08',
    asOf: '2023-08-31',
    units: [row('140500', '晋城市', 'city'), row('140500KF', '晋城经济技术开发区', 'zone'), row('140502', '城区', 'county')],
    cityWide: row('ALL', '全市', 'all', 9),
  };

  it('offers every unit own table and then 全市', () => {
    expect(dispatchChoices(d).map((c) => [c.code, c.kind])).toEqual([['140500', 'city'], ['140500KF', 'county'], ['140502', 'county'], ['ALL', 'all']]);
  });

  it('finds rows by code, ALL being the city-wide row', () => {
    expect(dispatchRow(d, CITY_WIDE)?.A1).toBe(9);
    expect(dispatchRow(d, '140502')?.name).toBe('城区');
    expect(dispatchRow(d, 'nope')).toBeUndefined();
  });

  it('puts counties first, then the city own table, then 全市 in the summary', () => {
    expect(matrixRows(d).map((r) => r.unit)).toEqual(['140500KF', '140502', '140500', 'ALL']);
  });
});
