// 挂图作战: each county-level unit's deadlines in a month as progress cards (domain.md section 4):
// the 29th's monthly report, Friday feedback on assigned hazards, the July–August 100% inspection
// coverage, and the city's September–November spot checks of at least 20%. Pure.
import type { EnterpriseRow, Explanation, InspectionRow, ScoreParts } from '../../api/types.js';
import { formatCount, formatDate, formatMonth, formatPercent } from '../../format.js';
import { endOfMonth } from '../../months.js';

export type TaskKey = 'monthly_report' | 'friday_feedback' | 'coverage' | 'spot_check';
export type TaskStatus = 'done' | 'open' | 'late' | 'pending' | 'unknown';

export const TASK_TITLE: Record<TaskKey, string> = {
  monthly_report: '每月29日前报送进展',
  friday_feedback: '交办隐患每周五反馈',
  coverage: '7—8月检查全覆盖（100%）',
  spot_check: '9—11月市级抽查（≥20%）',
};

export const STATUS_TEXT: Record<TaskStatus, string> = {
  done: '已完成',
  open: '进行中',
  late: '逾期/未达标',
  pending: '未开始',
  unknown: '暂无数据',
};

export interface BoardTask {
  key: TaskKey;
  title: string;
  /** the due date shown on the card */
  due: string;
  status: TaskStatus;
  /** 0…1 for the two coverage targets, else null */
  progress: number | null;
  detail: string;
}

export interface BoardInput {
  month: string;
  parts: ScoreParts;
  /** as the server sent it: a list that is absent is unknown, not empty */
  explanation: Partial<Explanation>;
  /** distinct in-scope enterprises of the unit's jurisdiction the city inspected in the spot-check window; null when unknown */
  citySpotChecked: number | null;
}

/** day min(29, last day of the month) */
export function monthlyReportDue(month: string): string {
  const eom = endOfMonth(month);
  return eom.slice(8) < '29' ? eom : `${month}-29`;
}

/** every Friday of a month, as YYYY-MM-DD */
export function fridaysOf(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const out: string[] = [];
  for (let d = new Date(Date.UTC(y, m - 1, 1)); d.getUTCMonth() === m - 1; d = new Date(d.getTime() + 86_400_000)) {
    if (d.getUTCDay() === 5) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** the city's spot-check window for a month: 09-01 … min(end of month, 11-30), or null before September */
export function spotCheckWindow(month: string): { from: string; to: string } | null {
  const y = month.slice(0, 4);
  const from = `${y}-09-01`;
  const last = `${y}-11-30`;
  const eom = endOfMonth(month);
  if (eom < from) return null;
  return { from, to: eom < last ? eom : last };
}

/** distinct in-scope enterprises of `unit`'s jurisdiction among the city's inspections within the window */
export function spotCheckedCount(inspections: InspectionRow[], enterprises: EnterpriseRow[], unit: string, window: { from: string; to: string }): number {
  const mine = new Set(enterprises.filter((e) => e.unitCode === unit && e.inScope !== false).map((e) => e.creditCode));
  const seen = new Set<string>();
  for (const i of inspections) if (mine.has(i.enterpriseCreditCode) && i.inspectedOn >= window.from && i.inspectedOn <= window.to) seen.add(i.enterpriseCreditCode);
  return seen.size;
}

const share = (a: number, b: number) => (b === 0 ? 1 : Math.min(1, a / b));

/** the month's four tasks of one unit */
export function boardTasks({ month, parts, explanation, citySpotChecked }: BoardInput): BoardTask[] {
  const year = month.slice(0, 4);
  const mm = month.slice(5);

  const due = monthlyReportDue(month);
  const late = explanation.lateSubmissions?.find((s) => s.kind === 'monthly_report' && s.period === month);
  const report: BoardTask = {
    key: 'monthly_report',
    title: TASK_TITLE.monthly_report,
    due,
    progress: null,
    status: !explanation.lateSubmissions ? 'unknown' : late ? 'late' : 'done',
    detail: !explanation.lateSubmissions ? '未取得报送记录' : late ? (late.submittedOn ? `逾期报送（${formatDate(late.submittedOn)}）` : '未报送') : `${formatMonth(month)}进展已按时报送`,
  };

  const fridays = fridaysOf(month);
  const missed = explanation.missedFridays?.filter((f) => f.friday.startsWith(month)) ?? [];
  const feedback: BoardTask = {
    key: 'friday_feedback',
    title: TASK_TITLE.friday_feedback,
    due: `本月周五：${fridays.map((f) => Number(f.slice(8))).join('、')}日`,
    progress: null,
    status: !explanation.missedFridays ? 'unknown' : missed.length ? 'late' : 'done',
    detail: !explanation.missedFridays
      ? '未取得反馈记录'
      : missed.length
        ? `${formatCount(missed.length)} 项次未反馈：${[...new Set(missed.map((f) => f.hazard))].join('、')}`
        : '交办隐患均按周反馈（或本月无交办）',
  };

  const covered = parts.checked >= parts.scope;
  const coverage: BoardTask = {
    key: 'coverage',
    title: TASK_TITLE.coverage,
    due: `${year}-08-31`,
    progress: share(parts.checked, parts.scope),
    status: covered ? 'done' : mm < '07' ? 'pending' : mm <= '08' ? 'open' : 'late',
    detail: `截至${formatMonth(month)}末已检查 ${formatCount(parts.checked)} / ${formatCount(parts.scope)} 家（${formatPercent(share(parts.checked, parts.scope))}）`,
  };

  const target = Math.ceil(parts.scope * 0.2);
  const window = spotCheckWindow(month);
  const spot: BoardTask = {
    key: 'spot_check',
    title: TASK_TITLE.spot_check,
    due: `${year}-11-30`,
    progress: window && citySpotChecked !== null ? share(citySpotChecked, target) : null,
    status: !window ? 'pending' : citySpotChecked === null ? 'unknown' : citySpotChecked >= target ? 'done' : mm >= '11' ? 'late' : 'open',
    detail: !window
      ? `9月起开展，应抽查 ${formatCount(target)} 家（排查范围 ${formatCount(parts.scope)} 家的20%）`
      : citySpotChecked === null
        ? '未取得市级检查记录'
        : `市级已抽查 ${formatCount(citySpotChecked)} / 应抽查 ${formatCount(target)} 家`,
  };

  return [report, feedback, coverage, spot];
}

/** how many tasks stand in each status, for the board's headline */
export function statusCounts(tasks: BoardTask[]): Record<TaskStatus, number> {
  const out: Record<TaskStatus, number> = { done: 0, open: 0, late: 0, pending: 0, unknown: 0 };
  for (const t of tasks) out[t.status]++;
  return out;
}
