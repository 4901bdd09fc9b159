import type { LookBack, TraceMissed, TraceOverdue } from '../../api/types.js';
import { useUnitName } from '../../app-context.js';
import { formatDate } from '../../format.js';
import { Link } from '../../router.js';
import { DataTable } from '../../ui/DataTable.js';

const hazardLinks = (no: string) => (
  <>
    <Link to={`/ledger/${encodeURIComponent(no)}`}>{no}</Link>{' '}
    <Link to={`/trace/${encodeURIComponent(no)}`} className="small" aria-label={`${no} 一案三查`}>
      一案三查
    </Link>
  </>
);

/** 该发现而未发现: the city's finding, and the county's clean-signed inspections before it */
export function MissedTable({ rows }: { rows: TraceMissed[] }) {
  const unitName = useUnitName();
  return (
    <DataTable
      testId="trace-missed"
      empty="本月无该发现而未发现的隐患"
      rows={rows}
      rowKey={(r) => r.hazard}
      columns={[
        { key: 'hazard', header: '台账编号', render: (r) => hazardLinks(r.hazard) },
        { key: 'unit', header: '未发现的单位', render: (r) => unitName(r.unit) },
        { key: 'foundOn', header: '市级发现日期', render: (r) => formatDate(r.foundOn) },
        {
          wrap: true, key: 'inspections',
          header: '签字“无重大隐患”的检查',
          render: (r) => (
            <ul className="plain-list">
              {r.inspections.map((i) => (
                <li key={i.id}>
                  {formatDate(i.inspectedOn)} · 签字人：<strong>{i.signers.join('、')}</strong> <span className="muted">（{i.id}）</span>
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}

/** 该盯住整改而整改不到位: overdue hazards with their tracker and responsible person */
export function OverdueTable({ rows }: { rows: TraceOverdue[] }) {
  const unitName = useUnitName();
  return (
    <DataTable
      testId="trace-overdue"
      empty="本月无逾期未整改隐患"
      rows={rows}
      rowKey={(r) => r.hazard}
      columns={[
        { key: 'hazard', header: '台账编号', render: (r) => hazardLinks(r.hazard) },
        { key: 'unit', header: '单位', render: (r) => unitName(r.unit) },
        { key: 'deadline', header: '整改期限', render: (r) => formatDate(r.deadline) },
        { key: 'tracker', header: '跟踪督办责任人', render: (r) => r.tracker ?? <span className="warn">未确定</span> },
        { key: 'responsiblePerson', header: '整改责任人', render: (r) => r.responsiblePerson ?? '–' },
      ]}
    />
  );
}

/** 回头看: closed hazards found again at the same enterprise and category */
export function LookBackTable({ rows }: { rows: LookBack[] }) {
  const unitName = useUnitName();
  return (
    <DataTable
      testId="trace-lookback"
      empty="回头看未发现反弹的隐患"
      rows={rows}
      rowKey={(r) => `${r.hazard}-${r.refound.hazard}`}
      columns={[
        { key: 'hazard', header: '已销号隐患', render: (r) => hazardLinks(r.hazard) },
        { key: 'closedOn', header: '销号日期', render: (r) => formatDate(r.closedOn) },
        { key: 'refound', header: '再次发现为', render: (r) => <Link to={`/ledger/${encodeURIComponent(r.refound.hazard)}`}>{r.refound.hazard}</Link> },
        { key: 'refoundOn', header: '再次发现日期', render: (r) => formatDate(r.refound.foundOn) },
        { key: 'refoundUnit', header: '再次发现单位', render: (r) => unitName(r.refound.unit) },
        { key: 'enterprise', header: '企业', render: (r) => <span title={r.enterprise}>{r.enterpriseName}</span> },
        { key: 'category', header: '类别', render: (r) => r.category },
      ]}
    />
  );
}
