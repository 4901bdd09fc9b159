import { mayReadUnit, useAppData } from '../../app-context.js';
import { formatScore } from '../../format.js';
import { INDICATOR_LABEL, INDICATORS } from '../../labels.js';
import { Link } from '../../router.js';
import type { RankingRow } from './ranking-rows.js';

/** 排名 table: rank, movement, unit, total, I1…I4 with their names, deduction */
export function RankingTable({ rows, month }: { rows: RankingRow[]; month: string }) {
  const { user } = useAppData();
  return (
    <div className="table-wrap">
      <table className="table ranking-table" data-testid="ranking-table">
        <caption className="sr-only">各县区考核得分与排名</caption>
        <thead>
          <tr>
            <th scope="col" className="num">排名</th>
            <th scope="col" className="center">变化</th>
            <th scope="col">单位</th>
            <th scope="col" className="num">总分</th>
            {INDICATORS.map((k) => (
              <th scope="col" key={k} className="num indicator-head">
                <span className="indicator-key">{k}</span>
                <span className="indicator-name">{INDICATOR_LABEL[k]}</span>
              </th>
            ))}
            <th scope="col" className="num">扣分</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.unit} data-testid="ranking-row" data-unit={r.unit}>
              <td className="num rank" data-col="rank">
                {r.rank}
              </td>
              <td className={`center movement movement-${r.movement.direction}`} data-col="movement" title={`${r.movement.label}；总分变化 ${r.totalChange}`}>
                <span aria-hidden="true">{r.movement.text}</span>
                <span className="sr-only">{r.movement.label}</span>
              </td>
              <td data-col="name">
                {mayReadUnit(user, r.unit) ? <Link to={`/county/${encodeURIComponent(r.unit)}?month=${month}`}>{r.name}</Link> : r.name}
              </td>
              <td className="num total" data-col="total">
                {formatScore(r.total)}
              </td>
              {INDICATORS.map((k) => (
                <td key={k} className="num" data-col={k}>
                  {formatScore(r[k])}
                </td>
              ))}
              <td className={`num${r.D > 0 ? ' deduction' : ''}`} data-col="D">
                {r.D > 0 ? `−${formatScore(r.D)}` : formatScore(0)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
