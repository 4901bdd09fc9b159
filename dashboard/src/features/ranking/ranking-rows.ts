// Ranking (打分排队) data for the table and the stacked bar chart. Pure.
import type { Published, Ranking, UnitScore } from '../../api/types.js';
import { formatDateTime, formatSignedScore, movementText, type MovementText } from '../../format.js';
import { INDICATORS, type Indicator } from '../../labels.js';

export interface RankingRow {
  unit: string;
  name: string;
  rank: number;
  movement: MovementText;
  /** the total's change since last month, signed; – in the first month */
  totalChange: string;
  total: number;
  I1: number;
  I2: number;
  I3: number;
  I4: number;
  D: number;
}

export function rankingRows(units: UnitScore[]): RankingRow[] {
  return units.map((u) => ({
    unit: u.unit,
    name: u.name,
    rank: u.rank,
    movement: movementText(u.movement),
    totalChange: u.movement ? formatSignedScore(u.movement.totalChange) : '–',
    total: u.total,
    I1: u.I1,
    I2: u.I2,
    I3: u.I3,
    I4: u.I4,
    D: u.D,
  }));
}

export type StackedRow = { name: string; unit: string } & Record<Indicator, number>;

/** one bar per unit, in rank order, stacked I1…I4 (the deduction is not a stack: it shows in the tooltip) */
export function stackedRows(units: UnitScore[]): StackedRow[] {
  return [...units]
    .sort((a, b) => a.rank - b.rank || a.unit.localeCompare(b.unit))
    .map((u) => {
      const row = { name: u.name, unit: u.unit } as StackedRow;
      for (const k of INDICATORS) row[k] = u[k];
      return row;
    });
}

export interface PublicationMark {
  text: '已发布' | '草稿';
  tone: 'green' | 'amber';
  detail: string;
}

/** 已发布 with when and under which scheme, or 草稿 (live figures that may still change) */
export function publicationMark(p: Published | null | undefined): PublicationMark {
  if (!p) return { text: '草稿', tone: 'amber', detail: '本月排名尚未发布，数据随台账更新而变化' };
  return { text: '已发布', tone: 'green', detail: `发布于 ${formatDateTime(p.publishedAt)}，考核方案 ${p.schemeVersion}` };
}

/** the ranking's units with their names as the chart's tooltip footer wants: 总分 and 扣分 */
export function totalsByName(r: Ranking): Map<string, { total: number; D: number }> {
  return new Map(r.units.map((u) => [u.name, { total: u.total, D: u.D }]));
}
