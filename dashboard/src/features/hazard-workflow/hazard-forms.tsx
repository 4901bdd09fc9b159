import { apiSend } from '../../api/client.js';
import type { HazardDetail } from '../../api/types.js';
import { useApi } from '../../api/useApi.js';
import { countyUnits, useAppData } from '../../app-context.js';
import type { EnterpriseView } from '../../../../api/src/ledger/enterprises/enterprises.service.js';
import type { AssignHazardDto, CloseHazardDto, ConfirmHazardDto, FeedbackHazardDto, ListHazardDto, PlanHazardDto, RectifyHazardDto } from '../../../../api/src/ledger/hazards/hazard-lifecycle.dto.js';
import { todayCst } from '../../months.js';
import { Async } from '../../ui/Async.js';
import { FormPanel, type FieldSpec } from '../../ui/form/FormPanel.js';
import { num, text, type FormValues } from '../../ui/form/values.js';
import type { HazardAction } from './transitions.js';

// The forms behind the hazard page's workflow buttons: each field named as the API's body field (so a 400
// lands beside it) and labelled with the domain's Chinese term; dates typed YYYY-MM-DD, today by default.

export interface StepFormProps {
  hazard: HazardDetail;
  onDone: () => void;
}

const signer: FieldSpec = { name: 'signedBy', label: '签字人', required: true, hint: '谁签名、谁负责' };
const dateField = (name: string, label: string): FieldSpec => ({ name, label, kind: 'date', hint: '默认今天' });

/** 整改方案's five fields; `required` for the plan, optional on the 整改 form */
const planFields = (required: boolean): FieldSpec[] => [
  { name: 'responsiblePerson', label: '责任人', required },
  { name: 'measures', label: '措施', kind: 'textarea', required },
  { name: 'fundsWan', label: '资金（万元）', kind: 'number', required },
  { name: 'deadline', label: '期限', kind: 'date', required },
  { name: 'contingencyPlan', label: '应急预案', kind: 'textarea', required },
];

const planBody = (v: FormValues) => ({
  responsiblePerson: text(v, 'responsiblePerson'),
  measures: text(v, 'measures'),
  fundsWan: num(v, 'fundsWan'),
  deadline: text(v, 'deadline'),
  contingencyPlan: text(v, 'contingencyPlan'),
});

const send = (h: HazardDetail, step: string, body: object) => apiSend<HazardDetail>('POST', `/api/hazards/${encodeURIComponent(h.ledgerNo)}/${step}`, body);

function ConfirmEnterpriseForm({ hazard, onDone }: StepFormProps) {
  // the first level of 两级确认 is signed by the enterprise's main leader: offered as typed already
  const enterprise = useApi<EnterpriseView>(`/api/enterprises/${encodeURIComponent(hazard.enterpriseCreditCode)}`);
  return (
    <Async state={enterprise} what="企业">
      {(e) => (
        <FormPanel
          title="企业确认"
          testId="form-confirm-enterprise"
          intro={<p className="muted">由企业主要负责人{e.mainLeader ? `（${e.mainLeader}）` : ''}签字确认。</p>}
          fields={[{ ...signer, hint: '企业主要负责人' }, dateField('on', '确认日期')]}
          initial={{ signedBy: e.mainLeader ?? '', on: todayCst() }}
          onSubmit={(v) => send(hazard, 'confirm', { step: 'enterprise', signedBy: text(v, 'signedBy')!, on: text(v, 'on') } satisfies ConfirmHazardDto)}
          onDone={onDone}
          onCancel={onDone}
        />
      )}
    </Async>
  );
}

function ConfirmUnitForm({ hazard, onDone }: StepFormProps) {
  return (
    <FormPanel
      title="单位确认"
      testId="form-confirm-unit"
      fields={[signer, dateField('on', '确认日期')]}
      initial={{ on: todayCst() }}
      onSubmit={(v) => send(hazard, 'confirm', { step: 'unit', signedBy: text(v, 'signedBy')!, on: text(v, 'on') } satisfies ConfirmHazardDto)}
      onDone={onDone}
      onCancel={onDone}
    />
  );
}

const LEVEL_OPTIONS = [
  { value: 'county', label: '县级' },
  { value: 'city', label: '市级' },
  { value: 'government', label: '政府' },
] as const;

function ListForm({ hazard, onDone }: StepFormProps) {
  return (
    <FormPanel
      title="挂牌督办"
      testId="form-list"
      fields={[{ name: 'level', label: '督办级别', kind: 'select', options: LEVEL_OPTIONS, required: true }, { name: 'tracker', label: '跟踪督办责任人', required: true }, signer, dateField('listedOn', '挂牌日期')]}
      initial={{ listedOn: todayCst() }}
      onSubmit={(v) =>
        send(hazard, 'list', { level: text(v, 'level') as ListHazardDto['level'], tracker: text(v, 'tracker')!, signedBy: text(v, 'signedBy')!, listedOn: text(v, 'listedOn') } satisfies ListHazardDto)
      }
      onDone={onDone}
      onCancel={onDone}
    />
  );
}

function AssignForm({ hazard, onDone }: StepFormProps) {
  const { units } = useAppData();
  const options = countyUnits(units).map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }));
  return (
    <FormPanel
      title="交办"
      testId="form-assign"
      fields={[{ name: 'unitCode', label: '交办单位', kind: 'select', options, required: true }, signer, dateField('assignedOn', '交办日期')]}
      initial={{ assignedOn: todayCst() }}
      onSubmit={(v) => send(hazard, 'assign', { unitCode: text(v, 'unitCode')!, signedBy: text(v, 'signedBy')!, assignedOn: text(v, 'assignedOn') } satisfies AssignHazardDto)}
      onDone={onDone}
      onCancel={onDone}
    />
  );
}

function FeedbackForm({ hazard, onDone }: StepFormProps) {
  return (
    <FormPanel
      title="反馈"
      testId="form-feedback"
      intro={<p className="muted">交办隐患每周五以正式文件反馈整改进展。</p>}
      fields={[{ name: 'documentNo', label: '文号', required: true, hint: '正式文件文号' }, { name: 'progress', label: '进展', kind: 'textarea' }, signer, dateField('feedbackOn', '反馈日期')]}
      initial={{ feedbackOn: todayCst() }}
      onSubmit={(v) =>
        send(hazard, 'feedback', { documentNo: text(v, 'documentNo')!, progress: text(v, 'progress'), signedBy: text(v, 'signedBy')!, feedbackOn: text(v, 'feedbackOn') } satisfies FeedbackHazardDto)
      }
      onDone={onDone}
      onCancel={onDone}
    />
  );
}

function PlanForm({ hazard, onDone }: StepFormProps) {
  return (
    <FormPanel
      title="整改方案"
      testId="form-plan"
      intro={<p className="muted">期限一经确定不再变更。</p>}
      fields={[...planFields(true), signer]}
      onSubmit={(v) => send(hazard, 'plan', { ...planBody(v), signedBy: text(v, 'signedBy')! } as PlanHazardDto)}
      onDone={onDone}
      onCancel={onDone}
    />
  );
}

function RectifyForm({ hazard, onDone }: StepFormProps) {
  // without a filed plan the five plan fields go with the rectification (not needed when rectified the day it was found)
  const withPlan = !hazard.deadline;
  return (
    <FormPanel
      title="整改"
      testId="form-rectify"
      intro={withPlan ? <p className="muted">尚未制定整改方案：除发现当天即整改外，须同时填写责任人、措施、资金、期限和应急预案。</p> : undefined}
      fields={[dateField('rectifiedOn', '整改日期'), signer, ...(withPlan ? planFields(false) : [])]}
      initial={{ rectifiedOn: todayCst() }}
      onSubmit={(v) => send(hazard, 'rectify', { rectifiedOn: text(v, 'rectifiedOn'), signedBy: text(v, 'signedBy')!, ...(withPlan ? planBody(v) : {}) } as RectifyHazardDto)}
      onDone={onDone}
      onCancel={onDone}
    />
  );
}

function CloseForm({ hazard, onDone }: StepFormProps) {
  return (
    <FormPanel
      title="办结销号"
      testId="form-close"
      fields={[signer, dateField('closedOn', '销号日期')]}
      initial={{ closedOn: todayCst() }}
      onSubmit={(v) => send(hazard, 'close', { signedBy: text(v, 'signedBy')!, closedOn: text(v, 'closedOn') } satisfies CloseHazardDto)}
      onDone={onDone}
      onCancel={onDone}
    />
  );
}

export const STEP_FORMS: Record<HazardAction, (p: StepFormProps) => React.ReactNode> = {
  confirmEnterprise: ConfirmEnterpriseForm,
  confirmUnit: ConfirmUnitForm,
  list: ListForm,
  assign: AssignForm,
  feedback: FeedbackForm,
  plan: PlanForm,
  rectify: RectifyForm,
  close: CloseForm,
};
