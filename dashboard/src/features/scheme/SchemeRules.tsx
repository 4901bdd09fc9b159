import type { Scheme } from '../../../../api/src/assessment/scheme-store.js';
import { formatDateTime } from '../../format.js';
import { Card } from '../../ui/Card.js';
import { paramOf, SCHEME_FIELDS } from './scheme-fields.js';
import { schemeLabel } from '../../labels.js';

/** The scheme as it stands: every weight and rule with its Chinese meaning (domain.md section 6). */
export function SchemeRules({ scheme }: { scheme: Scheme }) {
  return (
    <Card title={`${schemeLabel(scheme.version)} 的权重与规则`}>
      <p className="page-note">
        {scheme.basedOn ? `基于 ${scheme.basedOn}；` : ''}创建于 {formatDateTime(scheme.createdAt)}
        {scheme.note ? `；说明：${scheme.note}` : ''}。四项指标各 25 分，总分 = 四项之和 − 扣分。
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="scheme-rules">
          <thead>
            <tr>
              <th>参数</th>
              <th className="num">值</th>
              <th>含义</th>
            </tr>
          </thead>
          <tbody>
            {SCHEME_FIELDS.map((f) => (
              <tr key={f.key} data-key={f.key}>
                <td>{f.label}</td>
                <td className="num" data-col="value">{paramOf(scheme.params, f.key)}</td>
                <td className="small">{f.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
