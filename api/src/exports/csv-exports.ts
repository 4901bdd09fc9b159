import type { DataSource } from 'typeorm';
import { DISPATCH_KEYS, type DispatchJson, type ScoreParts, type ScoreRow, type ScoresJson } from '../../../analytics/src/contracts.js';
import { HAZARDS_FROM } from '../ledger/hazards/hazards.repository.js';
import type { Where } from '../ledger/common/list-query.js';
import { toCsv, type CsvValue } from './csv.js';
import { chineseDispatch, chineseHazards, chineseScores } from './chinese-columns.js';

// The three CSV exports, in two dialects. For a person (the default): Chinese headers (the attachment's
// item names, the spec's terms), names beside codes, codes as their Chinese names and figures rounded as
// the page shows them (chinese-columns.ts). For a program (`codes`): the JSON's and the bundle's column
// names and values as they are, so an integration reads them back as before.

export const CSV_KINDS = ['hazards', 'dispatch', 'scores'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

/** how a file is written: `codes` keeps the machine columns for integrations */
export interface CsvDialect {
  codes?: boolean;
  /** the day the file describes: an open hazard past its deadline on that day is marked 逾期 */
  asOf?: string;
}

/** Every unit's dispatch row, then the city-wide row (unit ALL). */
export function dispatchCsv(d: DispatchJson, o: CsvDialect = {}): string {
  if (!o.codes) return chineseDispatch(d);
  const header = ['month', 'as_of', 'unit', 'name', 'level', ...DISPATCH_KEYS];
  const rows = [...d.units, d.cityWide].map((u) => [d.month, d.asOf, u.unit, u.name, u.level, ...DISPATCH_KEYS.map((k) => u[k])]);
  return toCsv(header, rows);
}

export const PARTS: (keyof ScoreParts)[] = ['found', 'rectified', 'overdue', 'scope', 'checked', 'flagged', 'enforced', 'penalised',
  'enforced_rectified', 'cases', 'main_ok', 'member_ok', 'late', 'missed_feedback', 'missed_hazards'];

type Movement = { movement?: { rankChange: number; totalChange: number } | null };
/** the scores JSON with each unit's movement since last month (ranking-diff.ts withMovement) */
export type ScoresWithMovement = Omit<ScoresJson, 'units'> & { units: (ScoreRow & Movement)[] };

/** The ranking in the scores JSON's order, with movement since last month when given. */
export function scoresCsv(s: ScoresWithMovement, o: CsvDialect = {}): string {
  if (!o.codes) return chineseScores(s);
  const header = ['month', 'as_of', 'scheme', 'rank', 'unit', 'name', 'total', 'I1', 'I2', 'I3', 'I4', 'D', 'rank_change', 'total_change', ...PARTS];
  const rows = s.units.map((u) => [s.month, s.asOf, s.scheme, u.rank, u.unit, u.name, u.total, u.I1, u.I2, u.I3, u.I4, u.D,
    u.movement?.rankChange, u.movement?.totalChange, ...PARTS.map((p) => u.parts[p])]);
  return toCsv(header, rows);
}

// hazards.csv of the bundle (spec/bundle.md), so the export is also a valid bundle file
export const HAZARD_COLUMNS = ['ledger_no', 'enterprise_credit_code', 'unit_code', 'source', 'found_on', 'description', 'category',
  'inspection_id', 'confirmed_on', 'listed_level', 'listed_on', 'tracker', 'responsible_person', 'measures', 'funds_wan', 'deadline',
  'contingency_plan', 'rectified_on', 'closed_on', 'closed_by'] as const;

// the names a person reads beside the codes; they ride along with each row and only the Chinese file shows them
const NAME_COLUMNS = ['enterprise_name', 'unit_name'] as const;
const NAMES = `e.name AS enterprise_name, (SELECT u.name FROM units u WHERE u.code = h.unit_code) AS unit_name`;

/**
 * The hazards as the ledger stood at the end of `asOf`'s day: found on or before it, and any later step
 * (a confirmation, listing, rectification or close-out dated after it) left out, with the fields that
 * belong to that step. The dispatch figures of that month can be recomputed from this file.
 * `scope` limits a county user to its own records and those about enterprises in its jurisdiction.
 */
export async function hazardsAsOf(ds: DataSource, asOf: string, scope?: string): Promise<Record<string, CsvValue>[]> {
  const params: string[] = [asOf];
  let where = 'h.found_on <= $1::date';
  if (scope) {
    params.push(scope);
    where += ' AND (h.unit_code = $2 OR e.unit_code = $2)';
  }
  const rows: Record<string, string | null>[] = await ds.query(
    `SELECT h.*, ${NAMES} FROM hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code WHERE ${where} ORDER BY h.ledger_no`, params);
  return rows.map((r) => {
    const later = (d: string | null) => d !== null && d > asOf;
    const out: Record<string, CsvValue> = Object.fromEntries([...HAZARD_COLUMNS, ...NAME_COLUMNS].map((c) => [c, r[c] ?? null]));
    if (later(r.confirmed_on)) out.confirmed_on = null;
    if (later(r.listed_on)) Object.assign(out, { listed_on: null, listed_level: null, tracker: null });
    if (later(r.rectified_on)) out.rectified_on = null;
    if (later(r.closed_on) || out.rectified_on === null) Object.assign(out, { closed_on: null, closed_by: null });
    if (r.funds_wan !== null) out.funds_wan = Number(r.funds_wan);
    return out;
  });
}

/**
 * The hazards the ledger list shows for a filter (its WHERE and ORDER BY, every page), in the bundle's
 * columns: the ledger page's CSV button exports exactly what its filters show.
 */
export async function hazardsListed(ds: DataSource, where: Where, order: string): Promise<Record<string, CsvValue>[]> {
  const rows: Record<string, string | null>[] = await ds.query(`SELECT h.*, ${NAMES} FROM ${HAZARDS_FROM} ${where.toString()} ORDER BY ${order}`, where.params);
  return rows.map((r) => {
    const out: Record<string, CsvValue> = Object.fromEntries([...HAZARD_COLUMNS, ...NAME_COLUMNS].map((c) => [c, r[c] ?? null]));
    if (r.funds_wan !== null) out.funds_wan = Number(r.funds_wan);
    return out;
  });
}

export function hazardsCsv(rows: Record<string, CsvValue>[], o: CsvDialect = {}): string {
  if (!o.codes) return chineseHazards(rows, o.asOf);
  return toCsv([...HAZARD_COLUMNS], rows.map((r) => HAZARD_COLUMNS.map((c) => r[c])));
}
