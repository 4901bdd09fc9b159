import { useState } from 'react';
import type { CreateSubmissionDto } from '../../../../api/src/ledger/submissions/submissions.dto.js';
import type { SubmissionView } from '../../../../api/src/ledger/submissions/submissions.service.js';
import { apiSend } from '../../api/client.js';
import type { SubmissionKind } from '../../api/types.js';
import { useUnitName } from '../../app-context.js';
import { SUBMISSION_LABEL, label } from '../../labels.js';
import { Card } from '../../ui/Card.js';
import { FormPanel, type FieldSpec } from '../../ui/form/FormPanel.js';
import { optionsOf, text } from '../../ui/form/values.js';
import { KindPicker } from './KindPicker.js';
import { RecordList } from './RecordList.js';
import { reportingUnits, type RecordScope } from './record-kinds.js';

/** the two kinds reported every month carry the month they report (所属月份) */
export const MONTHLY_KINDS: readonly string[] = ['monthly_report', 'dispatch_table'];

/** 报送: what the unit has submitted, and the form of a new submission. */
export function SubmissionsPanel({ scope, writable }: { scope: RecordScope; writable: boolean }) {
  const unitName = useUnitName();
  const [kind, setKind] = useState('');
  const [fresh, setFresh] = useState(0);
  const fields: FieldSpec[] = [
    ...(scope.ownUnit ? [] : [{ name: 'unitCode', label: '报送单位', kind: 'select' as const, options: reportingUnits(scope.units), required: true }]),
    ...(MONTHLY_KINDS.includes(kind) ? [{ name: 'period', label: '所属月份', required: true, placeholder: 'YYYY-MM' }] : []),
    { name: 'submittedOn', label: '报送日期', kind: 'date', required: true },
  ];
  return (
    <>
      {writable && (
        <section className="card form-panel kind-form" data-testid="form-submission">
          <h3 className="card-title">新增报送</h3>
          <KindPicker label="类型" value={kind} options={optionsOf(SUBMISSION_LABEL)} onChange={setKind} />
          {kind ? (
            <FormPanel
              key={fresh}
              fields={fields}
              intro={scope.ownUnit ? <p className="muted">报送单位：{unitName(scope.ownUnit)}（本单位）</p> : null}
              onSubmit={(v) => {
                const body: CreateSubmissionDto = { unitCode: scope.ownUnit ?? text(v, 'unitCode'), kind: kind as SubmissionKind, period: MONTHLY_KINDS.includes(kind) ? text(v, 'period') : undefined, submittedOn: text(v, 'submittedOn') ?? '' };
                return apiSend<SubmissionView>('POST', '/api/submissions', body);
              }}
              onDone={() => setFresh((n) => n + 1)}
            />
          ) : (
            <p className="muted">请先选择报送类型。</p>
          )}
        </section>
      )}
      <Card title="报送记录">
        <RecordList<SubmissionView>
          path="/api/submissions"
          params={{ unit: scope.unit, sort: '-submitted_on' }}
          what="报送记录"
          testId="submissions"
          rowKey={(s) => s.id}
          columns={[
            { key: 'unit', header: '报送单位', render: (s) => unitName(s.unitCode) },
            { key: 'kind', header: '类型', render: (s) => label(SUBMISSION_LABEL, s.kind as SubmissionKind) },
            { key: 'period', header: '所属月份', render: (s) => s.period ?? '–' },
            { key: 'date', header: '报送日期', render: (s) => s.submittedOn },
          ]}
        />
      </Card>
    </>
  );
}
