import type { DataSource } from 'typeorm';

// Coverage behind schedule (domain.md section 4, phases): county-level units inspect 100% of their
// in-scope enterprises in July–August; the city spot-checks at least 20% of each unit's in-scope
// enterprises in September–November. The alert check asks a provider for the gaps. The default below
// is a second statement of what analytics/sql/inspection-coverage computes (they were built apart); it is
// to give way to the analytics engine's answer so that the two cannot drift.

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

// In scope (排查范围) = industry is not `other`, or risk level is `larger` or `major` (domain.md section 2).
const GAPS_SQL = `
  WITH scope AS (
    SELECT e.unit_code, e.credit_code, e.name FROM enterprises e
    WHERE e.industry <> 'other' OR e.risk_level IN ('larger','major')
  ), seen AS (
    SELECT DISTINCT i.enterprise_credit_code AS credit_code FROM inspections i JOIN units iu ON iu.code = i.unit_code
    JOIN enterprises e ON e.credit_code = i.enterprise_credit_code
    WHERE i.inspected_on BETWEEN $1::date AND $2::date
      AND (CASE WHEN $3 = 'county' THEN i.unit_code = e.unit_code ELSE iu.level = 'city' END)
  )
  SELECT u.code AS unit_code, u.name AS unit_name, count(s.credit_code)::int AS scope,
         count(seen.credit_code)::int AS inspected,
         coalesce(array_agg(s.name ORDER BY s.name) FILTER (WHERE s.credit_code IS NOT NULL AND seen.credit_code IS NULL), '{}') AS missing
  FROM units u LEFT JOIN scope s ON s.unit_code = u.code LEFT JOIN seen ON seen.credit_code = s.credit_code
  WHERE u.level IN ('county','zone')
  GROUP BY u.code, u.name ORDER BY u.code`;

export const postgresCoverage: CoverageProvider = {
  async gaps(ds, w) {
    const rows = (await ds.query(GAPS_SQL, [w.from, w.to, w.who])) as { unit_code: string; unit_name: string; scope: number; inspected: number; missing: string[] }[];
    return rows
      .map((r) => ({ unitCode: r.unit_code, unitName: r.unit_name, scope: r.scope, inspected: r.inspected, required: Math.ceil(r.scope * w.share), missing: r.missing }))
      .filter((g) => g.inspected < g.required);
  },
};
