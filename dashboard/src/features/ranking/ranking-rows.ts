// Ranking (打分排队) data for the table and the totals chart. Pure.
import type { Published, Ranking, UnitScore } from '../../api/types.js';
import { formatDateTime, formatScore, formatSignedScore, movementText, type MovementText } from '../../format.js';
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

/** a bar of the ranking chart: the unit's total (总分) and nothing else */
export type TotalRow = { name: string; unit: string; total: number };

/**
 * One bar per unit, in rank order, as tall as the ranking's total. Not I1…I4 stacked: Total is
 * max(0, I1 + I2 + I3 + I4 − D), each figure rounded on its own (domain.md), so stacked parts would stand
 * taller than the total by the deduction and could differ from it by rounding; the parts go in the tooltip.
 */
export function totalRows(units: UnitScore[]): TotalRow[] {
  return [...units].sort((a, b) => a.rank - b.rank || a.unit.localeCompare(b.unit)).map((u) => ({ name: u.name, unit: u.unit, total: u.total }));
}

/** the line under a bar's tooltip: I1…I4 and the deduction written as the ranking table writes them */
export function partsLine(u: Pick<UnitScore, Indicator | 'D'>): string {
  const d = u.D > 0 ? `−${formatScore(u.D)}` : formatScore(0);
  return `${INDICATORS.map((k) => `${k} ${formatScore(u[k])}`).join(' · ')} · 扣分 ${d}`;
}

/** the tooltip lines by unit name (the chart's index) */
export function partsByName(r: Pick<Ranking, 'units'>): Map<string, string> {
  return new Map(r.units.map((u) => [u.name, partsLine(u)]));
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
