// Chinese labels of the domain's codes (spec/domain.md), declared once for every reader: the dashboard's
// pages (dashboard/src/labels.ts re-exports this file) and the server's exports. Pure data and type
// imports only, so the dashboard's bundle can take it as it is.
import type { ScoreParts } from '../../../analytics/src/contracts.js';
import { ALERT_KIND_ZH } from '../alerts/alert-labels.js';
import type { AlertState } from '../alerts/alert-contract.js';
import type { Role } from '../auth/roles.js';
import type { TimelineEvent as TimelineEntry } from '../ledger/hazards/hazards.repository.js';
import type { ACTION_KINDS, INDUSTRIES, LISTED_LEVELS, RISK_LEVELS, SOURCES, SUBMISSION_KINDS } from '../bundle/bundle-files.js';

type HazardSource = (typeof SOURCES)[number];
type ListedLevel = (typeof LISTED_LEVELS)[number];
type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
/** a hazard's state: open 未整改, rectified 已整改, closed 已办结销号 */
export type HazardStatus = 'open' | 'rectified' | 'closed';
type TimelineEvent = TimelineEntry['event'];

export const INDICATORS = ['I1', 'I2', 'I3', 'I4'] as const;
export type Indicator = (typeof INDICATORS)[number];

/** the four assessment indicators (四考核), 25 points each */
export const INDICATOR_LABEL: Record<Indicator, string> = {
  I1: '排查整治总体情况',
  I2: '企业自查自改抽查检查情况',
  I3: '精准严格执法情况',
  I4: '领导干部检查情况',
};
export const INDICATOR_MAX = 25;

export const ROLE_LABEL: Record<Role, string> = {
  city_office: '市领导小组办公室',
  group_leader: '领导小组组长',
  county_branch: '县区分局',
  inspector: '执法人员',
  viewer: '只读用户',
};

export const CITY_ROLES: readonly Role[] = ['city_office', 'group_leader', 'viewer'];

export const SOURCE_LABEL: Record<HazardSource, string> = {
  self_check: '企业自查',
  enforcement: '部门执法检查',
  public_report: '群众举报',
  superior_assignment: '上级交办',
};

export const STATUS_LABEL: Record<HazardStatus, string> = {
  open: '未整改',
  rectified: '已整改',
  closed: '已办结销号',
};

export const LISTED_LABEL: Record<ListedLevel, string> = {
  county: '县级挂牌',
  city: '市级挂牌',
  government: '政府挂牌',
};

export const EVENT_LABEL: Record<TimelineEvent, string> = {
  found: '发现',
  confirmed: '两级确认',
  listed: '挂牌督办',
  assigned: '交办',
  feedback: '反馈',
  deadline: '整改期限',
  rectified: '完成整改',
  closed: '办结销号',
};

export const SUBMISSION_LABEL: Record<SubmissionKind, string> = {
  monthly_report: '月度进展情况（每月29日前）',
  dispatch_table: '调度表（次月1日前）',
  stage_report: '阶段性推进落实情况（8月9日前）',
  summary: '专项行动工作总结（12月9日前）',
};

export const LEADER_ROLE_LABEL = { main: '主要负责同志', member: '班子成员' } as const;

// the kinds' names are the alerts' own (the mail and the webhook say the same)
export const ALERT_LABEL: Record<string, string> = ALERT_KIND_ZH;
export const ALERT_STATE_LABEL: Record<AlertState, string> = { open: '未确认', acknowledged: '已确认', resolved: '已办结' };
export const ESCALATED_LABEL = { city_office: '市领导小组办公室', group_leader: '领导小组组长' } as const;

export function label<K extends string>(map: Record<K, string>, key: K | null | undefined): string {
  if (key === null || key === undefined) return '–';
  return map[key] ?? key;
}

/** the seven spot-check problems (B2–B8) */
export const FINDING_LABEL: Record<string, string> = {
  no_leader_study: '主要负责人未亲自研究排查整治',
  no_leader_inspection: '主要负责人未带队检查',
  no_duty_list: '未制定分管负责人职责清单',
  no_safety_staff: '未建立安全管理机构/配足人员',
  uncertified_special_work: '特种作业无证上岗',
  outsourcing_chaos: '外包外租安全管理混乱',
  no_drill: '未按规定开展应急演练/员工不熟悉逃生出口',
};

// the ledger's record codes (spec/domain.md §3), their Chinese names for the record forms (记录)
type Codes<T extends readonly string[]> = T[number];

/** 行业 of an enterprise */
export const INDUSTRY_LABEL: Record<Codes<typeof INDUSTRIES>, string> = {
  steel: '钢铁冶铸',
  power: '电力',
  coal_chemical: '煤化工',
  coal_mining: '煤炭开采及洗选',
  building_materials: '建材',
  hw_operator: '危废收集贮存利用处置',
  medical_waste: '医疗废物处置',
  other: '其他',
};

/** 环境风险等级 */
export const RISK_LEVEL_LABEL: Record<Codes<typeof RISK_LEVELS>, string> = { general: '一般', larger: '较大', major: '重大' };

/** 执法 kinds, named as the dispatch table's lines C1–C10 name them */
export const ACTION_KIND_LABEL: Record<Codes<typeof ACTION_KINDS>, string> = {
  assistance_unit: '帮扶指导重点市、县',
  assistance_enterprise: '帮扶指导重点企业',
  penalty: '行政处罚',
  dual_penalty: '一案双罚',
  judicial_transfer: '移送司法机关',
  suspension: '责令停产整顿',
  closure: '关闭取缔',
  exposure: '曝光',
  interview: '约谈企业',
  joint_punishment: '联合惩戒',
  typical_case: '公布典型执法案例',
  accountability: '责任倒查追究问责',
  interview_unit: '约谈通报有关市县及部门',
};

/** the counts behind each indicator (ScoreParts), named as the county page names them */
export const PART_LABEL: Record<keyof ScoreParts, string> = {
  found: '发现隐患（项）',
  rectified: '已整改（项）',
  overdue: '逾期未整改（项）',
  scope: '排查范围内企业（家）',
  checked: '已检查（家）',
  flagged: '查出问题（家）',
  enforced: '执法检查发现隐患（项）',
  penalised: '其中已处罚（项）',
  enforced_rectified: '其中已整改（项）',
  cases: '公布典型案例（个）',
  main_ok: '主要负责同志（每月≥1次）达标率',
  member_ok: '班子成员（每月≥2次）达标率',
  late: '迟报/未报（次）',
  missed_feedback: '周五未反馈（次）',
  missed_hazards: '该发现而未发现（项）',
};

/** the scoring scheme's versions a reader meets; any other version is shown as it is named */
export const SCHEME_LABEL: Record<string, string> = { default: '默认方案' };

/** the dispatch JSON's city-wide row (unit code ALL), 本行业领域 of the attachment's note 4 */
export const CITY_WIDE_LABEL = '全市';
export const CITY_WIDE_CODE = 'ALL';

export const UNIT_LEVEL_LABEL: Record<string, string> = { province: '省级', city: '市级', county: '县级', zone: '开发区' };

/** a scheme version as people read it: the live one, `default`, is 默认方案; the office names the others itself */
export function schemeLabel(version: string | null | undefined): string {
  if (!version) return '–';
  return version === 'default' ? '默认方案' : version;
}
