import { DISPATCH_ITEMS } from '../dispatch/dispatch-items.js';

// The 调度表 as the notice's attachment lays it out (晋市环发〔2023〕51号, 附件): three sections, two
// items a row, each item numbered within its section; three items carry two values. The wording is
// the attachment's own, so a printed table reads like the office's form. The export writes this
// layout and the reconciliation reads hand-filled tables in it, so both take it from here.

export const DISPATCH_TITLE = '危险废物领域重大事故隐患专项排查整治2023行动进展情况调度表';

export interface LayoutItem {
  /** item number within its section, as printed */
  no: number;
  label: string;
  /** the dispatch JSON keys of its value cells, one or two */
  keys: string[];
  /** what each value cell is, for the two-value items ("停产", "关闭") */
  parts?: string[];
  /** number format of each value cell: the two-value items show which value is which */
  formats?: string[];
}

export interface LayoutSection {
  section: 'A' | 'B' | 'C';
  title: string;
  items: LayoutItem[];
}

const one = (no: number, key: string, label: string): LayoutItem => ({ no, label, keys: [key] });

export const DISPATCH_LAYOUT: LayoutSection[] = [
  {
    section: 'A',
    title: '总体情况',
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
    section: 'B',
    title: '对企业自查自改进行抽查检查情况',
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
    section: 'C',
    title: '部门精准严格执法情况',
    items: [
      one(1, 'C1', '帮扶指导重点市、县（个次）'),
      one(2, 'C2', '帮扶指导重点企业（家次）'),
      { no: 3, label: '行政处罚（次，万元）', keys: ['C3_count', 'C3_amount_wan'], parts: ['次', '万元'], formats: ['0"次"', '0.00"万元"'] },
      one(4, 'C4', '企业和企业主要负责人“一案双罚”（次）'),
      one(5, 'C5', '移送司法机关（人）'),
      { no: 6, label: '责令停产整顿/关闭取缔（家）', keys: ['C6_suspended', 'C6_closed'], parts: ['停产', '关闭'], formats: ['"（停产）"0', '"（关闭）"0'] },
      one(7, 'C7', '曝光、约谈、联合惩戒企业（家）'),
      { no: 8, label: '公布典型执法案例（个），其中危险作业罪案例（个）', keys: ['C8_cases', 'C8_crime_cases'], parts: ['典型案例', '其中危险作业罪'], formats: ['0"个"', '"其中"0"个"'] },
      one(9, 'C9', '责任倒查追究问责（人）'),
      one(10, 'C10', '约谈通报有关市县及部门（次）'),
    ],
  },
];

export const DISPATCH_NOTES = [
  '注：1. 专项行动领导小组办公室对各县（市、区）分局和开发区建设管理部工作进展情况进行月度调度。调度表自6月份开始上报，每月1日前上报截至上月末的累计情况。',
  '2. 调度表内容应围绕专项行动工作并对照方案具体要求如实填报，特别是对企业自查情况进行抽查检查时，要深挖细查，查出真问题。如：外包外租管理混乱，是指符合以下情形之一的：承包承租方不具备安全生产条件，未取得相应资质，双方未签订安全生产协议，安全生产管理职责不清，未纳入本企业统一管理。',
  '3. 调度表中明确提出市、县两级的有关事项需要分开进行统计上报。',
  '4. 市有关部门分别汇总统计报送本单位和本行业领域有关情况（报送两张表）。',
];

/** Every item with its section, in DISPATCH_ITEMS order of keys (one entry per value key). */
export interface KeyedLabel { key: string; section: LayoutSection; item: LayoutItem; part?: string }

export const LAYOUT_BY_KEY: Map<string, KeyedLabel> = new Map(
  DISPATCH_LAYOUT.flatMap((section) => section.items.flatMap((item) =>
    item.keys.map((key, i) => [key, { key, section, item, part: item.parts?.[i] }] as const))),
);

/** The label of one value, for tables that give each value its own row ("行政处罚（次，万元）：万元"). */
export function valueLabel(key: string): string {
  const k = LAYOUT_BY_KEY.get(key);
  if (!k) throw new Error(`dispatch item ${key} is not in the attachment's layout`);
  return k.part ? `${k.item.label}：${k.part}` : k.item.label;
}

// The layout must cover the dispatch items exactly: a key added to one and not the other would leave a
// figure out of the printed table (or print a cell nobody fills). Checked once at load.
{
  const keys = DISPATCH_ITEMS.map((i) => i.key);
  const missing = keys.filter((k) => !LAYOUT_BY_KEY.has(k));
  const extra = [...LAYOUT_BY_KEY.keys()].filter((k) => !keys.includes(k));
  if (missing.length || extra.length) throw new Error(`dispatch layout out of step with DISPATCH_ITEMS: missing ${missing}, extra ${extra}`);
}
