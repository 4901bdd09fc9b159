import type { DispatchRow, ScoreRow } from '../../../analytics/src/contracts.js';
import type { SchemeParams } from '../../../analytics/src/default-scheme.js';
import { formatDateLong } from '../common/chinese-format.js';

// Sentences of the briefing (通报), built from the figures only: every number in them is one of the
// dispatch or scores JSON's, so the text never disagrees with the tables.

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}%`);
const money = (v: number) => v.toFixed(2);

/** 一、总体进展: the city-wide dispatch row in words, in the attachment's three sections. */
export function progressParagraphs(all: DispatchRow, asOf: string): string[] {
  const found = all.A1 + all.A3 + all.A5 + all.A7;
  const rectified = all.A2 + all.A4 + all.A6 + all.A8;
  return [
    `截至${formatDateLong(asOf)}，全市共排查发现重大事故隐患${found}个，已完成整改${rectified}个，整改率${pct(rectified, found)}。` +
      `其中：企业自查发现${all.A1}个、已整改${all.A2}个；部门执法检查发现${all.A3}个、已整改${all.A4}个；` +
      `群众举报${all.A5}个、已整改${all.A6}个；上级交办${all.A7}个、已整改${all.A8}个。` +
      `政府部门挂牌督办重大事故隐患${all.A9}个，已完成整改${all.A10}个。`,
    `对企业自查自改进行抽查检查企业${all.B1}家，发现：主要负责人未按要求亲自研究排查整治工作${all.B2}家，` +
      `主要负责人未带队检查${all.B3}家，未制定分管负责人职责清单${all.B4}家，未依法建立安全管理机构和配足安全管理人员${all.B5}家，` +
      `电焊等特种作业岗位人员无证上岗作业${all.B6}家，外包外租安全管理混乱${all.B7}家，未按规定开展应急演练、员工不熟悉逃生出口${all.B8}家。`,
    `精准严格执法方面：帮扶指导重点市、县${all.C1}个次、重点企业${all.C2}家次；行政处罚${all.C3_count}次、罚款${money(all.C3_amount_wan)}万元；` +
      `“一案双罚”${all.C4}次；移送司法机关${all.C5}人；责令停产整顿${all.C6_suspended}家、关闭取缔${all.C6_closed}家；` +
      `曝光、约谈、联合惩戒企业${all.C7}家；公布典型执法案例${all.C8_cases}个，其中危险作业罪案例${all.C8_crime_cases}个；` +
      `责任倒查追究问责${all.C9}人；约谈通报有关市县及部门${all.C10}次。`,
  ];
}

export const INDICATORS = [
  { key: 'I1', name: '排查整治总体情况' },
  { key: 'I2', name: '企业自查自改抽查检查情况' },
  { key: 'I3', name: '精准严格执法情况' },
  { key: 'I4', name: '领导干部检查情况' },
] as const;
export type IndicatorKey = (typeof INDICATORS)[number]['key'];

/** Full marks of each indicator under the scheme (25 each by default). */
export function indicatorMax(s: SchemeParams): Record<IndicatorKey, number> {
  return {
    I1: s.I1.rectified + s.I1.onTime,
    I2: s.I2.coverage + s.I2.flagged,
    I3: s.I3.penalised + s.I3.enforcedRectified + s.I3.cases,
    I4: s.I4.main + s.I4.member,
  };
}

/** What lies behind one indicator's score, from the counts of the scores JSON's parts. */
export function indicatorReason(key: IndicatorKey, p: ScoreRow['parts']): string {
  switch (key) {
    case 'I1': return `排查发现重大事故隐患${p.found}个，已整改${p.rectified}个，逾期未整改${p.overdue}个`;
    case 'I2': return `辖区排查范围内企业${p.scope}家，抽查检查${p.checked}家，查出问题${p.flagged}家`;
    case 'I3': return `执法检查发现重大事故隐患${p.enforced}个，其中已处罚${p.penalised}个、已整改${p.enforced_rectified}个，公布典型执法案例${p.cases}个`;
    case 'I4': return `主要负责同志按月带队检查达标率${pct(p.main_ok, 1)}，班子成员达标率${pct(p.member_ok, 1)}`;
  }
}

/** The weakest indicators of a unit (lowest share of full marks first), two by default. */
export function weakestParts(u: ScoreRow, max: Record<IndicatorKey, number>, n = 2): { key: IndicatorKey; name: string; score: number; max: number }[] {
  return INDICATORS
    .map((i) => ({ key: i.key, name: i.name, score: u[i.key], max: max[i.key] }))
    .sort((a, b) => a.score / (a.max || 1) - b.score / (b.max || 1))
    .slice(0, n);
}

/** The deduction in words, or undefined when nothing was deducted. */
export function deductionReason(u: ScoreRow): string | undefined {
  if (u.D === 0) return undefined;
  const p = u.parts;
  const why = [
    p.late ? `迟报、漏报${p.late}次` : '',
    p.missed_feedback ? `交办隐患未按周反馈${p.missed_feedback}次` : '',
    p.missed_hazards ? `该发现而未发现重大事故隐患${p.missed_hazards}个` : '',
  ].filter(Boolean).join('，');
  return `扣${u.D.toFixed(2)}分（${why}）`;
}

/** 较上月: "上升2位", "下降1位", "持平", or "—" in the first month. */
export function movementText(m: { rankChange: number } | null | undefined): string {
  if (!m) return '—';
  if (m.rankChange > 0) return `上升${m.rankChange}位`;
  if (m.rankChange < 0) return `下降${-m.rankChange}位`;
  return '持平';
}

export const SUBMISSION_KINDS: Record<string, string> = {
  monthly_report: '月度进展情况',
  dispatch_table: '调度表',
  stage_report: '阶段性推进落实情况',
  summary: '专项行动工作总结',
};

/** "2023-08" → "2023年8月" */
export function chineseMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}
