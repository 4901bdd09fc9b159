// The month calendar's arrangement: the month as weeks of days (Monday first, as Chinese calendars are
// printed), and the API's due dates grouped by day and duty. Pure: the page and its tests share it.
import type { CalendarDue, DueKind, DueState } from '../../../../analytics/src/contracts.js';
import { endOfMonth } from '../../months.js';

export const DUE_LABEL: Record<DueKind, string> = {
  monthly_report: '月度进展报送',
  dispatch_table: '调度表报送',
  stage_report: '阶段性情况报送',
  summary: '工作总结报送',
  feedback: '交办隐患周五反馈',
};

export const DUE_STATE_LABEL: Record<DueState, string> = { met: '已完成', open: '待完成', overdue: '逾期' };
export const DUE_STATES: readonly DueState[] = ['overdue', 'open', 'met'];

/** weeks of the month, Monday … Sunday; days outside the month are null */
export function monthWeeks(month: string): (string | null)[][] {
  const last = Number(endOfMonth(month).slice(8));
  const [y, m] = month.split('-').map(Number);
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= last; d++) cells.push(`${month}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

/** one duty due on one day, with each unit's due date */
export interface DueRow {
  due: string;
  kind: DueKind;
  period: string | null;
  byUnit: Map<string, CalendarDue>;
  counts: Record<DueState, number>;
}

/** the due dates as rows (day, then duty), each with every unit's entry and how many stand in each state */
export function dueRows(dues: readonly CalendarDue[]): DueRow[] {
  const rows = new Map<string, DueRow>();
  for (const d of dues) {
    const key = `${d.due} ${d.kind}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { due: d.due, kind: d.kind, period: d.period, byUnit: new Map(), counts: { met: 0, open: 0, overdue: 0 } }));
    r.byUnit.set(d.unit, d);
    r.counts[d.state]++;
  }
  return [...rows.values()].sort((a, b) => a.due.localeCompare(b.due) || a.kind.localeCompare(b.kind));
}
