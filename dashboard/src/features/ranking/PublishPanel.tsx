import { apiSend } from '../../api/client.js';
import type { Ranking } from '../../api/types.js';
import { formatDateLong, formatMonth, formatScore } from '../../format.js';
import { ActionGate } from '../../ui/form/ActionGate.js';
import { FormPanel } from '../../ui/form/FormPanel.js';
import { schemeLabel } from '../../labels.js';

/** 发布排名 (city_office): a confirmation that lists what will be frozen, sent by 确认. */
export function PublishPanel({ month, ranking }: { month: string; ranking: Ranking }) {
  return (
    <ActionGate label="发布排名" blocked={ranking.published ? '本月排名已发布，不能重复发布' : undefined} testId="publish">
      {(close) => (
        <FormPanel
          title="确认发布"
          fields={[]}
          submitLabel="确认"
          testId="publish-confirm"
          onSubmit={() => apiSend('POST', `/api/rankings/${month}/publish`)}
          onDone={close}
          onCancel={close}
          intro={
            <div className="publish-intro">
              <p>
                将冻结 <strong>{formatMonth(month)}</strong> 的排名：考核方案 <strong data-testid="publish-scheme">{schemeLabel(ranking.scheme)}</strong>，数据截至{' '}
                <strong>{formatDateLong(ranking.asOf)}</strong>（台账以发布时刻的状态为准并记录其摘要）。
              </p>
              <p className="field-problem">每月排名只能发布一次，发布后不能更改或重复发布。</p>
              <div className="table-wrap">
                <table className="table" data-testid="publish-ranking">
                  <thead>
                    <tr>
                      <th className="num">排名</th>
                      <th>单位</th>
                      <th className="num">总分</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ranking.units.map((u) => (
                      <tr key={u.unit} data-unit={u.unit}>
                        <td className="num" data-col="rank">{u.rank}</td>
                        <td data-col="name">{u.name}</td>
                        <td className="num" data-col="total">{formatScore(u.total)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          }
        />
      )}
    </ActionGate>
  );
}
