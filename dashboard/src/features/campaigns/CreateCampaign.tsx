import { apiSend } from '../../api/client.js';
import type { Campaign } from '../../api/types.js';
import { ActionGate } from '../../ui/form/ActionGate.js';
import { FormPanel, type FieldSpec } from '../../ui/form/FormPanel.js';
import { text } from '../../ui/form/values.js';

// 新建行动 (city_office): POST /api/campaigns, checked by the server as a bundle's campaigns.csv is.

const FIELDS: readonly FieldSpec[] = [
  { name: 'code', label: '行动代码', required: true, placeholder: 'jincheng-2025', hint: '唯一，不含空格' },
  { name: 'name', label: '行动名称', required: true, placeholder: '危险废物领域重大事故隐患专项排查整治2025行动' },
  { name: 'startOn', label: '开始日期', kind: 'date', required: true },
  { name: 'endOn', label: '结束日期', kind: 'date', required: true },
  { name: 'firstMonth', label: '首个考核月份', required: true, placeholder: 'YYYY-MM' },
  { name: 'lastMonth', label: '最后考核月份', required: true, placeholder: 'YYYY-MM' },
  { name: 'stageReportDue', label: '阶段性情况报送截止日', kind: 'date', hint: '不报送可留空' },
  { name: 'summaryDue', label: '工作总结报送截止日', kind: 'date', hint: '不报送可留空' },
];

/**
 * The form behind a 新建行动 button. The app loads the campaigns once per sign-in, so once created the
 * page is opened afresh on the new campaign: the switcher lists it and its phases can be set at once.
 */
export function CreateCampaign() {
  return (
    <ActionGate label="新建行动" testId="campaign-create">
      {(close) => (
        <FormPanel<Campaign>
          title="新建行动"
          fields={FIELDS}
          submitLabel="确定"
          testId="campaign-create-form"
          onSubmit={(v) => apiSend<Campaign>('POST', '/api/campaigns', {
            code: text(v, 'code'), name: text(v, 'name'), startOn: text(v, 'startOn'), endOn: text(v, 'endOn'),
            firstMonth: text(v, 'firstMonth'), lastMonth: text(v, 'lastMonth'),
            stageReportDue: text(v, 'stageReportDue') ?? null, summaryDue: text(v, 'summaryDue') ?? null,
          })}
          onDone={(c) => window.location.assign(`/scheme?campaign=${encodeURIComponent(c.code)}`)}
          onCancel={close}
        />
      )}
    </ActionGate>
  );
}
