// One county's figures for its page: indicator bars, the trend, the parts behind each figure. Pure.
import type { Explanation, ScoreParts, TrendPoint, UnitScore } from '../../api/types.js';
import { formatCount, formatMonth, formatPercent } from '../../format.js';
import { INDICATOR_LABEL, INDICATOR_MAX, INDICATORS, type Indicator } from '../../labels.js';

export interface IndicatorBar {
  [k: string]: string | number;
  name: string;
  得分: number;
  未得分: number;
}

/** each indicator against its maximum 25: the score, and what is left to 25 */
export function indicatorBars(s: Pick<UnitScore, Indicator>): IndicatorBar[] {
  return INDICATORS.map((k) => ({ name: `${k} ${INDICATOR_LABEL[k]}`, 得分: s[k], 未得分: Math.max(0, Math.round((INDICATOR_MAX - s[k]) * 100) / 100) }));
}

export interface TrendRow {
  [k: string]: string | number;
  month: string;
  总分: number;
  名次: number;
}

export function trendRows(t: TrendPoint[]): TrendRow[] {
  return t.map((p) => ({ month: formatMonth(p.month).slice(5), 总分: p.total, 名次: p.rank }));
}

/** the explanation with every list present (the server may leave out a list that has nothing) */
export function fullExplanation(e: Partial<Explanation> | null | undefined): Explanation {
  return {
    overdue: e?.overdue ?? [],
    unchecked: e?.unchecked ?? [],
    flagged: e?.flagged ?? [],
    leaderMonthsMissed: e?.leaderMonthsMissed ?? [],
    missedFridays: e?.missedFridays ?? [],
    lateSubmissions: e?.lateSubmissions ?? [],
    missedHazards: e?.missedHazards ?? [],
  };
}

export interface PartLine {
  label: string;
  value: string;
}

export interface PartsGroup {
  key: Indicator | 'D';
  title: string;
  rule: string;
  lines: PartLine[];
}

const line = (label: string, n: number, unit = ''): PartLine => ({ label, value: `${formatCount(n)}${unit}` });

/** the counts behind each figure, with the rule that turns them into points (spec/domain.md section 6) */
export function partsGroups(p: ScoreParts): PartsGroup[] {
  return [
    {
      key: 'I1',
      title: `I1 ${INDICATOR_LABEL.I1}`,
      rule: '15 × 已整改/发现 + 10 × (发现 − 逾期)/发现',
      lines: [line('发现隐患', p.found, ' 项'), line('已整改', p.rectified, ' 项'), line('逾期未整改', p.overdue, ' 项')],
    },
    {
      key: 'I2',
      title: `I2 ${INDICATOR_LABEL.I2}`,
      rule: '20 × 已检查/排查范围 + 5 × 查出问题/已检查',
      lines: [line('排查范围内企业', p.scope, ' 家'), line('已检查', p.checked, ' 家'), line('查出问题', p.flagged, ' 家')],
    },
    {
      key: 'I3',
      title: `I3 ${INDICATOR_LABEL.I3}`,
      rule: '10 × 处罚/执法发现 + 10 × 已整改/执法发现 + 5 × 典型案例月度达标',
      lines: [line('执法检查发现隐患', p.enforced, ' 项'), line('其中已处罚', p.penalised, ' 项'), line('其中已整改', p.enforced_rectified, ' 项'), line('公布典型案例', p.cases, ' 个')],
    },
    {
      key: 'I4',
      title: `I4 ${INDICATOR_LABEL.I4}`,
      rule: '12.5 × 主要负责同志达标率 + 12.5 × 班子成员达标率',
      lines: [
        { label: '主要负责同志（每月≥1次）达标率', value: formatPercent(p.main_ok) },
        { label: '班子成员（每月≥2次）达标率', value: formatPercent(p.member_ok) },
      ],
    },
    {
      key: 'D',
      title: '扣分',
      rule: 'min(20, 迟报 + 0.5 × 周五未反馈 + 2 × 该发现而未发现)',
      lines: [line('迟报/未报', p.late, ' 次'), line('周五未反馈', p.missed_feedback, ' 次'), line('该发现而未发现', p.missed_hazards, ' 项')],
    },
  ];
}
