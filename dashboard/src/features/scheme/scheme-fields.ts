// The scheme's parameters (domain.md section 6) with their Chinese meaning, and the what-if edit as the
// API's `params` (only what differs from the base). Pure.
import type { SchemeParams } from '../../../../analytics/src/default-scheme.js';
import type { RankChange } from '../../../../api/src/assessment/ranking-diff.js';

export interface SchemeField {
  /** `I1.rectified`, `missedLookbackDays` */
  key: string;
  label: string;
  meaning: string;
  /** shown in the what-if editor (weights, deductions, cap, lookback) */
  editable: boolean;
}

export const SCHEME_FIELDS: readonly SchemeField[] = [
  { key: 'I1.rectified', label: 'I1 整改率分值', meaning: '排查整治总体情况：已整改隐患 ÷ 发现隐患 的满分', editable: true },
  { key: 'I1.onTime', label: 'I1 按期整改分值', meaning: '排查整治总体情况：(发现 − 逾期未整改) ÷ 发现 的满分', editable: true },
  { key: 'I2.coverage', label: 'I2 检查覆盖分值', meaning: '企业自查自改抽查检查情况：已检查 ÷ 排查范围内企业 的满分', editable: true },
  { key: 'I2.flagged', label: 'I2 发现问题分值', meaning: '企业自查自改抽查检查情况：发现问题企业 ÷ 已检查企业 的满分', editable: true },
  { key: 'I3.penalised', label: 'I3 处罚分值', meaning: '精准严格执法情况：执法发现隐患中已行政处罚的比例的满分', editable: true },
  { key: 'I3.enforcedRectified', label: 'I3 执法隐患整改分值', meaning: '精准严格执法情况：执法发现隐患中已整改的比例的满分', editable: true },
  { key: 'I3.cases', label: 'I3 典型案例分值', meaning: '精准严格执法情况：min(1, 典型案例数 ÷ 考核月数) 的满分', editable: true },
  { key: 'I4.main', label: 'I4 主要负责同志分值', meaning: '领导干部检查情况：主要负责同志每月检查达标的比例的满分', editable: true },
  { key: 'I4.member', label: 'I4 班子成员分值', meaning: '领导干部检查情况：班子成员每月检查达标的比例的满分', editable: true },
  { key: 'leaderRule.main', label: '主要负责同志每月检查次数', meaning: '每位主要负责同志每月至少带队检查的次数', editable: false },
  { key: 'leaderRule.member', label: '班子成员每月检查次数', meaning: '每位班子成员每月至少检查的次数', editable: false },
  { key: 'deductions.late', label: '迟报漏报扣分', meaning: '月度进展、调度表、阶段性情况、工作总结逾期未报送，每次扣分', editable: true },
  { key: 'deductions.missedFeedback', label: '未按周反馈扣分', meaning: '交办隐患每个周五未反馈，每次扣分', editable: true },
  { key: 'deductions.missedHazard', label: '该发现而未发现扣分', meaning: '市级执法发现的隐患，本单位此前曾签字“零隐患”检查该企业，每处扣分', editable: true },
  { key: 'deductions.cap', label: '扣分上限', meaning: '扣分合计的上限', editable: true },
  { key: 'missedLookbackDays', label: '该发现而未发现回溯天数', meaning: '市级发现前多少天内的“零隐患”签字检查算作该发现而未发现', editable: true },
  { key: 'emptyRatio', label: '无应查事项时的比率', meaning: '分母为 0（没有应查事项）时比率按此值计', editable: false },
];

export function paramOf(p: SchemeParams, key: string): number {
  const [a, b] = key.split('.');
  const v = (p as unknown as Record<string, unknown>)[a];
  return b === undefined ? (v as number) : (v as Record<string, number>)[b];
}

export type ParamsEdit = Record<string, Record<string, number> | number>;

/** The API's `params`: the typed values that differ from the base, or the first key that is not a number ≥ 0. */
export function paramsEdit(base: SchemeParams, typed: Record<string, string>): { params: ParamsEdit } | { bad: string } {
  const out: ParamsEdit = {};
  for (const [key, raw] of Object.entries(typed)) {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < 0) return { bad: key };
    if (n === paramOf(base, key)) continue;
    const [a, b] = key.split('.');
    if (b === undefined) out[a] = n;
    else out[a] = { ...((out[a] as Record<string, number>) ?? {}), [b]: n };
  }
  return { params: out };
}

/** the answer of POST /api/scores/what-if, as far as the page reads it */
export interface WhatIfAnswer {
  month: string;
  base: string;
  changes: RankChange[];
}

export interface MovedUnit {
  unit: string;
  name: string;
  rankBefore: number | null;
  rankAfter: number | null;
  /** the total's change, 2 decimals; null when a side has no total */
  totalChange: number | null;
  rankMoved: boolean;
}

/** The units a what-if moves (the API's changes), rank changes first, then by the rank under the edit. */
export function movedUnits(changes: RankChange[]): MovedUnit[] {
  return changes
    .map((c) => ({
      unit: c.unit,
      name: c.name,
      rankBefore: c.rankBefore,
      rankAfter: c.rankAfter,
      totalChange: c.totalBefore === null || c.totalAfter === null ? null : Math.round((c.totalAfter - c.totalBefore) * 100) / 100,
      rankMoved: c.rankBefore !== c.rankAfter,
    }))
    .sort((a, b) => Number(b.rankMoved) - Number(a.rankMoved) || (a.rankAfter ?? 99) - (b.rankAfter ?? 99) || a.unit.localeCompare(b.unit));
}
