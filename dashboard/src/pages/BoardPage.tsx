import type { Alert, Unit } from '../api/types.js';
import { useApi, useLoad } from '../api/useApi.js';
import { countyUnits, isCityUser, useAppData, useMonth, useUnitName } from '../app-context.js';
import { AlertList } from '../features/county/AlertList.js';
import { boardTasks, statusCounts, STATUS_TEXT, type TaskStatus } from '../features/board/board-deadlines.js';
import { BoardGrid, type BoardRow } from '../features/board/BoardGrid.js';
import { loadCoverageUnits } from '../features/board/load-coverage-units.js';
import { type BoardExplanation, loadBoardExplanation } from '../features/board/load-explanation.js';
import { MonthCalendar } from '../features/calendar/MonthCalendar.js';
import { CountyMap } from '../features/map/CountyMap.js';
import { formatCount, formatMonth } from '../format.js';
import { Async } from '../ui/Async.js';
import { Card } from '../ui/Card.js';
import { MonthSelect } from '../ui/MonthSelect.js';

async function loadBoard(units: Unit[], month: string, signal: AbortSignal): Promise<BoardRow[]> {
  const [coverage, ...explanations] = await Promise.all([
    loadCoverageUnits(month, signal),
    ...units.map((u) => loadBoardExplanation(u.code, month, signal).then((e) => ({ e }), (error: unknown) => ({ error }))),
  ]);
  return units.map((u, i) => {
    const r = explanations[i] as { e?: BoardExplanation; error?: unknown };
    if (!r.e) return { unit: u.code, name: u.name, tasks: null, error: r.error };
    const unitCoverage = coverage?.find((c) => c.unit === u.code) ?? null;
    return { unit: u.code, name: u.name, tasks: boardTasks({ month, explanation: r.e, coverage: unitCoverage }) };
  });
}

export function BoardPage() {
  const { campaign, units, user } = useAppData();
  const [month, setMonth] = useMonth();
  const shown = isCityUser(user) ? countyUnits(units) : units.filter((u) => u.code === user.unitCode);
  const unitName = useUnitName();
  const alerts = useApi<Alert[]>(isCityUser(user) ? '/api/alerts' : `/api/alerts?unit=${encodeURIComponent(user.unitCode ?? '')}`);
  const board = useLoad<BoardRow[]>(`${month}:${shown.map((u) => u.code).join(',')}`, (signal) => loadBoard(shown, month, signal));
  return (
    <div className="page">
      <div className="page-head">
        <h1>挂图作战 · {formatMonth(month)}</h1>
        <div className="page-tools">
          <MonthSelect months={campaign.months} value={month} onChange={setMonth} />
        </div>
      </div>
      <Async state={board} what="节点任务" isEmpty={(rows) => rows.length === 0} emptyTitle="没有需要显示的单位">
        {(rows) => {
          const counts = statusCounts(rows.flatMap((r) => r.tasks ?? []));
          return (
            <>
              <div className="board-summary" data-testid="board-summary">
                {(['late', 'open', 'done', 'pending', 'unknown'] as TaskStatus[]).map((s) => (
                  <span key={s} className={`summary-chip status-${s}`}>
                    {STATUS_TEXT[s]} {formatCount(counts[s])}
                  </span>
                ))}
              </div>
              <Card>
                <BoardGrid rows={rows} month={month} />
              </Card>
              <p className="page-note">按月末情况评判：月度进展应于当月29日（小月为月末）前报送；交办隐患每周五前须有反馈；7—8月县级对排查范围内企业100%检查；9—11月市级按不低于20%比例抽查各县区企业（只计入各自时段内的检查）。</p>
            </>
          );
        }}
      </Async>
      <CountyMap month={month} />
      <MonthCalendar month={month} />
      <Card title="预警">
        <Async state={alerts} what="预警">
          {(a) => <AlertList alerts={a} unitName={unitName} />}
        </Async>
      </Card>
    </div>
  );
}
