import type { Alert, TrendPoint, UnitScoreDetail } from '../api/types.js';
import { readExplanation } from '../api/normalize.js';
import { useApi } from '../api/useApi.js';
import { countyUnits, useAppData, useMonth } from '../app-context.js';
import { AlertList } from '../features/county/AlertList.js';
import { IndicatorBars, TrendCharts } from '../features/county/CountyCharts.js';
import { ExplanationPanel } from '../features/county/ExplanationPanel.js';
import { MonthlyReportCard } from '../features/records/MonthlyReportCard.js';
import { formatDateLong, formatMonth, formatScore, formatSignedScore, movementText } from '../format.js';
import { Link } from '../router.js';
import { Async } from '../ui/Async.js';
import { Card } from '../ui/Card.js';
import { MonthSelect } from '../ui/MonthSelect.js';
import { schemeLabel } from '../labels.js';

export function CountyPage({ unit }: { unit: string }) {
  const { campaign, units } = useAppData();
  const [month, setMonth] = useMonth();
  const u = encodeURIComponent(unit);
  const score = useApi<UnitScoreDetail>(`/api/scores/${u}?month=${month}`);
  const trend = useApi<TrendPoint[]>(`/api/scores/${u}/trend?month=${month}`);
  const alerts = useApi<Alert[]>(`/api/alerts?unit=${u}`);
  const name = units.find((x) => x.code === unit)?.name ?? unit;
  return (
    <div className="page">
      <div className="page-head">
        <h1>
          {name} · {formatMonth(month)}
        </h1>
        <div className="page-tools">
          <MonthSelect months={campaign.months} value={month} onChange={setMonth} />
          <Link to={`/ledger?unit=${u}`} className="btn">本单位台账</Link>
          <Link to={`/dispatch?month=${month}&unit=${u}`} className="btn">本单位调度表</Link>
        </div>
      </div>
      <Async state={score} what="考核得分">
        {(s) => (
          <>
            <div className="kpis" data-testid="county-kpis">
              <Kpi label="名次" value={`第 ${s.rank} 名`} sub={movementText(s.movement).label} />
              <Kpi label="总分" value={formatScore(s.total)} sub={s.movement ? `较上月 ${formatSignedScore(s.movement.totalChange)}` : '首月'} />
              <Kpi label="扣分" value={s.D > 0 ? `−${formatScore(s.D)}` : formatScore(0)} sub="上限 20 分" />
              <Kpi label="数据截至" value={formatDateLong(s.asOf)} sub={`考核方案 ${schemeLabel(s.scheme)}`} />
            </div>
            <div className="two-col">
              <Card title="四项指标（满分各 25 分）">
                <IndicatorBars score={s} />
              </Card>
              <Card title="总分与名次趋势">
                <Async state={trend} what="趋势" isEmpty={(t) => t.length === 0}>
                  {(t) => <TrendCharts trend={t} units={countyUnits(units).length} />}
                </Async>
              </Card>
            </div>
            <Card title="指标构成与依据">
              <ExplanationPanel score={s} raw={readExplanation(s.explanation)} />
            </Card>
          </>
        )}
      </Async>
      <MonthlyReportCard unit={unit} />
      <Card title="预警">
        <Async state={alerts} what="预警">
          {(a) => <AlertList alerts={a} />}
        </Async>
      </Card>
    </div>
  );
}

function Kpi({ label, value, sub }: { label: string; value: string; sub?: string }) {
  return (
    <div className="kpi">
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {sub ? <div className="kpi-sub">{sub}</div> : null}
    </div>
  );
}
