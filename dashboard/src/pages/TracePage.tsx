import type { Trace } from '../api/types.js';
import { useLoad } from '../api/useApi.js';
import { loadTrace } from '../features/traceback/load-trace.js';
import { useAppData, useMonth } from '../app-context.js';
import { LookBackTable, MissedTable, OverdueTable } from '../features/traceback/TraceTables.js';
import { formatCount, formatDateLong, formatMonth } from '../format.js';
import { Async } from '../ui/Async.js';
import { Card } from '../ui/Card.js';
import { DownloadButton } from '../ui/DownloadButton.js';
import { MonthSelect } from '../ui/MonthSelect.js';
import { PagedRows } from '../ui/PagedRows.js';

export function TracePage() {
  const { campaign } = useAppData();
  const [month, setMonth] = useMonth();
  // read as Arrow, table by table; every row of each list reachable, a page of 50 at a time
  const trace = useLoad<Trace>(`trace:${month}`, (signal) => loadTrace(month, signal));
  return (
    <div className="page">
      <div className="page-head">
        <h1>责任追溯 · {formatMonth(month)}</h1>
        <div className="page-tools">
          <MonthSelect months={campaign.months} value={month} onChange={setMonth} />
          <DownloadButton path={`/api/exports/trace.xlsx?month=${month}`} fileName={`责任追溯-${month}.xlsx`}>
            责任追溯 Excel
          </DownloadButton>
        </div>
      </div>
      <Async state={trace} what="责任追溯">
        {(t) => (
          <>
            <p className="page-note">数据截至 {formatDateLong(t.asOf)}。“一案三查”：企业负责人、监管负责人和分管领导。</p>
            <Card title={`该发现而未发现（${formatCount(t.missed.length)} 项）`}>
              <PagedRows rows={t.missed}>{(rows) => <MissedTable rows={rows} />}</PagedRows>
            </Card>
            <Card title={`该盯住整改而整改不到位（${formatCount(t.overdue.length)} 项）`}>
              <PagedRows rows={t.overdue}>{(rows) => <OverdueTable rows={rows} />}</PagedRows>
            </Card>
            <Card title={`回头看（${formatCount((t.lookBack ?? []).length)} 项）`}>
              <PagedRows rows={t.lookBack ?? []}>{(rows) => <LookBackTable rows={rows} />}</PagedRows>
            </Card>
          </>
        )}
      </Async>
    </div>
  );
}
