// The dispatch table (调度表) laid out as the notice's attachment: three sections, each item with the
// attachment's label and its value(s). Pure: the page and the unit tests share it.
import type { Dispatch, DispatchKey, DispatchRow } from '../../api/types.js';
import { formatCount, formatScore } from '../../format.js';

export interface DispatchItemSpec {
  /** the item's number within its section (1…10) */
  no: number;
  label: string;
  /** one key, or two for the items with two figures (C3, C6, C8) */
  /** `label` goes before the figure (停产 4), `unit` after it (14 次) */
  values: { key: DispatchKey; label?: string; unit?: string; money?: boolean }[];
}

export interface DispatchSectionSpec {
  title: string;
  /** the attachment's own name for the block */
  attachmentTitle: string;
  items: DispatchItemSpec[];
}

const one = (no: number, key: DispatchKey, label: string): DispatchItemSpec => ({ no, label, values: [{ key }] });

export const DISPATCH_SECTIONS: DispatchSectionSpec[] = [
  {
    title: '一、重大事故隐患排查整治情况',
    attachmentTitle: '总体情况',
    items: [
      one(1, 'A1', '企业自查发现的重大事故隐患（个）'),
      one(2, 'A2', '企业自查发现重大事故隐患中已完成整改的（个）'),
      one(3, 'A3', '部门执法检查发现的重大事故隐患（个）'),
      one(4, 'A4', '部门执法检查发现重大事故隐患中已完成整改的（个）'),
      one(5, 'A5', '群众举报的重大事故隐患（个）'),
      one(6, 'A6', '群众举报的重大事故隐患中已完成整改的（个）'),
      one(7, 'A7', '上级交办的重大事故隐患（个）'),
      one(8, 'A8', '上级交办的重大事故隐患中已完成整改的（个）'),
      one(9, 'A9', '政府部门挂牌督办的重大事故隐患（个）'),
      one(10, 'A10', '挂牌督办重大事故隐患中已完成整改的（个）'),
    ],
  },
  {
    title: '二、部门抽查检查情况',
    attachmentTitle: '对企业自查自改进行抽查检查情况',
    items: [
      one(1, 'B1', '部门抽查检查的企业总数（家）'),
      one(2, 'B2', '企业主要负责人未按要求亲自研究排查整治工作（家）'),
      one(3, 'B3', '企业主要负责人未带队检查（家）'),
      one(4, 'B4', '企业未制定分管负责人职责清单（家）'),
      one(5, 'B5', '企业未依法建立安全管理机构和配足安全管理人员（家）'),
      one(6, 'B6', '电焊等特种作业岗位人员无证上岗作业（家）'),
      one(7, 'B7', '外包外租安全管理混乱（家）'),
      one(8, 'B8', '未按规定开展应急演练、员工不熟悉逃生出口（家）'),
    ],
  },
  {
    title: '三、执法情况',
    attachmentTitle: '部门精准严格执法情况',
    items: [
      one(1, 'C1', '帮扶指导重点市、县（个次）'),
      one(2, 'C2', '帮扶指导重点企业（家次）'),
      { no: 3, label: '行政处罚（次，万元）', values: [{ key: 'C3_count', unit: '次' }, { key: 'C3_amount_wan', unit: '万元', money: true }] },
      one(4, 'C4', '企业和企业主要负责人“一案双罚”（次）'),
      one(5, 'C5', '移送司法机关（人）'),
      { no: 6, label: '责令停产整顿/关闭取缔（家）', values: [{ key: 'C6_suspended', label: '停产' }, { key: 'C6_closed', label: '关闭' }] },
      one(7, 'C7', '曝光、约谈、联合惩戒企业（家）'),
      { no: 8, label: '公布典型执法案例（个），其中危险作业罪案例（个）', values: [{ key: 'C8_cases', label: '案例' }, { key: 'C8_crime_cases', label: '其中危险作业罪' }] },
      one(9, 'C9', '责任倒查追究问责（人）'),
      one(10, 'C10', '约谈通报有关市县及部门（次）'),
    ],
  },
];

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
