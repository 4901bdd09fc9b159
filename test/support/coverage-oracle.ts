import path from 'node:path';
import { csvRecords } from './bundles.js';
import { SAMPLE_BUNDLE } from './databases.js';

// Coverage (issue 15 item 2) worked out from a bundle's rows in plain code, apart from the SQL it
// checks: in-scope enterprises of a unit's jurisdiction that `inspector` inspected between `from` and
// min(to, eom), the required count ⌈scope × percent / 100⌉, and those still to inspect.

/** A bundle CSV file as objects keyed by its header. */
export function bundleRecords(file: string, dir = SAMPLE_BUNDLE): Record<string, string>[] {
  const [header, ...rows] = csvRecords(path.join(dir, file));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

export function coverageOracle(unit: string, inspector: string, from: string, to: string, eom: string, percent: number, dir = SAMPLE_BUNDLE) {
  const scope = bundleRecords('enterprises.csv', dir)
    .filter((e) => e.unit_code === unit && (e.industry !== 'other' || ['larger', 'major'].includes(e.risk_level)));
  const last = eom < to ? eom : to;
  const seen = new Set(bundleRecords('inspections.csv', dir)
    .filter((i) => i.unit_code === inspector && i.inspected_on >= from && i.inspected_on <= last)
    .map((i) => i.enterprise_credit_code));
  const toInspect = scope.filter((e) => !seen.has(e.credit_code)).map((e) => ({ creditCode: e.credit_code, name: e.name }))
    .sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1));
  const checked = scope.length - toInspect.length;
  const required = Math.ceil((scope.length * percent) / 100);
  return { scope: scope.length, checked, required, shortfall: Math.max(0, required - checked), toInspect };
}

/** The sample's county-level units with their parent. */
export function countyLevelUnits(dir = SAMPLE_BUNDLE) {
  return bundleRecords('units.csv', dir).filter((u) => u.level === 'county' || u.level === 'zone');
}

/** The July–August round of every county-level unit of the sample as of `eom`, by unit code. */
export function julyAugustOracle(eom: string, dir = SAMPLE_BUNDLE) {
  return Object.fromEntries(countyLevelUnits(dir).map((u) => [u.code, coverageOracle(u.code, u.code, '2023-07-01', '2023-08-31', eom, 100, dir)]));
}
