import { describe, expect, it } from '@jest/globals';
import type { UnitScore } from '../../../dashboard/src/api/types.js';
import { publicationMark, rankingRows, stackedRows, totalsByName } from '../../../dashboard/src/features/ranking/ranking-rows.js';

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

describe('stacked bar rows', () => {
  it('gives one bar per unit in rank order with I1…I4 as the stacks', () => {
    const rows = stackedRows(units);
    expect(rows.map((r) => r.name)).toEqual(['城区', '泽州县', '晋城经济技术开发区']);
    expect(rows[0]).toEqual({ name: '城区', unit: '140502', I1: 21.43, I2: 15.79, I3: 16.67, I4: 21.88 });
  });

  it('breaks equal ranks by unit code', () => {
    const rows = stackedRows([unit('140597', '测试区乙', 8, 37, null), unit('140596', '测试区甲', 8, 37, null)]);
    expect(rows.map((r) => r.unit)).toEqual(['140596', '140597']);
  });

  it('looks up totals and deductions by name for the tooltip', () => {
    expect(totalsByName({ month: '2023-08', asOf: '2023-08-31', scheme: 'default', units, published: null }).get('泽州县')).toEqual({ total: 64.77, D: 1 });
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
