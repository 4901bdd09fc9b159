import type { Ranking } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { isCityUser, useAppData, useMonth } from '../app-context.js';
import { BriefingExport } from '../features/ranking/BriefingExport.js';
import { CountyMap } from '../features/map/CountyMap.js';
import { PublishedCard } from '../features/ranking/PublishedCard.js';
import { PublishPanel } from '../features/ranking/PublishPanel.js';
import { PublicReleasePanel } from '../features/public/PublicReleasePanel.js';
import { RankingChart } from '../features/ranking/RankingChart.js';
import { RankingTable } from '../features/ranking/RankingTable.js';
import { partsByName, publicationMark, rankingRows, totalRows } from '../features/ranking/ranking-rows.js';
import { formatDateLong, formatMonth } from '../format.js';
import { Async } from '../ui/Async.js';
import { Badge, Card } from '../ui/Card.js';
import { DownloadButton } from '../ui/DownloadButton.js';
import { MonthSelect } from '../ui/MonthSelect.js';

export function RankingPage() {
  const { campaign, user } = useAppData();
  const [month, setMonth] = useMonth();
  const ranking = useApi<Ranking>(`/api/scores?month=${month}`);
  return (
    <div className="page">
      <div className="page-head">
        <h1>{formatMonth(month)} 考核排名</h1>
        <div className="page-tools">
          <MonthSelect months={campaign.months} value={month} onChange={setMonth} />
          {ranking.status === 'ok' ? <PublicationBadge r={ranking.data} /> : null}
          <DownloadButton path={`/api/exports/scores.csv?month=${month}`} fileName={`scores-${month}.csv`}>
            得分 CSV
          </DownloadButton>
          {isCityUser(user) ? <BriefingExport month={month} published={ranking.status === 'ok' && ranking.data.published !== null} /> : null}
        </div>
      </div>
      <Async state={ranking} what="排名" isEmpty={(r) => r.units.length === 0} emptyTitle="本月没有参与排名的单位">
        {(r) => (
          <>
            {user.role === 'city_office' ? <PublishPanel month={month} ranking={r} /> : null}
            {user.role === 'city_office' ? <PublicReleasePanel month={month} /> : null}
            {r.published ? <PublishedCard month={month} /> : null}
            <p className="page-note">
              数据截至 {formatDateLong(r.asOf)}；四项指标各 25 分，总分 = 四项之和 − 扣分（扣分上限 20 分）。点击单位查看县区详情。
            </p>
            <Card title={r.published ? '排名表（实时）' : '排名表'}>
              <RankingTable rows={rankingRows(r.units)} month={month} />
            </Card>
            <Card title="总分">
              <RankingChart rows={totalRows(r.units)} parts={partsByName(r)} month={month} />
            </Card>
            <CountyMap month={month} />
          </>
        )}
      </Async>
    </div>
  );
}

function PublicationBadge({ r }: { r: Ranking }) {
  const mark = publicationMark(r.published);
  return (
    <span data-testid="publication">
      <Badge tone={mark.tone} title={mark.detail}>
        {mark.text}
      </Badge>
      <span className="muted small"> {mark.detail}</span>
    </span>
  );
}
