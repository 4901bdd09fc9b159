import type { DataSource } from 'typeorm';
import type { AnalyticsService } from '../assessment/analytics.service.js';

// Coverage behind schedule (domain.md section 4, phases): county-level units inspect 100% of their
// in-scope enterprises in July–August; the city spot-checks at least 20% of each unit's in-scope
// enterprises in September–November. The alert check asks a provider for the gaps; the server's reads
// the analytics engine's coverage, so the alert, the board, the CLI and the briefing share one definition.

export interface CoverageWindow {
  /** `county`: the unit's own inspections; `city`: the city's spot checks of the unit's enterprises */
  who: 'county' | 'city';
  from: string;
  to: string;
  /** share of the in-scope enterprises that must be inspected (1 or 0.2) */
  share: number;
}

export interface CoverageGap {
  unitCode: string;
  unitName: string;
  scope: number;
  inspected: number;
  required: number;
  /** the in-scope enterprises of the unit still not inspected in the window */
  missing: string[];
}

export const COVERAGE = Symbol('COVERAGE');

export interface CoverageProvider {
  gaps(ds: DataSource, w: CoverageWindow): Promise<CoverageGap[]>;
}

/** The July–August and September–November windows of a campaign year, with their deadlines. */
export function coverageWindows(year: string): CoverageWindow[] {
  return [
    { who: 'county', from: `${year}-07-01`, to: `${year}-08-31`, share: 1 },
    { who: 'city', from: `${year}-09-01`, to: `${year}-11-30`, share: 0.2 },
  ];
}

/** The duty of analytics/sql/inspection-coverage that a window's check reads. */
const DUTY: Record<CoverageWindow['who'], string> = { county: 'county_coverage', city: 'city_spot_check' };

/**
 * The gaps as GET /api/coverage computes them (one definition of coverage): the month of the window's
 * last day, asked of a copy that has looked at the ledger now (a daily run must see the inspections
 * recorded since the last reader).
 */
export function analyticsCoverage(analytics: AnalyticsService): CoverageProvider {
  return {
    async gaps(_ds, w) {
      const month = w.to.slice(0, 7);
      analytics.ledgerMayHaveChanged();
      const c = await analytics.cached(`coverage:${month}`, (e) => e.coverage(month));
      return c.units.flatMap((u) => {
        const d = u.duties.find((x) => x.duty === DUTY[w.who]);
        return d && d.checked < d.required
          ? [{ unitCode: u.unit, unitName: u.name, scope: d.scope, inspected: d.checked, required: d.required, missing: d.toInspect.map((e) => e.name) }]
          : [];
      });
    },
  };
}
