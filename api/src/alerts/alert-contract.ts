// The alert as the API answers it and the dashboard, the mail and the webhook read it: declared here once
//. Plain data only: the dashboard imports it, so no decorator or server package comes along.

/** Every duty of the notice that alerts (domain.md section 4), plus the office's draft-ranking reminder. */
export const ALERT_KINDS = [
  'monthly_report_missing', // 每月29日前进展情况
  'dispatch_table_missing', // 调度表（次月1日）
  'feedback_missing', // 交办隐患每周五反馈
  'stage_report_missing', // 阶段性情况
  'summary_missing', // 工作总结
  'leader_inspections_short', // 领导干部每月带队检查
  'typical_case_missing', // 市级每月典型执法案例
  'coverage_behind', // 7–8月县级全覆盖 / 9–11月市级抽查 ≥ 20%
  'drills_missing', // 高危行业企业两次应急演练
  'hazard_overdue', // 隐患逾期未整改
  'draft_ranking', // 打分排队草稿待发布
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** who an alert has reached: its unit, then the city office, then the group leader */
export const ESCALATED_TO = [null, 'city_office', 'group_leader'] as const;
export type EscalatedTo = (typeof ESCALATED_TO)[number];

export interface AlertView {
  id: number;
  unitCode: string;
  kind: AlertKind;
  dueOn: string;
  recordRef: string;
  message: string;
  createdAt: string;
  state: AlertState;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  note: string | null;
  resolvedOn: string | null;
  escalatedTo: EscalatedTo;
  escalatedOn: string | null;
}
