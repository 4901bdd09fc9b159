import { useApi } from '../../api/useApi.js';
import { formatDateTime, formatScore, formatSignedScore } from '../../format.js';
import { Async } from '../../ui/Async.js';
import { Badge, Card } from '../../ui/Card.js';
import { publishedRows, type PublishedVsLive } from './published-rows.js';
import { schemeLabel } from '../../labels.js';

/** The published figures of a month; when the ledger has moved since, the live ones beside them. */
export function PublishedCard({ month }: { month: string }) {
  const state = useApi<PublishedVsLive>(`/api/rankings/${month}/published`);
  return (
    <Async state={state} what="已发布排名">
      {(p) => {
        const rows = publishedRows(p);
        const moved = p.ledgerChanged;
        return (
          <Card
            title="已发布排名"
            actions={
              <span data-testid="published-mark">
                <Badge tone="green">已发布</Badge>{' '}
                <span className="muted small">
                  发布于 {formatDateTime(p.published.publishedAt)} · 考核方案 {schemeLabel(p.published.schemeVersion)} · 发布人 {p.published.publishedBy}
                </span>{' '}
                {moved ? <Badge tone="amber">台账已变动</Badge> : null}
              </span>
            }
          >
            {moved ? <p className="page-note">发布后台账已变动：右侧“实时”列为按同一方案重新计算的结果，已发布的排名不变。</p> : null}
            <div className="table-wrap">
              <table className="table" data-testid="published-table">
                <thead>
                  <tr>
                    <th className="num">排名</th>
                    <th>单位</th>
                    <th className="num">总分（已发布）</th>
                    {moved ? (
                      <>
                        <th className="num">实时排名</th>
                        <th className="num">实时总分</th>
                        <th className="num">差值</th>
                      </>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.unit} data-unit={r.unit} data-testid="published-row">
                      <td className="num" data-col="rank">{r.rank}</td>
                      <td data-col="name">{r.name}</td>
                      <td className="num" data-col="total">{formatScore(r.total)}</td>
                      {moved ? (
                        <>
                          <td className="num" data-col="liveRank">{r.liveRank ?? '–'}</td>
                          <td className="num" data-col="liveTotal">{formatScore(r.liveTotal)}</td>
                          <td className="num" data-col="difference">{r.difference === null ? '–' : formatSignedScore(r.difference)}</td>
                        </>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        );
      }}
    </Async>
  );
}
