import type { CalendarJson } from '../../../../analytics/src/contracts.js';
import { useApi } from '../../api/useApi.js';
import { useUnitName } from '../../app-context.js';
import { formatCount, formatDate, formatDateLong, formatMonth } from '../../format.js';
import { Async } from '../../ui/Async.js';
import { Card } from '../../ui/Card.js';
import { DUE_LABEL, DUE_STATE_LABEL, DUE_STATES, dueRows, monthWeeks, type DueRow } from './calendar-view.js';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

// 月度日历: the month's due dates (GET /api/calendar) as a calendar, and each unit's state at each.
export function MonthCalendar({ month }: { month: string }) {
  const calendar = useApi<CalendarJson>(`/api/calendar?month=${month}`);
  const unitName = useUnitName();
  return (
    <Card title={`${formatMonth(month)}节点日历`} className="calendar-card">
      <Async state={calendar} what="节点日历" isEmpty={(c) => c.dues.length === 0} emptyTitle="本月没有到期的节点">
        {(c) => {
          const rows = dueRows(c.dues);
          const units = [...new Set(c.dues.map((d) => d.unit))].sort();
          return (
            <div className="month-calendar" data-testid="month-calendar">
              <p className="page-note">状态截至 {formatDateLong(c.asOf)}：按期完成为“已完成”，未到期限为“待完成”，超过期限未完成（含逾期补报）为“逾期”。</p>
              <div className="calendar-grid" role="table" aria-label={`${formatMonth(month)}日历`}>
                {WEEKDAYS.map((w) => <div key={w} className="calendar-weekday" role="columnheader">周{w}</div>)}
                {monthWeeks(month).flat().map((day, i) => (
                  <CalendarDay key={day ?? `blank-${i}`} day={day} rows={rows.filter((r) => r.due === day)} />
                ))}
              </div>
              <div className="table-wrap">
                <table className="table calendar-table" data-testid="calendar-table">
                  <thead>
                    <tr>
                      <th>期限</th>
                      <th>事项</th>
                      {units.map((u) => <th key={u}>{unitName(u)}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={`${r.due} ${r.kind}`} data-due={r.due} data-kind={r.kind}>
                        <td>{formatDate(r.due)}</td>
                        <td>{DUE_LABEL[r.kind]}{r.period ? `（${formatMonth(r.period)}）` : ''}</td>
                        {units.map((u) => {
                          const d = r.byUnit.get(u);
                          if (!d) return <td key={u}>–</td>;
                          const extra = d.kind === 'feedback' ? (d.owed ? `${formatCount(d.owed! - d.missing!)}/${formatCount(d.owed)}` : '无交办') : d.doneOn && d.state === 'overdue' ? `${formatDate(d.doneOn)}补报` : '';
                          return (
                            <td key={u} data-unit={u} data-state={d.state} className={`due-${d.state}`}>
                              {DUE_STATE_LABEL[d.state]}{extra ? <span className="muted small"> {extra}</span> : null}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          );
        }}
      </Async>
    </Card>
  );
}

function CalendarDay({ day, rows }: { day: string | null; rows: DueRow[] }) {
  if (!day) return <div className="calendar-day calendar-blank" role="cell" />;
  return (
    <div className={`calendar-day${rows.length ? ' has-due' : ''}`} role="cell" data-day={day}>
      <span className="calendar-date">{Number(day.slice(8))}</span>
      {rows.map((r) => (
        <div key={r.kind} className="calendar-due" data-kind={r.kind}>
          <span className="calendar-due-label">{DUE_LABEL[r.kind]}</span>
          {DUE_STATES.filter((s) => r.counts[s]).map((s) => (
            <span key={s} className={`calendar-count due-${s}`} data-state={s} data-count={r.counts[s]}>
              {DUE_STATE_LABEL[s]} {formatCount(r.counts[s])}
            </span>
          ))}
        </div>
      ))}
    </div>
  );
}
