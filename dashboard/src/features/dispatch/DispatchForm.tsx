import type { DispatchRow } from '../../api/types.js';
import { DISPATCH_SECTIONS, dispatchCell } from './dispatch-sections.js';

/** one unit's dispatch table, laid out as the attachment: three sections of numbered items */
export function DispatchForm({ row }: { row: DispatchRow }) {
  return (
    <div className="dispatch-form" data-testid="dispatch-form">
      {DISPATCH_SECTIONS.map((s) => (
        <div className="table-wrap" key={s.title}>
          <table className="table dispatch-table">
            <caption>
              {s.title}
              <span className="muted small">（附件：{s.attachmentTitle}）</span>
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num narrow">序号</th>
                <th scope="col">项目</th>
                <th scope="col" className="num">数值</th>
              </tr>
            </thead>
            <tbody>
              {s.items.map((item) => (
                <tr key={item.values[0].key} data-key={item.values[0].key}>
                  <td className="num narrow">{item.no}</td>
                  <th scope="row" className="item-label">
                    {item.label}
                  </th>
                  <td className="num">{dispatchCell(row, item)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
