import type { DispatchRow } from '../../api/types.js';
import { DISPATCH_SECTIONS, formatDispatchValue } from './dispatch-sections.js';

/** every table side by side: items down, units across (the city's own and 全市 last) */
export function DispatchMatrix({ rows }: { rows: DispatchRow[] }) {
  return (
    <div className="table-wrap">
      <table className="table dispatch-matrix" data-testid="dispatch-matrix">
        <caption className="sr-only">各单位调度表汇总</caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            {rows.map((r) => (
              <th scope="col" key={r.unit} className={`num${r.unit === 'ALL' ? ' city-wide' : ''}`}>
                {r.name}
                {r.unit === 'ALL' ? <small className="block muted">本行业领域</small> : r.level === 'city' || r.level === 'province' ? <small className="block muted">本单位</small> : null}
              </th>
            ))}
          </tr>
        </thead>
        {DISPATCH_SECTIONS.map((s) => (
          <tbody key={s.title}>
            <tr className="section-row">
              <th scope="rowgroup" colSpan={rows.length + 1}>
                {s.title}
              </th>
            </tr>
            {s.items.flatMap((item) =>
              item.values.map((v) => (
                <tr key={v.key}>
                  <th scope="row" className="item-label" title={item.label}>
                    {item.no}. {item.values.length > 1 ? `${item.label.replace(/（.*$/, '')}（${v.label ?? v.unit}）` : item.label}
                  </th>
                  {rows.map((r) => (
                    <td key={r.unit} className={`num${r.unit === 'ALL' ? ' city-wide' : ''}`}>
                      {formatDispatchValue(r, v)}
                    </td>
                  ))}
                </tr>
              )),
            )}
          </tbody>
        ))}
      </table>
    </div>
  );
}
