import type { EnforcedHazard, TypicalCase } from '../../api/types.js';
import { formatCount, formatDate } from '../../format.js';
import { Link } from '../../router.js';
import { Badge } from '../../ui/Card.js';
import { DataTable } from '../../ui/DataTable.js';

/** I3: the enforcement hazards (penalised? rectified?) and the typical cases, when the server lists them */
export function EnforcementRecords({ enforced, cases }: { enforced?: EnforcedHazard[]; cases?: TypicalCase[] }) {
  if (!enforced && !cases) return <p className="muted">执法发现的隐患见台账（来源：部门执法检查）。</p>;
  return (
    <div className="two-col">
      <div>
        <h4>执法检查发现的隐患（{formatCount(enforced?.length ?? 0)} 项）</h4>
        <DataTable
          testId="enforced-hazards"
          empty="本单位执法检查未发现重大事故隐患（I3 结果分为 0）"
          rows={enforced ?? []}
          rowKey={(r) => r.ledgerNo}
          columns={[
            { key: 'ledgerNo', header: '台账编号', render: (r) => <Link to={`/ledger/${encodeURIComponent(r.ledgerNo)}`}>{r.ledgerNo}</Link> },
            { key: 'foundOn', header: '发现日期', render: (r) => formatDate(r.foundOn) },
            { key: 'penalised', header: '行政处罚', render: (r) => (r.penalised ? <Badge tone="green">已处罚</Badge> : <Badge tone="amber">未处罚</Badge>) },
            { key: 'rectified', header: '整改', render: (r) => (r.rectified ? <Badge tone="green">已整改</Badge> : <Badge tone="amber">未整改</Badge>) },
          ]}
        />
      </div>
      <div>
        <h4>公布典型执法案例（{formatCount(cases?.length ?? 0)} 个）</h4>
        <DataTable
          testId="typical-cases"
          empty="无"
          rows={cases ?? []}
          rowKey={(r) => r.actionId}
          columns={[
            { key: 'actedOn', header: '日期', render: (r) => formatDate(r.actedOn) },
            { key: 'enterprise', header: '企业', render: (r) => (r.enterprise ? <span title={r.enterprise}>{r.enterpriseName ?? r.enterprise}</span> : '–') },
            { key: 'crime', header: '危险作业罪', render: (r) => (r.crime ? '是' : '否') },
          ]}
        />
      </div>
    </div>
  );
}
