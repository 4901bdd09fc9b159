import { DISPATCH_KEYS, type DispatchJson, type DispatchRow, type ScoreParts } from '../../../analytics/src/contracts.js';
import { formatMonth, percentCell, roundedScore } from '../common/chinese-format.js';
import { CITY_WIDE_CODE, CITY_WIDE_LABEL, INDICATOR_LABEL, LISTED_LABEL, PART_LABEL, SCHEME_LABEL, SOURCE_LABEL, STATUS_LABEL, type HazardStatus } from '../common/labels.js';
import { valueLabel } from '../dispatch/dispatch-items.js';
import { toCsv, type CsvValue } from './csv.js';
import type { ScoresWithMovement } from './csv-exports.js';

// The CSV files as a person opens them in Excel or WPS: headers in Chinese (the attachment's item names
// for the dispatch figures, domain.md's terms for the rest), the enterprise's and the unit's name beside
// each code, codes as their Chinese names (common/labels.ts, the labels the pages show) and figures
// rounded as on the page (common/chinese-format.ts). A column is declared with its header and its value
// together, so the two cannot drift apart.

export interface Column<R> { header: string; value: (r: R) => CsvValue }

export function columnsCsv<R>(columns: Column<R>[], rows: R[]): string {
  return toCsv(columns.map((c) => c.header), rows.map((r) => columns.map((c) => c.value(r))));
}

const label = (map: Record<string, string>, code: CsvValue): CsvValue => (typeof code === 'string' ? map[code] ?? code : code);

/** the dispatch figures: 万元 to the cent, counts as they are */
export function chineseDispatch(d: DispatchJson): string {
  const cols: Column<DispatchRow>[] = [
    { header: '月份', value: () => formatMonth(d.month) },
    { header: '截至日期', value: () => d.asOf },
    { header: '单位代码', value: (u) => (u.unit === CITY_WIDE_CODE ? '' : u.unit) },
    { header: '单位', value: (u) => (u.unit === CITY_WIDE_CODE ? `${CITY_WIDE_LABEL}（本行业领域）` : u.name) },
    ...DISPATCH_KEYS.map((k): Column<DispatchRow> => ({ header: valueLabel(k), value: (u) => (k === 'C3_amount_wan' ? roundedScore(u[k]) : u[k]) })),
  ];
  return columnsCsv(cols, [...d.units, d.cityWide]);
}

const PART_KEYS = Object.keys(PART_LABEL) as (keyof ScoreParts)[];
const SHARES: (keyof ScoreParts)[] = ['main_ok', 'member_ok'];
type RankedRow = ScoresWithMovement['units'][number];

/** the ranking (打分排队): scores to 2 decimals, the leaders' shares as percentages */
export function chineseScores(s: ScoresWithMovement): string {
  const cols: Column<RankedRow>[] = [
    { header: '月份', value: () => formatMonth(s.month) },
    { header: '截至日期', value: () => s.asOf },
    { header: '考核方案', value: () => SCHEME_LABEL[s.scheme] ?? s.scheme },
    { header: '名次', value: (u) => u.rank },
    { header: '单位代码', value: (u) => u.unit },
    { header: '单位', value: (u) => u.name },
    { header: '总分', value: (u) => roundedScore(u.total) },
    ...(['I1', 'I2', 'I3', 'I4'] as const).map((i): Column<RankedRow> => ({ header: INDICATOR_LABEL[i], value: (u) => roundedScore(u[i]) })),
    { header: '扣分', value: (u) => roundedScore(u.D) },
    // rankChange > 0: moved up; empty in the campaign's first month
    { header: '名次变化（上升为正）', value: (u) => u.movement?.rankChange },
    { header: '总分变化', value: (u) => roundedScore(u.movement?.totalChange) },
    ...PART_KEYS.map((p): Column<RankedRow> => ({ header: PART_LABEL[p], value: (u) => (SHARES.includes(p) ? percentCell(u.parts[p]) : u.parts[p]) })),
  ];
  return columnsCsv(cols, s.units);
}

/** a hazard's state on the file's day: closed, rectified, or open (逾期 when its deadline has passed) */
export function hazardState(r: Record<string, CsvValue>, asOf?: string): string {
  const status: HazardStatus = r.closed_on ? 'closed' : r.rectified_on ? 'rectified' : 'open';
  const overdue = status === 'open' && typeof r.deadline === 'string' && asOf !== undefined && r.deadline < asOf;
  return overdue ? `${STATUS_LABEL.open}（逾期）` : STATUS_LABEL[status];
}

type HazardRow = Record<string, CsvValue>;
const field = (c: string) => (r: HazardRow) => r[c];

/** the hazards ledger (重大事故隐患台账), the bundle's hazards.csv columns in domain.md's terms; `asOf` marks 逾期 */
export const hazardColumns = (asOf?: string): Column<HazardRow>[] => [
  { header: '台账编号', value: field('ledger_no') },
  { header: '企业统一社会信用代码', value: field('enterprise_credit_code') },
  { header: '企业名称', value: field('enterprise_name') },
  { header: '报送单位代码', value: field('unit_code') },
  { header: '报送单位', value: field('unit_name') },
  { header: '隐患来源', value: (r) => label(SOURCE_LABEL, r.source) },
  { header: '发现日期', value: field('found_on') },
  { header: '隐患描述', value: field('description') },
  { header: '隐患类别', value: field('category') },
  { header: '检查编号', value: field('inspection_id') },
  { header: '两级确认日期', value: field('confirmed_on') },
  { header: '挂牌督办级别', value: (r) => label(LISTED_LABEL, r.listed_level) },
  { header: '挂牌日期', value: field('listed_on') },
  { header: '跟踪督办责任人', value: field('tracker') },
  { header: '整改责任人', value: field('responsible_person') },
  { header: '整改措施', value: field('measures') },
  { header: '整改资金（万元）', value: (r) => roundedScore(r.funds_wan as number | null) },
  { header: '整改期限', value: field('deadline') },
  { header: '应急预案', value: field('contingency_plan') },
  { header: '整改完成日期', value: field('rectified_on') },
  { header: '办结销号日期', value: field('closed_on') },
  { header: '办结销号人', value: field('closed_by') },
  { header: '状态', value: (r) => hazardState(r, asOf) },
];

export function chineseHazards(rows: HazardRow[], asOf?: string): string {
  return columnsCsv(hazardColumns(asOf), rows);
}
