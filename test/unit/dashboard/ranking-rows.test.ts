import { describe, expect, it } from '@jest/globals';
import type { UnitScore } from '../../../dashboard/src/api/types.js';
import { formatScore } from '../../../dashboard/src/format.js';
import { partsByName, partsLine, publicationMark, rankingRows, totalRows } from '../../../dashboard/src/features/ranking/ranking-rows.js';

const parts = { found: 0, rectified: 0, overdue: 0, scope: 0, checked: 0, flagged: 0, enforced: 0, penalised: 0, enforced_rectified: 0, cases: 0, main_ok: 1, member_ok: 1, late: 0, missed_feedback: 0, missed_hazards: 0 };
const unit = (u: string, name: string, rank: number, total: number, movement: UnitScore['movement'], I = [10, 20, 5, 25], D = 0): UnitScore => ({
  unit: u, name, rank, total, I1: I[0], I2: I[1], I3: I[2], I4: I[3], D, parts, movement,
});

const units = [
  unit('140525', '泽州县', 2, 64.77, { rankChange: 0, totalChange: 10.66 }, [10.77, 22.5, 7.5, 25], 1),
  unit('140502', '城区', 1, 74.76, { rankChange: 1, totalChange: 12.78 }, [21.43, 15.79, 16.67, 21.88], 1),
  unit('140500KF', '晋城经济技术开发区', 3, 69, { rankChange: -1, totalChange: -3 }),
];

describe('ranking rows', () => {
  it('keeps the server order and carries movement and total change', () => {
    const rows = rankingRows(units);
    expect(rows.map((r) => r.unit)).toEqual(['140525', '140502', '140500KF']);
    expect(rows[1].movement.text).toBe('↑1');
    expect(rows[1].totalChange).toBe('+12.78');
    expect(rows[2].movement.text).toBe('↓1');
    expect(rows[2].totalChange).toBe('−3.00');
    expect(rows[0].movement.text).toBe('–');
  });

  it('writes – for the total change in the first month', () => {
    expect(rankingRows([unit('140502', '城区', 1, 50, null)])[0].totalChange).toBe('–');
  });
});

describe('the ranking chart', () => {
  it('gives one bar per unit in rank order, as tall as the ranking\'s total and nothing else', () => {
    const rows = totalRows(units);
    expect(rows.map((r) => r.name)).toEqual(['城区', '泽州县', '晋城经济技术开发区']);
    expect(rows[0]).toEqual({ name: '城区', unit: '140502', total: 74.76 });
  });

  it('agrees with the table where stacked parts would not: a deduction, rounding, a total capped at 0', () => {
    const odd = [
      ...units,
      // parts rounded on their own: 8.335 + 8.335 + 8.335 + 8.335 − 0 = 33.34, total 33.33 from the exact values
      unit('140581', '高平市', 4, 33.33, null, [8.34, 8.33, 8.33, 8.34], 0),
      // I1…I4 sum to 5, D = 20: the total is max(0, −15) = 0
      unit('140522', '阳城县', 5, 0, null, [1, 1, 1, 2], 20),
    ];
    const byUnit = new Map(odd.map((u) => [u.unit, u]));
    for (const r of totalRows(odd)) {
      const u = byUnit.get(r.unit)!;
      // every number drawn is the table's 总分; the chart draws no other
      expect(Object.values(r).filter((v) => typeof v === 'number')).toEqual([u.total]);
    }
    // where the stacked bar would have stood: 65.77 for 泽州县, whose total is 64.77
    const zz = units[0];
    expect(zz.I1 + zz.I2 + zz.I3 + zz.I4).not.toBeCloseTo(zz.total, 2);
    expect(totalRows(odd).find((r) => r.unit === '140525')!.total).toBe(64.77);
  });

  it('writes the parts in the tooltip as the table writes them, the deduction signed', () => {
    expect(partsLine(units[0])).toBe(`I1 ${formatScore(10.77)} · I2 ${formatScore(22.5)} · I3 ${formatScore(7.5)} · I4 ${formatScore(25)} · 扣分 −${formatScore(1)}`);
    expect(partsLine(units[2])).toMatch(/扣分 0\.00$/);
    expect(partsByName({ units }).get('泽州县')).toBe(partsLine(units[0]));
  });

  it('breaks equal ranks by unit code', () => {
    const rows = totalRows([unit('140597', '测试区乙', 8, 37, null), unit('140596', '测试区甲', 8, 37, null)]);
    expect(rows.map((r) => r.unit)).toEqual(['140596', '140597']);
  });
});

describe('publication mark', () => {
  it('marks a ranking without publication as 草稿', () => {
    expect(publicationMark(null)).toMatchObject({ text: '草稿', tone: 'amber' });
  });

  it('marks a published ranking with its time in CST and its scheme', () => {
    const m = publicationMark({ publishedAt: '2023-09-01T02:00:00.000Z', schemeVersion: 'default' });
    expect(m.text).toBe('已发布');
    expect(m.detail).toBe('发布于 2023-09-01 10:00，考核方案 default');
  });
});
