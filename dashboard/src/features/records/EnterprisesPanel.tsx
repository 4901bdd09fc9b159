import { useState } from 'react';
import type { CreateEnterpriseDto, UpdateEnterpriseDto } from '../../../../api/src/ledger/enterprises/enterprises.dto.js';
import type { EnterpriseView } from '../../../../api/src/ledger/enterprises/enterprises.service.js';
import { apiSend } from '../../api/client.js';
import { useUnitName } from '../../app-context.js';
import { INDUSTRY_LABEL, RISK_LEVEL_LABEL, label } from '../../labels.js';
import { Card } from '../../ui/Card.js';
import { FormPanel, type FieldSpec } from '../../ui/form/FormPanel.js';
import { bool, optionsOf, text, type FormValues } from '../../ui/form/values.js';
import { RecordList } from './RecordList.js';
import { jurisdictions, type RecordScope } from './record-kinds.js';

type Industry = keyof typeof INDUSTRY_LABEL;
type Risk = CreateEnterpriseDto['riskLevel'];

function fieldsFor(s: RecordScope, withCode: boolean): FieldSpec[] {
  return [
    ...(withCode ? [{ name: 'creditCode', label: '统一社会信用代码', required: true, hint: '18位，GB 32100-2015 校验' }] : []),
    { name: 'name', label: '企业名称', required: true },
    // a county branch keeps the enterprises of its own jurisdiction
    ...(s.ownUnit ? [] : [{ name: 'unitCode', label: '属地单位', kind: 'select' as const, options: jurisdictions(s.units), required: true }]),
    { name: 'industry', label: '行业', kind: 'select', options: optionsOf(INDUSTRY_LABEL), required: true },
    { name: 'riskLevel', label: '环境风险等级', kind: 'select', options: optionsOf(RISK_LEVEL_LABEL), required: true },
    { name: 'highRisk', label: '高危行业', kind: 'checkbox' },
    { name: 'parentCreditCode', label: '主体企业（统一社会信用代码）' },
    { name: 'mainLeader', label: '主要负责人' },
  ];
}

function bodyOf(s: RecordScope, v: FormValues): UpdateEnterpriseDto {
  return {
    name: text(v, 'name'),
    unitCode: s.ownUnit ?? text(v, 'unitCode'),
    industry: text(v, 'industry') as Industry,
    riskLevel: text(v, 'riskLevel') as Risk,
    highRisk: bool(v, 'highRisk'),
    parentCreditCode: text(v, 'parentCreditCode'),
    mainLeader: text(v, 'mainLeader'),
  };
}

/** 企业: the list of the unit's enterprises, a form to add one and one to correct one (PATCH). */
export function EnterprisesPanel({ scope, writable }: { scope: RecordScope; writable: boolean }) {
  const unitName = useUnitName();
  const [fresh, setFresh] = useState(0);
  const [editing, setEditing] = useState<EnterpriseView | null>(null);
  const [q, setQ] = useState('');
  return (
    <>
      {writable && (
        <FormPanel
          key={fresh}
          title="新增企业"
          testId="form-enterprise"
          fields={fieldsFor(scope, true)}
          onSubmit={(v) => apiSend<EnterpriseView>('POST', '/api/enterprises', { creditCode: text(v, 'creditCode'), ...bodyOf(scope, v) } as CreateEnterpriseDto)}
          onDone={() => setFresh((n) => n + 1)}
        />
      )}
      {writable && editing && (
        <FormPanel
          key={editing.creditCode}
          title={`修改企业 ${editing.name}（${editing.creditCode}）`}
          testId="form-enterprise-edit"
          submitLabel="保存"
          fields={fieldsFor(scope, false)}
          initial={{ name: editing.name, unitCode: editing.unitCode, industry: editing.industry, riskLevel: editing.riskLevel, highRisk: editing.highRisk, parentCreditCode: editing.parentCreditCode ?? '', mainLeader: editing.mainLeader ?? '' }}
          onSubmit={(v) => apiSend<EnterpriseView>('PATCH', `/api/enterprises/${encodeURIComponent(editing.creditCode)}`, bodyOf(scope, v))}
          onDone={() => setEditing(null)}
          onCancel={() => setEditing(null)}
        />
      )}
      <Card title="企业名录" actions={<label className="field">企业名称 <input value={q} onChange={(e) => setQ(e.target.value)} placeholder="名称的一部分" /></label>}>
        <RecordList<EnterpriseView>
          path="/api/enterprises"
          params={{ unit: scope.unit, q, sort: 'name' }}
          what="企业"
          testId="enterprises"
          rowKey={(e) => e.creditCode}
          columns={[
            { key: 'creditCode', header: '统一社会信用代码', render: (e) => e.creditCode },
            { key: 'name', header: '企业名称', render: (e) => e.name },
            { key: 'unit', header: '属地单位', render: (e) => unitName(e.unitCode) },
            { key: 'industry', header: '行业', render: (e) => label(INDUSTRY_LABEL, e.industry as Industry) },
            { key: 'risk', header: '环境风险等级', render: (e) => label(RISK_LEVEL_LABEL, e.riskLevel as Risk) },
            { key: 'highRisk', header: '高危行业', render: (e) => (e.highRisk ? '是' : '否') },
            { key: 'mainLeader', header: '主要负责人', render: (e) => e.mainLeader ?? '–' },
            ...(writable ? [{ key: 'edit', header: '操作', render: (e: EnterpriseView) => <button type="button" className="btn" onClick={() => setEditing(e)}>修改</button> }] : []),
          ]}
        />
      </Card>
    </>
  );
}
