import { useState } from 'react';
import type { AlertView } from '../../../api/src/alerts/alert-contract.js';
import { apiSend, query } from '../api/client.js';
import { useApi } from '../api/useApi.js';
import { isCityUser, useAppData } from '../app-context.js';
import { AlertFilters, type AlertFilter } from '../features/alerts/AlertFilters.js';
import { mayAcknowledge } from '../features/alerts/alert-access.js';
import { WebhookForm } from '../features/alerts/WebhookForm.js';
import { formatDate } from '../format.js';
import { ALERT_LABEL, ALERT_STATE_LABEL, ESCALATED_LABEL, label } from '../labels.js';
import { Async } from '../ui/Async.js';
import { Badge } from '../ui/Card.js';
import { DataTable } from '../ui/DataTable.js';
import { FormPanel } from '../ui/form/FormPanel.js';
import { text } from '../ui/form/values.js';

const stateTone = (s: AlertView['state']) => (s === 'open' ? 'red' : s === 'acknowledged' ? 'amber' : 'green');

/** 预警: every alert the user may read, filtered by unit, kind and state, with 确认 for those who may. */
export function AlertsPage() {
  const { user, units } = useAppData();
  const city = isCityUser(user);
  const [f, setF] = useState<AlertFilter>({ unit: city ? '' : (user.unitCode ?? ''), kind: '', state: 'open' });
  const [acking, setAcking] = useState<number | null>(null);
  const alerts = useApi<AlertView[]>(`/api/alerts${query({ unit: f.unit || undefined, kind: f.kind || undefined, state: f.state || undefined })}`);
  const unitName = (code: string) => units.find((u) => u.code === code)?.name ?? code;
  return (
    <div className="page">
      <div className="page-head">
        <h1>预警</h1>
        <WebhookForm />
      </div>
      <p className="page-note">截止后超过宽限期仍未确认的预警，升级至市领导小组办公室，再升级至领导小组组长；职责履行后自动办结。</p>
      <AlertFilters f={f} units={units.filter((u) => u.level !== 'province')} unitFixed={!city} onChange={setF} />
      <Async state={alerts} what="预警">
        {(list) => (
          <>
            {acking !== null && (
              <FormPanel
                title="确认预警"
                testId="form-acknowledge"
                submitLabel="确认"
                intro={<p className="muted">{list.find((a) => a.id === acking)?.message}</p>}
                fields={[{ name: 'note', label: '确认说明', kind: 'textarea', required: true, placeholder: '已采取或将采取的措施' }]}
                onSubmit={(v) => apiSend<AlertView>('POST', `/api/alerts/${acking}/acknowledge`, { note: text(v, 'note') })}
                onDone={() => setAcking(null)}
                onCancel={() => setAcking(null)}
              />
            )}
            <DataTable
              testId="alerts"
              empty="暂无预警"
              rows={list}
              rowKey={(a) => String(a.id)}
              columns={[
                { key: 'dueOn', header: '截止日期', render: (a) => formatDate(a.dueOn) },
                { key: 'unit', header: '单位', render: (a) => unitName(a.unitCode) },
                { key: 'kind', header: '类型', render: (a) => label(ALERT_LABEL, a.kind) },
                { wrap: true, key: 'message', header: '内容', render: (a) => a.message },
                { key: 'state', header: '状态', render: (a) => <Badge tone={stateTone(a.state)}>{label(ALERT_STATE_LABEL, a.state)}</Badge> },
                { key: 'escalated', header: '升级', render: (a) => (a.escalatedTo ? `${ESCALATED_LABEL[a.escalatedTo]}（${formatDate(a.escalatedOn!)}）` : '–') },
                { wrap: true, key: 'ack', header: '确认', render: (a) => (a.acknowledgedBy ? `${a.acknowledgedBy}：${a.note ?? ''}` : a.resolvedOn ? `${formatDate(a.resolvedOn)} 办结` : '–') },
                {
                  key: 'action', header: '', render: (a) => mayAcknowledge(user, a)
                    ? <button type="button" className="btn" data-testid={`ack-${a.id}`} onClick={() => setAcking(a.id)}>确认</button>
                    : null,
                },
              ]}
            />
          </>
        )}
      </Async>
    </div>
  );
}
