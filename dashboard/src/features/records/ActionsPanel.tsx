import { useState } from 'react';
import type { ACTION_KINDS } from '../../../../api/src/bundle/bundle-files.js';
import type { CreateActionDto } from '../../../../api/src/ledger/actions/actions.dto.js';
import type { ActionView } from '../../../../api/src/ledger/actions/actions.service.js';
import { apiSend } from '../../api/client.js';
import { useUnitName } from '../../app-context.js';
import { formatScore } from '../../format.js';
import { ACTION_KIND_LABEL, label } from '../../labels.js';
import { Card } from '../../ui/Card.js';
import { FormPanel, type FieldSpec } from '../../ui/form/FormPanel.js';
import { bool, num, optionsOf, text, type FormValues } from '../../ui/form/values.js';
import { KindPicker } from './KindPicker.js';
import { RecordList } from './RecordList.js';
import { reportingUnits, type RecordScope } from './record-kinds.js';

type ActionKind = (typeof ACTION_KINDS)[number];

// What each kind needs (the API checks the same, actions.service.ts): an enterprise for the actions on
// one, a target unit for 帮扶指导/约谈 of a unit, an amount for a penalty, persons where the dispatch
// table counts people (C5, C9), the 危险作业罪 mark on a typical case.
const ON_ENTERPRISE: readonly string[] = ['assistance_enterprise', 'penalty', 'dual_penalty', 'suspension', 'closure', 'exposure', 'interview', 'joint_punishment', 'typical_case'];
const ON_UNIT: readonly string[] = ['assistance_unit', 'interview_unit'];
const COUNTS_PERSONS: readonly string[] = ['judicial_transfer', 'accountability'];

function fieldsOf(kind: string, s: RecordScope): FieldSpec[] {
  const f: FieldSpec[] = [{ name: 'actionId', label: '执法编号', hint: '不填则自动生成' }];
  if (!s.ownUnit) f.push({ name: 'unitCode', label: '执法单位', kind: 'select', options: reportingUnits(s.units), required: true });
  f.push({ name: 'actedOn', label: '执法日期', kind: 'date', required: true });
  if (ON_UNIT.includes(kind)) f.push({ name: 'targetUnitCode', label: '对象单位', kind: 'select', options: reportingUnits(s.units), required: true });
  else {
    f.push({ name: 'enterpriseCreditCode', label: '企业 (统一社会信用代码)', required: ON_ENTERPRISE.includes(kind) });
    f.push({ name: 'hazardLedgerNo', label: '台账编号', hint: '针对的隐患（可不填）' });
  }
  if (kind === 'penalty' || kind === 'dual_penalty') f.push({ name: 'amountWan', label: '罚款（万元）', kind: 'number', required: kind === 'penalty' });
  if (COUNTS_PERSONS.includes(kind)) f.push({ name: 'persons', label: '人数', kind: 'number', required: true });
  if (kind === 'typical_case') f.push({ name: 'crime', label: '危险作业罪', kind: 'checkbox' });
  return f;
}

function bodyOf(kind: string, s: RecordScope, v: FormValues): CreateActionDto {
  return {
    actionId: text(v, 'actionId'),
    unitCode: s.ownUnit ?? text(v, 'unitCode'),
    kind,
    actedOn: text(v, 'actedOn') ?? '',
    enterpriseCreditCode: text(v, 'enterpriseCreditCode'),
    hazardLedgerNo: text(v, 'hazardLedgerNo'),
    targetUnitCode: text(v, 'targetUnitCode'),
    amountWan: num(v, 'amountWan'),
    persons: num(v, 'persons'),
    crime: kind === 'typical_case' ? bool(v, 'crime') : undefined,
  };
}

/** 执法: the unit's enforcement actions and the form of a new one, its fields shaped by the kind. */
export function ActionsPanel({ scope, writable }: { scope: RecordScope; writable: boolean }) {
  const unitName = useUnitName();
  const [kind, setKind] = useState('');
  const [fresh, setFresh] = useState(0);
  return (
    <>
      {writable && (
        <section className="card form-panel kind-form" data-testid="form-action">
          <h3 className="card-title">新增执法</h3>
          <KindPicker label="执法类型" value={kind} options={optionsOf(ACTION_KIND_LABEL)} onChange={setKind} />
          {kind ? (
            <FormPanel
              key={fresh}
              fields={fieldsOf(kind, scope)}
              intro={scope.ownUnit ? <p className="muted">执法单位：{unitName(scope.ownUnit)}（本单位）</p> : null}
              onSubmit={(v) => apiSend<ActionView>('POST', '/api/actions', bodyOf(kind, scope, v))}
              onDone={() => setFresh((n) => n + 1)}
            />
          ) : (
            <p className="muted">请先选择执法类型，再填写该类型需要的内容。</p>
          )}
        </section>
      )}
      <Card title="执法记录">
        <RecordList<ActionView>
          path="/api/actions"
          params={{ unit: scope.unit, sort: '-acted_on' }}
          what="执法记录"
          testId="actions"
          rowKey={(a) => a.actionId}
          columns={[
            { key: 'id', header: '执法编号', render: (a) => a.actionId },
            { key: 'unit', header: '执法单位', render: (a) => unitName(a.unitCode) },
            { key: 'kind', header: '类型', render: (a) => label(ACTION_KIND_LABEL, a.kind as ActionKind) },
            { key: 'date', header: '执法日期', render: (a) => a.actedOn },
            { key: 'target', header: '对象', render: (a) => a.enterpriseCreditCode ?? (a.targetUnitCode ? unitName(a.targetUnitCode) : '–') },
            { key: 'hazard', header: '台账编号', render: (a) => a.hazardLedgerNo ?? '–' },
            { key: 'persons', header: '人数', num: true, render: (a) => a.persons },
            { key: 'amount', header: '罚款（万元）', num: true, render: (a) => formatScore(a.amountWan) },
            { key: 'crime', header: '危险作业罪', render: (a) => (a.crime ? '是' : '–') },
          ]}
        />
      </Card>
    </>
  );
}
