import { apiGetEveryPage, apiSend } from '../../api/client.js';
import type { HazardDetail, Page } from '../../api/types.js';
import { useLoad } from '../../api/useApi.js';
import { isCityUser, useAppData } from '../../app-context.js';
import type { EnterpriseView } from '../../../../api/src/ledger/enterprises/enterprises.service.js';
import { HAZARD_WRITE_ROLES } from '../../../../api/src/ledger/hazards/hazard-access.js';
import type { ReportHazardDto } from '../../../../api/src/ledger/hazards/hazard-lifecycle.dto.js';
import { SOURCE_LABEL } from '../../labels.js';
import { todayCst } from '../../months.js';
import { navigate } from '../../router.js';
import { Async } from '../../ui/Async.js';
import { ActionGate } from '../../ui/form/ActionGate.js';
import { FormPanel, type FieldSpec } from '../../ui/form/FormPanel.js';
import { optionsOf, text } from '../../ui/form/values.js';

// 上报隐患: a new hazard in the ledger, by the city office (for any unit) or a county branch (for its own
// unit, about an enterprise in its jurisdiction). On success the hazard's own page opens.

const CATEGORIES = ['贮存', '利用', '处置', '转移联单'];

export function ReportHazard() {
  const { user } = useAppData();
  if (!HAZARD_WRITE_ROLES.report.includes(user.role)) return null;
  return (
    <ActionGate label="上报隐患" testId="gate-report">
      {(close) => <ReportHazardForm onDone={close} />}
    </ActionGate>
  );
}

function ReportHazardForm({ onDone }: { onDone: () => void }) {
  const { user, units } = useAppData();
  const city = isCityUser(user);
  // the enterprises the user may write about: a county's jurisdiction, or every enterprise for the city
  const enterprisesPath = `/api/enterprises?${city ? '' : `unit=${encodeURIComponent(user.unitCode ?? '')}&`}sort=name`;
  const enterprises = useLoad<Page<EnterpriseView>>(enterprisesPath, (signal) => apiGetEveryPage<EnterpriseView>(enterprisesPath, signal));
  const unitOptions = units.filter((u) => u.level !== 'province').map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }));
  const ownUnit = units.find((u) => u.code === user.unitCode)?.name ?? user.unitCode;
  return (
    <Async state={enterprises} what="企业">
      {(p) => {
        const fields: FieldSpec[] = [
          { name: 'ledgerNo', label: '台账编号', required: true, hint: '逐项编号，不可重复' },
          { name: 'enterpriseCreditCode', label: '企业 (统一社会信用代码)', kind: 'select', required: true, options: p.items.map((e) => ({ value: e.creditCode, label: `${e.name}（${e.creditCode}）` })) },
          ...(city ? [{ name: 'unitCode', label: '报告单位', kind: 'select', options: unitOptions, required: true } as FieldSpec] : []),
          { name: 'source', label: '来源', kind: 'select', options: optionsOf(SOURCE_LABEL), required: true },
          { name: 'foundOn', label: '发现日期', kind: 'date', required: true },
          { name: 'category', label: '类别', suggestions: CATEGORIES, hint: '如 贮存、利用、处置、转移联单' },
          { name: 'description', label: '隐患描述', kind: 'textarea' },
          { name: 'inspectionId', label: '检查编号', hint: '部门执法检查发现的，填检查记录编号' },
          { name: 'signedBy', label: '签字人', required: true },
        ];
        return (
          <FormPanel
            title="上报隐患"
            testId="form-report"
            intro={city ? undefined : <p className="muted">报告单位：{ownUnit}</p>}
            fields={fields}
            initial={{ foundOn: todayCst() }}
            onSubmit={(v) =>
              apiSend<HazardDetail>('POST', '/api/hazards', {
                ledgerNo: text(v, 'ledgerNo')!,
                enterpriseCreditCode: text(v, 'enterpriseCreditCode')!,
                unitCode: city ? text(v, 'unitCode') : undefined,
                source: text(v, 'source')!,
                foundOn: text(v, 'foundOn')!,
                description: text(v, 'description'),
                category: text(v, 'category'),
                inspectionId: text(v, 'inspectionId'),
                signedBy: text(v, 'signedBy')!,
              } satisfies ReportHazardDto)
            }
            onDone={(h) => {
              onDone();
              navigate(`/ledger/${encodeURIComponent(h.ledgerNo)}`);
            }}
            onCancel={onDone}
          />
        );
      }}
    </Async>
  );
}
