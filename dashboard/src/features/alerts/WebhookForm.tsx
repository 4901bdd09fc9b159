import { apiSend } from '../../api/client.js';
import { countyUnits, useAppData } from '../../app-context.js';
import { ActionGate } from '../../ui/form/ActionGate.js';
import { FormPanel } from '../../ui/form/FormPanel.js';
import { text } from '../../ui/form/values.js';

/** Who sets a unit's alert webhook, as PUT /api/alerts/webhooks/:unit decides: the city office any unit, a county branch its own. */
export function mayManageWebhook(user: { role: string; unitCode: string | null }): boolean {
  return user.role === 'city_office' || (user.role === 'county_branch' && user.unitCode !== null);
}

/**
 * 预警推送: the address of the unit office's own IM bot that receives each day's new alerts. The address
 * is not shown back (it may carry the bot's token): the form sets or, left empty, removes it.
 */
export function WebhookForm() {
  const { user, units } = useAppData();
  if (!mayManageWebhook(user)) return null;
  const city = user.role === 'city_office';
  return (
    <ActionGate label="预警推送地址" testId="webhook">
      {(close) => (
        <FormPanel
          title="设置预警推送地址（Webhook）"
          testId="form-webhook"
          intro={<p className="muted">每天的新预警以 JSON 推送到该地址（失败自动重试）；留空则取消推送。</p>}
          fields={[
            ...(city ? [{ name: 'unit', label: '单位', kind: 'select' as const, required: true, options: countyUnits(units).map((u) => ({ value: u.code, label: u.name })) }] : []),
            { name: 'url', label: '推送地址', placeholder: 'https://…' },
          ]}
          submitLabel="保存"
          onSubmit={(v) => {
            const unit = city ? text(v, 'unit') ?? '' : user.unitCode!;
            return apiSend('PUT', `/api/alerts/webhooks/${encodeURIComponent(unit)}`, { url: text(v, 'url') ?? null });
          }}
          onDone={close}
          onCancel={close}
        />
      )}
    </ActionGate>
  );
}
