// What the map can colour counties by: the one list of measures, each with its palette, how its figure
// reads in Chinese, and where the figure comes from. A measure whose API this server lacks (coverage
// comes with GET /api/coverage) is left out of the picker instead of drawing every county as "no data".
// Pure: load-figures.ts fetches.
import type { Alert, Ranking } from '../../api/types.js';
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
 * Coverage as a share 0…1 per unit, read from GET /api/coverage when the server has it. The shape is
 * analytics/src/contracts.ts's once that endpoint lands; until then a row counts when it names its unit
 * and either a share or inspected/required counts.
 */
export function coverageFigures(answer: unknown): Map<string, number | null> | null {
  const rows = Array.isArray(answer) ? answer : (answer as { units?: unknown })?.units;
  if (!Array.isArray(rows)) return null;
  const out = new Map<string, number | null>();
  for (const raw of rows as Record<string, unknown>[]) {
    const unit = (raw.unit ?? raw.unitCode) as string | undefined;
    if (typeof unit !== 'string') continue;
    const num = (k: string) => (typeof raw[k] === 'number' ? (raw[k] as number) : undefined);
    const share = num('share') ?? num('coverage');
    const done = num('inspected') ?? num('checked');
    const of = num('inScope') ?? num('scope') ?? num('required');
    out.set(unit, share ?? (done !== undefined && of !== undefined ? (of === 0 ? 1 : done / of) : null));
  }
  return out;
}
