import type { Page } from '../../../../api/src/ledger/common/page.dto.js';
import type { CreateSubmissionDto } from '../../../../api/src/ledger/submissions/submissions.dto.js';
import type { SubmissionView } from '../../../../api/src/ledger/submissions/submissions.service.js';
import { apiSend } from '../../api/client.js';
import { useApi } from '../../api/useApi.js';
import { useAppData } from '../../app-context.js';
import { formatMonth } from '../../format.js';
import { monthOf, todayCst } from '../../months.js';
import { Card } from '../../ui/Card.js';
import { ActionGate } from '../../ui/form/ActionGate.js';
import { FormPanel } from '../../ui/form/FormPanel.js';
import { text } from '../../ui/form/values.js';

/** 本月报送: the unit's monthly report (月度进展情况) of the current month, sent from its page if not yet sent. */
export function MonthlyReportCard({ unit }: { unit: string }) {
  const { user } = useAppData();
  const may = user.role === 'city_office' || (user.role === 'county_branch' && user.unitCode === unit);
  const today = todayCst();
  const period = monthOf(today);
  const sent = useApi<Page<SubmissionView>>(may ? `/api/submissions?unit=${encodeURIComponent(unit)}&kind=monthly_report&period=${period}` : null);
  if (!may || sent.status !== 'ok') return null;
  const done = sent.data.items[0];
  return (
    <Card title={`本月报送 · ${formatMonth(period)}月度进展情况`}>
      {done ? (
        <p data-testid="monthly-report-done">已于 {done.submittedOn} 报送。</p>
      ) : (
        <ActionGate label="报送" testId="monthly-report">
          {(close) => (
            <FormPanel
              testId="form-monthly-report"
              fields={[{ name: 'submittedOn', label: '报送日期', kind: 'date', required: true }]}
              initial={{ submittedOn: today }}
              intro={<p className="muted">类型：月度进展情况（每月29日前）；所属月份：{period}</p>}
              onSubmit={(v) => {
                const body: CreateSubmissionDto = { unitCode: unit, kind: 'monthly_report', period, submittedOn: text(v, 'submittedOn') ?? '' };
                return apiSend<SubmissionView>('POST', '/api/submissions', body);
              }}
              onDone={close}
              onCancel={close}
            />
          )}
        </ActionGate>
      )}
    </Card>
  );
}
