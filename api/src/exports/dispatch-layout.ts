import type { DispatchKey } from '../../../analytics/src/contracts.js';
import { DISPATCH_SECTIONS, type DispatchItem, type DispatchSection } from '../dispatch/dispatch-items.js';

// The 调度表 as the notice's attachment prints it (晋市环发〔2023〕51号, 附件): the items and their wording
// of dispatch-items.ts, two items a row, with the title, the notes and the value cells' number formats.
// The export writes this layout and the reconciliation reads hand-filled tables in it, so both take it
// from here.

const SUBJECT = '危险废物领域重大事故隐患专项排查整治';

/**
 * The attachment's title in its two lines, for the campaign named `campaignName` (the campaigns table's
 * name): the subject, then the campaign's year and 行动 with 进展情况调度表. The notice names its campaign
 * "…专项排查整治2023行动", a later one may put the city first ("晋城市…2024行动"): the attachment's first
 * line has no city, so what precedes the subject is dropped. A name without the subject is printed whole.
 */
export function dispatchTitleLines(campaignName: string): readonly [string, string] {
  const at = campaignName.indexOf(SUBJECT);
  const rest = at < 0 ? '' : campaignName.slice(at + SUBJECT.length);
  return rest ? [SUBJECT, `${rest}进展情况调度表`] : [campaignName, '进展情况调度表'];
}

/** the 2023 attachment's title, as the notice prints it */
export const DISPATCH_TITLE_LINES = dispatchTitleLines(`${SUBJECT}2023行动`);

export type LayoutSection = Omit<DispatchSection, 'items'> & { items: LayoutItem[] };

export interface LayoutItem extends DispatchItem {
  /** number format of each value cell: the two-value items show which value is which */
  formats?: string[];
}

// the number formats of the two-value items, by their first key; every other value cell is a plain number
const FORMATS: Partial<Record<DispatchKey, string[]>> = {
  C3_count: ['0"次"', '0.00"万元"'],
  C6_suspended: ['"（停产）"0', '"（关闭）"0'],
  C8_cases: ['0"个"', '"其中"0"个"'],
};

export const DISPATCH_LAYOUT: LayoutSection[] = DISPATCH_SECTIONS.map((section) => ({
  ...section,
  items: section.items.map((item) => {
    const formats = FORMATS[item.keys[0]];
    return formats ? { ...item, formats } : item;
  }),
}));

export const DISPATCH_NOTES = [
  '注：1. 专项行动领导小组办公室对各县（市、区）分局和开发区建设管理部工作进展情况进行月度调度。调度表自6月份开始上报，每月1日前上报截至上月末的累计情况。',
  '2. 调度表内容应围绕专项行动工作并对照方案具体要求如实填报，特别是对企业自查情况进行抽查检查时，要深挖细查，查出真问题。如：外包外租管理混乱，是指符合以下情形之一的：承包承租方不具备安全生产条件，未取得相应资质，双方未签订安全生产协议，安全生产管理职责不清，未纳入本企业统一管理。',
  '3. 调度表中明确提出市、县两级的有关事项需要分开进行统计上报。',
  '4. 市有关部门分别汇总统计报送本单位和本行业领域有关情况（报送两张表）。',
];

/** Every value key with its item and section, in the attachment's order (one entry per value key). */
export interface KeyedLabel { key: string; section: LayoutSection; item: LayoutItem; part?: string }

export const LAYOUT_BY_KEY: Map<string, KeyedLabel> = new Map(
  DISPATCH_LAYOUT.flatMap((section) => section.items.flatMap((item) =>
    item.keys.map((key, i) => [key, { key, section, item, part: item.parts?.[i] }] as const))),
);
