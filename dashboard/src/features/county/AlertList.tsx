import type { Alert } from '../../api/types.js';
import { formatDate } from '../../format.js';
import { ALERT_LABEL, label } from '../../labels.js';
import { Badge } from '../../ui/Card.js';
import { DataTable } from '../../ui/DataTable.js';

const tone = (kind: string) => (kind === 'hazard_overdue' || kind === 'feedback_missing' ? 'red' : kind === 'draft_ranking' ? 'blue' : 'amber');

export function AlertList({ alerts, unitName }: { alerts: Alert[]; unitName?: (code: string) => string }) {
  return (
    <DataTable
      testId="alerts"
      empty="暂无预警"
      rows={alerts}
      rowKey={(a) => String(a.id)}
      columns={[
        { key: 'dueOn', header: '日期', render: (a) => formatDate(a.dueOn) },
        ...(unitName ? [{ key: 'unit', header: '单位', render: (a: Alert) => unitName(a.unitCode) }] : []),
        { key: 'kind', header: '类型', render: (a) => <Badge tone={tone(a.kind)}>{label(ALERT_LABEL, a.kind)}</Badge> },
        { wrap: true, key: 'message', header: '内容', render: (a) => a.message },
      ]}
    />
  );
}
