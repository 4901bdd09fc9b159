import { useId } from 'react';
import type { Dispatch } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { isCityUser, useAppData, useMonth } from '../app-context.js';
import { DispatchForm } from '../features/dispatch/DispatchForm.js';
import { DispatchMatrix } from '../features/dispatch/DispatchMatrix.js';
import { CITY_WIDE, dispatchChoices, dispatchRow, matrixRows } from '../features/dispatch/dispatch-sections.js';
import { formatDateLong, formatMonth } from '../format.js';
import { setSearch, useLocation } from '../router.js';
import { Async } from '../ui/Async.js';
import { Card } from '../ui/Card.js';
import { EmptyState } from '../ui/EmptyState.js';
import { DownloadButton } from '../ui/DownloadButton.js';
import { MonthSelect } from '../ui/MonthSelect.js';

export function DispatchPage() {
  const { campaign, user } = useAppData();
  const [month, setMonth] = useMonth();
  const { search } = useLocation();
  const id = useId();
  const view = search.get('view') === 'all' ? 'all' : 'one';
  const unit = search.get('unit') ?? (isCityUser(user) ? CITY_WIDE : (user.unitCode ?? CITY_WIDE));
  const dispatch = useApi<Dispatch>(`/api/dispatch?month=${month}`);
  return (
    <div className="page">
      <div className="page-head">
        <h1>调度表 · {formatMonth(month)}</h1>
        <div className="page-tools">
          <MonthSelect months={campaign.months} value={month} onChange={setMonth} />
          <DownloadButton path={`/api/exports/dispatch.xlsx?month=${month}`} fileName={`调度表-${month}.xlsx`}>
            Excel
          </DownloadButton>
          <DownloadButton path={`/api/exports/dispatch.csv?month=${month}`} fileName={`dispatch-${month}.csv`}>
            CSV
          </DownloadButton>
          <DownloadButton path={`/api/exports/typical-cases.csv?month=${month}`} fileName={`典型执法案例-${month}.csv`}>
            典型案例 CSV
          </DownloadButton>
          {/* for analysts: the month's dispatch and scores, typed, for DuckDB, pandas or Excel's Power Query */}
          <DownloadButton path={`/api/exports/figures.parquet?month=${month}`} fileName={`figures-${month}.parquet`}>
            Parquet
          </DownloadButton>
          <div className="segmented" role="group" aria-label="显示方式">
            <button type="button" className="btn" aria-pressed={view === 'one'} onClick={() => setSearch({ view: undefined })}>
              单位表
            </button>
            <button type="button" className="btn" aria-pressed={view === 'all'} onClick={() => setSearch({ view: 'all' })}>
              汇总对比
            </button>
          </div>
        </div>
      </div>
      <Async state={dispatch} what="调度表">
        {(d) => {
          const choices = dispatchChoices(d);
          const row = dispatchRow(d, unit);
          return (
            <>
              <p className="page-note">截至 {formatDateLong(d.asOf)} 的累计情况（自专项行动开始）。市级单位报送两张表：本单位表与全市（本行业领域）表。</p>
              {view === 'all' ? (
                <Card title="各单位汇总">
                  <DispatchMatrix rows={matrixRows(d)} />
                </Card>
              ) : (
                <Card
                  title={row ? `${row.name}${row.unit === CITY_WIDE ? '（本行业领域）' : row.level === 'city' ? '（本单位）' : ''}` : '调度表'}
                  actions={
                    <span className="field">
                      <label htmlFor={`${id}-unit`}>单位</label>
                      <select id={`${id}-unit`} value={unit} onChange={(e) => setSearch({ unit: e.target.value })} data-testid="dispatch-unit">
                        {choices.map((c) => (
                          <option key={c.code} value={c.code}>
                            {c.kind === 'all' ? `${c.name}（本行业领域）` : c.kind === 'city' ? `${c.name}（本单位）` : c.name}
                          </option>
                        ))}
                      </select>
                    </span>
                  }
                >
                  {row ? <DispatchForm row={row} /> : <EmptyState title="没有该单位的调度表" />}
                </Card>
              )}
            </>
          );
        }}
      </Async>
    </div>
  );
}
