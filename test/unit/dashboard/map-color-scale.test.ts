import { describe, expect, it } from '@jest/globals';
import { colorScale, GREENS, NO_DATA_COLOR, RED_GREY_GREEN, REDS } from '../../../dashboard/src/features/map/color-scale.js';
import type { CoverageDuty, CoverageJson } from '../../../analytics/src/contracts.js';
import { coverageDutyOf, coverageFigures, MAP_MEASURES, openAlertFigures } from '../../../dashboard/src/features/map/map-measures.js';
import { COUNTY_OUTLINES, MAP_VIEWBOX, ZONE_POINT } from '../../../dashboard/src/features/map/jincheng-outlines.js';
import { JINCHENG_UNITS } from '../../../seeds/jincheng-units.js';
import type { AlertState } from '../../../api/src/alerts/alert-contract.js';

describe('the map colour scale', () => {
  it('cuts min … max into equal bins, one palette colour each, the largest figure in the last', () => {
    const s = colorScale([50, 60, 100, null], { palette: GREENS });
    expect(s.bins.map((b) => [b.from, b.to])).toEqual([[50, 60], [60, 70], [70, 80], [80, 90], [90, 100]]);
    expect(s.bins.map((b) => b.color)).toEqual([...GREENS]);
    expect(s.colorOf(50)).toBe(GREENS[0]);
    expect(s.colorOf(59.99)).toBe(GREENS[0]);
    expect(s.colorOf(60)).toBe(GREENS[1]); // a bin holds its lower edge
    expect(s.colorOf(89.99)).toBe(GREENS[3]);
    expect(s.colorOf(100)).toBe(GREENS[4]);
    expect(s.colorOf(null)).toBe(NO_DATA_COLOR);
    expect(s.colorOf(Number.NaN)).toBe(NO_DATA_COLOR);
  });

  it('centres a symmetric scale on zero, so "no change" takes the middle colour', () => {
    const s = colorScale([-1, 0, 3], { palette: RED_GREY_GREEN, symmetric: true });
    expect(s.bins[0].from).toBe(-3);
    expect(s.bins.at(-1)!.to).toBe(3);
    expect(s.colorOf(0)).toBe(RED_GREY_GREEN[2]);
    expect(s.colorOf(3)).toBe(RED_GREY_GREEN[4]);
    expect(s.colorOf(-3)).toBe(RED_GREY_GREEN[0]);
  });

  it('starts counts at zero and shows one bin when every figure is the same', () => {
    const counts = colorScale([2, 4, 7], { palette: REDS, fromZero: true });
    expect(counts.bins[0].from).toBe(0);
    expect(counts.colorOf(2)).toBe(REDS[1]);
    const same = colorScale([5, 5, 5], { palette: REDS });
    expect(same.bins).toEqual([{ from: 5, to: 5, color: REDS[2] }]);
    expect(same.colorOf(5)).toBe(REDS[2]);
    expect(colorScale([], { palette: REDS }).colorOf(null)).toBe(NO_DATA_COLOR);
  });
});

describe('the map measures and outlines', () => {
  it('has one outline per county of the units table, inside the view box, and the zone as a point', () => {
    const counties = JINCHENG_UNITS.filter((u) => u.level === 'county');
    expect(COUNTY_OUTLINES.map((c) => c.code).sort()).toEqual(counties.map((u) => u.code).sort());
    for (const c of COUNTY_OUTLINES) {
      expect(c.name).toBe(counties.find((u) => u.code === c.code)!.name);
      const nums = c.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(nums.length).toBeGreaterThan(100);
      expect(Math.min(...nums)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...nums.filter((_, i) => i % 2 === 0))).toBeLessThanOrEqual(MAP_VIEWBOX.width);
    }
    expect(ZONE_POINT.code).toBe(JINCHENG_UNITS.find((u) => u.level === 'zone')!.code);
  });

  it('lists each measure once', () => {
    const keys = MAP_MEASURES.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(['total', 'rankChange', 'openAlerts', 'coverage']);
  });

  it('counts the open alerts due in the month per unit, zero for a unit without any', () => {
    const a = (unitCode: string, dueOn: string, state: AlertState = 'open') => ({ unitCode, dueOn, state });
    const m = openAlertFigures([a('140525', '2023-09-01'), a('140525', '2023-09-29'), a('140525', '2023-08-31'), a('140502', '2023-09-08', 'resolved'), a('140502', '2023-09-15', 'open'), a('140502', '2023-09-22', 'acknowledged')], '2023-09', ['140502', '140525', '140521']);
    expect(Object.fromEntries(m)).toEqual({ '140502': 1, '140525': 2, '140521': 0 });
  });

  it('reads coverage as checked ÷ scope of the duty opened last by the month, none before a window opens or without scope', () => {
    const duty = (duty: string, from: string, to: string, scope: number, checked: number, countedTo: string | null): CoverageDuty => ({
      duty, dutyName: duty, from, to, countedTo, inspector: null, requiredPercent: 100, scope, checked, required: scope, shortfall: scope - checked, status: 'in_progress', toInspect: [],
    });
    const answer = (month: string): CoverageJson => ({
      month, asOf: `${month}-28`, campaign: 'c', phases: [],
      units: [
        { unit: 'A', name: 'A', level: 'county', duties: [duty('county_coverage', '2023-07-01', '2023-08-31', 14, 7, '2023-08-31'), duty('city_spot_check', '2023-09-01', '2023-11-30', 14, 2, month >= '2023-09' ? `${month}-28` : null)] },
        { unit: 'B', name: 'B', level: 'county', duties: [duty('county_coverage', '2023-07-01', '2023-08-31', 0, 0, '2023-08-31')] },
      ],
    });
    expect(Object.fromEntries(coverageFigures(answer('2023-08')))).toEqual({ A: 0.5, B: null });
    expect(Object.fromEntries(coverageFigures(answer('2023-10')))).toEqual({ A: 2 / 14, B: null });
    expect(coverageDutyOf(answer('2023-06').units[0].duties, '2023-06')!.duty).toBe('county_coverage');
  });
});
