import type { AlertKind } from './alert-contract.js';

// The kinds' Chinese names, for the mail, the webhook and the dashboard (one list, imported by all).
export const ALERT_KIND_ZH: Record<AlertKind, string> = {
  monthly_report_missing: '月度进展未报送',
  dispatch_table_missing: '调度表未报送',
  feedback_missing: '交办隐患周五未反馈',
  stage_report_missing: '阶段性情况未报送',
  summary_missing: '工作总结未报送',
  leader_inspections_short: '领导干部带队检查不足',
  typical_case_missing: '市级典型案例未公布',
  coverage_behind: '排查覆盖进度滞后',
  drills_missing: '高危企业应急演练不足',
  hazard_overdue: '隐患逾期未整改',
  draft_ranking: '排名草稿待发布',
};

export const ESCALATED_ZH = { city_office: '已升级至市领导小组办公室', group_leader: '已升级至领导小组组长' } as const;
