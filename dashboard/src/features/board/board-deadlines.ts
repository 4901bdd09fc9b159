// 挂图作战: each county-level unit's deadlines in a month as progress cards (domain.md section 4):
// the 29th's monthly report, Friday feedback on assigned hazards, the July–August 100% inspection
// coverage, and the city's September–November spot checks of at least 20%. Pure. The two coverage
// cards show GET /api/coverage's figures as they are (analytics/sql/inspection-coverage): the windows
// and counts are computed there, never here.
import type { CoverageDuty, CoverageStatus, CoverageUnit, Explanation } from '../../api/types.js';
import { formatCount, formatDate, formatMonth } from '../../format.js';
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
  /** the coverage cards: the in-scope enterprises still to inspect */
  toInspect?: CoverageDuty['toInspect'];
}

export interface BoardInput {
  month: string;
  /** as the server sent it: a list that is absent is unknown, not empty */
  explanation: Partial<Explanation>;
  /** the unit's entry of GET /api/coverage; null when the server could not say */
  coverage: CoverageUnit | null;
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

const share = (a: number, b: number) => (b === 0 ? 1 : Math.min(1, a / b));

/** the month's four tasks of one unit */
export function boardTasks({ month, explanation, coverage }: BoardInput): BoardTask[] {
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

  const county = coverageTask('coverage', coverage?.duties.find((d) => d.duty === 'county_coverage'));
  const spot = coverageTask('spot_check', coverage?.duties.find((d) => d.duty === 'city_spot_check'));
  return [report, feedback, county, spot];
}

const STATUS_OF: Record<CoverageStatus, TaskStatus> = { not_started: 'pending', in_progress: 'open', met: 'done', behind: 'late' };

/** A coverage card from the API's duty: who inspects, how many of the scope, which are left. */
export function coverageTask(key: 'coverage' | 'spot_check', d: CoverageDuty | undefined): BoardTask {
  if (!d) return { key, title: TASK_TITLE[key], due: '—', status: 'unknown', progress: null, detail: '未取得检查覆盖数据' };
  const who = key === 'coverage' ? '已检查' : '市级已抽查';
  const detail = d.status === 'not_started'
    ? `${formatDate(d.from)}起开展，应检查 ${formatCount(d.required)} 家（排查范围 ${formatCount(d.scope)} 家的${d.requiredPercent}%）`
    : `${who} ${formatCount(d.checked)} / 应检查 ${formatCount(d.required)} 家（排查范围 ${formatCount(d.scope)} 家）` +
      (d.shortfall > 0 ? `，尚差 ${formatCount(d.shortfall)} 家` : '');
  return {
    key,
    title: TASK_TITLE[key],
    due: d.to,
    status: STATUS_OF[d.status],
    progress: d.status === 'not_started' ? null : share(d.checked, d.required),
    detail,
    toInspect: d.status === 'not_started' || d.shortfall === 0 ? [] : d.toInspect,
  };
}

/** how many tasks stand in each status, for the board's headline */
export function statusCounts(tasks: BoardTask[]): Record<TaskStatus, number> {
  const out: Record<TaskStatus, number> = { done: 0, open: 0, late: 0, pending: 0, unknown: 0 };
  for (const t of tasks) out[t.status]++;
  return out;
}
