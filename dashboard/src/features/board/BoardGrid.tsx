import { formatPercent } from '../../format.js';
import { Link } from '../../router.js';
import { describeError } from '../../ui/ErrorState.js';
import { STATUS_TEXT, TASK_TITLE, type BoardTask, type TaskKey } from './board-deadlines.js';

export interface BoardRow {
  unit: string;
  name: string;
  tasks: BoardTask[] | null;
  error?: unknown;
}

const KEYS: TaskKey[] = ['monthly_report', 'friday_feedback', 'coverage', 'spot_check'];

/** the progress board: units down, the month's deadlines across, one card a cell */
export function BoardGrid({ rows, month }: { rows: BoardRow[]; month: string }) {
  return (
    <div className="table-wrap">
      <table className="board" data-testid="board">
        <caption className="sr-only">各县区本月节点任务进度</caption>
        <thead>
          <tr>
            <th scope="col">单位</th>
            {KEYS.map((k) => (
              <th scope="col" key={k}>
                {TASK_TITLE[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.unit} data-unit={r.unit}>
              <th scope="row">
                <Link to={`/county/${encodeURIComponent(r.unit)}?month=${month}`}>{r.name}</Link>
              </th>
              {r.tasks ? (
                r.tasks.map((t) => (
                  <td key={t.key}>
                    <TaskCard t={t} />
                  </td>
                ))
              ) : (
                <td colSpan={KEYS.length} className="muted">
                  {describeError(r.error).title}：{describeError(r.error).text}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TaskCard({ t }: { t: BoardTask }) {
  return (
    <div className={`task task-${t.status}`} data-task={t.key}>
      <div className="task-head">
        <span className={`task-status status-${t.status}`}>{STATUS_TEXT[t.status]}</span>
        <span className="task-due">{t.due.startsWith('本月') ? t.due : `截止 ${t.due}`}</span>
      </div>
      {t.progress !== null ? (
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(t.progress * 100)} aria-label={t.title}>
          <div className="progress-bar" style={{ width: `${Math.round(t.progress * 100)}%` }} />
          <span className="progress-text">{formatPercent(t.progress)}</span>
        </div>
      ) : null}
      <div className="task-detail">{t.detail}</div>
      {t.toInspect?.length ? (
        <details className="task-to-inspect">
          <summary>未检查企业 {t.toInspect.length} 家</summary>
          <ul>
            {t.toInspect.map((e) => (
              <li key={e.creditCode} data-credit-code={e.creditCode}>
                {e.name}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
