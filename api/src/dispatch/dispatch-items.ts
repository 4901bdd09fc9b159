// The 调度表 (dispatch table) as the notice's attachment lays it out (晋市环发〔2023〕51号, 附件; domain.md
// section 5): three sections, items numbered within their section, three items with two values. Every
// table of the platform takes its items and their wording from here: the CLI, the XLSX export and the
// reconciliation that reads it back, and the dashboard. The dashboard imports this file too, so it stays
// plain TypeScript: no Node, Nest or database import.
import { DISPATCH_KEYS, type DispatchKey } from '../../../analytics/src/contracts.js';

export type DispatchSectionKey = 'A' | 'B' | 'C';

export interface DispatchItem {
  /** item number within its section, as printed */
  no: number;
  /** the attachment's wording */
  label: string;
  /** the dispatch JSON keys of its values, one or two */
  keys: DispatchKey[];
  /** the attachment's name of each value of a two-value item ("停产", "关闭") */
  parts?: string[];
}

export interface DispatchSection {
  section: DispatchSectionKey;
  /** the block's heading on screen and in the CLI */
  heading: string;
  /** the attachment's own name for the block, as printed in the XLSX */
  title: string;
  items: DispatchItem[];
}

const one = (no: number, key: DispatchKey, label: string): DispatchItem => ({ no, label, keys: [key] });

export const DISPATCH_SECTIONS: DispatchSection[] = [
  {
    section: 'A',
    heading: '一、重大事故隐患排查整治情况',
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
    heading: '二、部门抽查检查情况',
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
    heading: '三、执法情况',
    title: '部门精准严格执法情况',
    items: [
      one(1, 'C1', '帮扶指导重点市、县（个次）'),
      one(2, 'C2', '帮扶指导重点企业（家次）'),
      { no: 3, label: '行政处罚（次，万元）', keys: ['C3_count', 'C3_amount_wan'], parts: ['次', '万元'] },
      one(4, 'C4', '企业和企业主要负责人“一案双罚”（次）'),
      one(5, 'C5', '移送司法机关（人）'),
      { no: 6, label: '责令停产整顿/关闭取缔（家）', keys: ['C6_suspended', 'C6_closed'], parts: ['停产', '关闭'] },
      one(7, 'C7', '曝光、约谈、联合惩戒企业（家）'),
      { no: 8, label: '公布典型执法案例（个），其中危险作业罪案例（个）', keys: ['C8_cases', 'C8_crime_cases'], parts: ['典型案例', '其中危险作业罪'] },
      one(9, 'C9', '责任倒查追究问责（人）'),
      one(10, 'C10', '约谈通报有关市县及部门（次）'),
    ],
  },
];

/** One value of the table: its JSON key, its item and section, and which of two values it is. */
export interface DispatchValue {
  key: DispatchKey;
  section: DispatchSection;
  item: DispatchItem;
  part?: string;
}

/** Every value in the attachment's order, one entry per dispatch JSON key. */
export const DISPATCH_VALUES: DispatchValue[] = DISPATCH_SECTIONS.flatMap((section) => section.items.flatMap((item) =>
  item.keys.map((key, i): DispatchValue => ({ key, section, item, part: item.parts?.[i] }))));

const BY_KEY = new Map(DISPATCH_VALUES.map((v) => [v.key, v]));

/** The label of one value, for tables that give each value its own row ("行政处罚（次，万元）：万元"). */
export function valueLabel(key: string): string {
  const v = BY_KEY.get(key as DispatchKey);
  if (!v) throw new Error(`dispatch item ${key} is not in the attachment's layout`);
  return v.part ? `${v.item.label}：${v.part}` : v.item.label;
}

// The layout must cover the dispatch JSON's keys exactly, in their order: a key added to one and not the
// other would leave a figure out of every printed table (or print a cell nobody fills). Checked once at load.
{
  const keys = DISPATCH_VALUES.map((v) => v.key);
  if (keys.join() !== DISPATCH_KEYS.join()) {
    const missing = DISPATCH_KEYS.filter((k) => !BY_KEY.has(k));
    const extra = keys.filter((k) => !DISPATCH_KEYS.includes(k));
    throw new Error(`dispatch layout out of step with DISPATCH_KEYS: missing ${missing}, extra ${extra}, or out of order`);
  }
}
