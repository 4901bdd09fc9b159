// The dispatch table (调度表) laid out as the notice's attachment: three sections, each item with the
// attachment's label and its value(s). The items and their wording are the server's (one list for the
// CLI, the XLSX and this page); this adds how a cell reads on screen. Pure: the page and the unit tests share it.
import { DISPATCH_SECTIONS as ATTACHMENT_SECTIONS } from '../../../../api/src/dispatch/dispatch-items.js';
import type { Dispatch, DispatchKey, DispatchRow } from '../../api/types.js';
import { formatCount, formatScore } from '../../format.js';

export interface DispatchValueSpec {
  key: DispatchKey;
  /** `label` goes before the figure (停产 4), `unit` after it (14 次) */
  label?: string;
  unit?: string;
  money?: boolean;
}

export interface DispatchItemSpec {
  /** the item's number within its section (1…10) */
  no: number;
  label: string;
  /** one key, or two for the items with two figures (C3, C6, C8) */
  values: DispatchValueSpec[];
}

export interface DispatchSectionSpec {
  title: string;
  /** the attachment's own name for the block */
  attachmentTitle: string;
  items: DispatchItemSpec[];
}

// how the two figures of C3, C6 and C8 read in one cell: `4 次 / 21.93 万元`, `停产 2 / 关闭 1`
const TWO_VALUE_TEXT: Partial<Record<DispatchKey, Omit<DispatchValueSpec, 'key'>>> = {
  C3_count: { unit: '次' },
  C3_amount_wan: { unit: '万元', money: true },
  C6_suspended: { label: '停产' },
  C6_closed: { label: '关闭' },
  C8_cases: { label: '案例' },
  C8_crime_cases: { label: '其中危险作业罪' },
};

export const DISPATCH_SECTIONS: DispatchSectionSpec[] = ATTACHMENT_SECTIONS.map((s) => ({
  title: s.heading,
  attachmentTitle: s.title,
  items: s.items.map((i) => ({ no: i.no, label: i.label, values: i.keys.map((key) => ({ key, ...TWO_VALUE_TEXT[key] })) })),
}));

/** the key of the 全市 (city-wide, 本行业领域) row; it is no unit of the database */
export const CITY_WIDE = 'ALL';

/** one value as the table prints it: counts as integers, money with 2 decimals */
export function formatDispatchValue(row: DispatchRow, v: { key: DispatchKey; money?: boolean }): string {
  const n = row[v.key];
  return v.money ? formatScore(n) : formatCount(n);
}

/** an item's cell text: `3`, `4 次 / 21.93 万元` or `停产 2 / 关闭 1` */
export function dispatchCell(row: DispatchRow, item: DispatchItemSpec): string {
  if (item.values.length === 1) return formatDispatchValue(row, item.values[0]);
  return item.values.map((v) => [v.label, formatDispatchValue(row, v), v.unit].filter(Boolean).join(' ')).join(' / ');
}

export interface DispatchChoice {
  code: string;
  name: string;
  /** 本单位 (the unit's own table), 本行业领域 (全市) */
  kind: 'city' | 'county' | 'all';
}

/** the tables one can open: every unit's own (the city's first), then 全市 */
export function dispatchChoices(d: Dispatch): DispatchChoice[] {
  const units = d.units.map((u): DispatchChoice => ({ code: u.unit, name: u.name, kind: u.level === 'city' || u.level === 'province' ? 'city' : 'county' }));
  return [...units, { code: CITY_WIDE, name: d.cityWide.name || '全市', kind: 'all' }];
}

/** the row of a unit (or ALL), or undefined */
export function dispatchRow(d: Dispatch, code: string): DispatchRow | undefined {
  return code === CITY_WIDE ? d.cityWide : d.units.find((u) => u.unit === code);
}

/** the summary's columns: county-level units first, then the city's own table, then 全市 */
export function matrixRows(d: Dispatch): DispatchRow[] {
  const own = d.units.filter((u) => u.level === 'city' || u.level === 'province');
  const counties = d.units.filter((u) => u.level !== 'city' && u.level !== 'province');
  return [...counties, ...own, d.cityWide];
}
