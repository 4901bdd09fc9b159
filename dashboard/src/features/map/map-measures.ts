// What the map can colour counties by: the one list of measures, each with its palette, how its figure
// reads in Chinese, and where the figure comes from. A measure whose API does not answer (GET /api/coverage
// refused or failing) is left out of the picker instead of drawing every county as "no data".
// Pure: load-figures.ts fetches.
import type { Alert, CoverageDuty, CoverageJson, Ranking } from '../../api/types.js';
import { formatCount, formatPercent, formatScore } from '../../format.js';
import { GREENS, RED_GREY_GREEN, REDS, type ScaleOptions } from './color-scale.js';

export type MeasureKey = 'total' | 'rankChange' | 'openAlerts' | 'coverage';

export interface MapMeasure {
  key: MeasureKey;
  /** the picker's label */
  label: string;
  scale: ScaleOptions;
  /** a figure as the tooltip and the legend show it */
  format: (v: number) => string;
}

export const MAP_MEASURES: readonly MapMeasure[] = [
  { key: 'total', label: '总分', scale: { palette: GREENS }, format: (v) => `${formatScore(v)} 分` },
  {
    key: 'rankChange', label: '名次变化', scale: { palette: RED_GREY_GREEN, symmetric: true },
    format: (v) => (v > 0 ? `上升 ${formatCount(v)} 位` : v < 0 ? `下降 ${formatCount(-v)} 位` : '持平'),
  },
  { key: 'openAlerts', label: '未处理预警', scale: { palette: REDS, fromZero: true }, format: (v) => `${formatCount(v)} 条` },
  { key: 'coverage', label: '检查覆盖率', scale: { palette: GREENS }, format: (v) => formatPercent(v) },
];

/** per measure, each unit's figure (null: no figure for that unit); a measure absent here is not offered */
export type MeasureFigures = Partial<Record<MeasureKey, Map<string, number | null>>>;

/** The ranking's figures: total, and rank movement since last month (null for a unit new this month). */
export function rankingFigures(r: Ranking): Pick<MeasureFigures, 'total' | 'rankChange'> {
  return {
    total: new Map(r.units.map((u) => [u.unit, u.total])),
    rankChange: new Map(r.units.map((u) => [u.unit, u.movement ? u.movement.rankChange : null])),
  };
}

/** Alerts due in `month` and still open (neither acknowledged nor resolved). */
export function openAlertFigures(alerts: readonly Pick<Alert, 'unitCode' | 'dueOn' | 'state'>[], month: string, units: readonly string[]): Map<string, number> {
  const out = new Map(units.map((u) => [u, 0]));
  for (const a of alerts) {
    if (!a.dueOn.startsWith(month) || a.state !== 'open') continue;
    if (out.has(a.unitCode)) out.set(a.unitCode, out.get(a.unitCode)! + 1);
  }
  return out;
}

/**
 * The coverage duty that colours the map in `month`: of the unit's duties, the one opened last by the
 * month's end — the 7—8月 county coverage up to August, the city's spot check from September on. A
 * September map of the July–August duty would show a figure that can no longer move, while the month's
 * work is the spot check; before July nothing has opened and the county duty (no figure yet) stands.
 */
export function coverageDutyOf(duties: readonly CoverageDuty[], month: string): CoverageDuty | undefined {
  // `${month}-31` is not a real day for every month, but it sorts after each of the month's days
  const opened = duties.filter((d) => d.from <= `${month}-31`).sort((a, b) => a.from.localeCompare(b.from));
  return opened.at(-1) ?? duties.find((d) => d.duty === 'county_coverage');
}

/**
 * Coverage as a share 0…1 per unit from GET /api/coverage: checked ÷ scope of the month's duty
 * (coverageDutyOf). null when the duty's window has not opened (nothing counted yet) or the unit has no
 * in-scope enterprise (no share to speak of).
 */
export function coverageFigures(c: Pick<CoverageJson, 'month' | 'units'>): Map<string, number | null> {
  return new Map(c.units.map((u) => {
    const d = coverageDutyOf(u.duties, c.month);
    return [u.unit, d && d.countedTo !== null && d.scope > 0 ? d.checked / d.scope : null];
  }));
}
