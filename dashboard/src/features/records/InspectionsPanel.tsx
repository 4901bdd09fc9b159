import { useEffect, useRef, useState } from 'react';
import type { CorrectInspectionDto, CreateInspectionDto } from '../../../../api/src/ledger/inspections/inspections.dto.js';
import type { InspectionView } from '../../../../api/src/ledger/inspections/inspections.service.js';
import { apiSend } from '../../api/client.js';
import { useUnitName } from '../../app-context.js';
import { FINDING_LABEL } from '../../labels.js';
import { Card } from '../../ui/Card.js';
import { FormPanel } from '../../ui/form/FormPanel.js';
import { list, num, text, type FormValues } from '../../ui/form/values.js';
import { findingFields, findingsOf, findingValues, majorHazardsField } from './inspection-fields.js';
import { RecordList } from './RecordList.js';
import { reportingUnits, type RecordScope } from './record-kinds.js';

/** 检查: the list (with which record corrects which), the form of a new signed inspection, and 更正. */
export function InspectionsPanel({ scope, writable }: { scope: RecordScope; writable: boolean }) {
  const unitName = useUnitName();
  const [fresh, setFresh] = useState(0);
  const [correcting, setCorrecting] = useState<InspectionView | null>(null);
  const [current, setCurrent] = useState(false);
  return (
    <>
      {writable && (
        <FormPanel
          key={fresh}
          title="新增检查"
          testId="form-inspection"
          fields={[
            { name: 'inspectionId', label: '检查编号', hint: '不填则自动生成' },
            ...(scope.ownUnit ? [] : [{ name: 'unitCode', label: '检查单位', kind: 'select' as const, options: reportingUnits(scope.units), required: true }]),
            { name: 'enterpriseCreditCode', label: '企业 (统一社会信用代码)', required: true },
            { name: 'inspectedOn', label: '检查日期', kind: 'date', required: true },
            { name: 'signedBy', label: '签字人', kind: 'list', required: true },
            majorHazardsField,
            ...findingFields,
          ]}
          intro={scope.ownUnit ? <p className="muted">检查单位：{unitName(scope.ownUnit)}（本单位）。谁检查、谁签字；签字后的检查记录不能修改，只能更正。</p> : null}
          onSubmit={(v) => {
            const body: CreateInspectionDto = {
              inspectionId: text(v, 'inspectionId'),
              unitCode: scope.ownUnit ?? text(v, 'unitCode'),
              enterpriseCreditCode: text(v, 'enterpriseCreditCode') ?? '',
              inspectedOn: text(v, 'inspectedOn') ?? '',
              signedBy: list(v, 'signedBy') ?? [],
              majorHazardsFound: num(v, 'majorHazardsFound') ?? 0,
              findings: findingsOf(v),
            };
            return apiSend<InspectionView>('POST', '/api/inspections', body);
          }}
          onDone={() => setFresh((n) => n + 1)}
        />
      )}
      {writable && correcting && <CorrectionForm original={correcting} onClose={() => setCorrecting(null)} />}
      <Card
        title="检查记录"
        actions={
          <label className="check">
            <input type="checkbox" checked={current} onChange={(e) => setCurrent(e.target.checked)} /> 仅显示现行记录（不含已被更正的）
          </label>
        }
      >
        <RecordList<InspectionView>
          path="/api/inspections"
          params={{ unit: scope.unit, current: current ? 'true' : undefined, sort: '-inspected_on' }}
          what="检查记录"
          testId="inspections"
          rowKey={(i) => i.inspectionId}
          columns={[
            { key: 'id', header: '检查编号', render: (i) => i.inspectionId },
            { key: 'unit', header: '检查单位', render: (i) => unitName(i.unitCode) },
            { key: 'enterprise', header: '企业', render: (i) => i.enterpriseCreditCode },
            { key: 'date', header: '检查日期', render: (i) => i.inspectedOn },
            { key: 'signers', header: '签字人', render: (i) => i.signedBy.join('、') },
            { key: 'major', header: '重大事故隐患', num: true, render: (i) => (i.majorHazardsFound === 0 ? '0（签字无隐患）' : i.majorHazardsFound) },
            { key: 'findings', header: '问题', render: (i) => (i.findings.length ? i.findings.map((f) => FINDING_LABEL[f] ?? f).join('；') : '–') },
            {
              key: 'correction',
              header: '更正关系',
              render: (i) => (
                <>
                  {i.correctsInspectionId && <div>更正 {i.correctsInspectionId}</div>}
                  {i.correctedBy && <div className="muted">已被 {i.correctedBy} 更正</div>}
                  {!i.correctsInspectionId && !i.correctedBy && '–'}
                </>
              ),
            },
            ...(writable
              ? [{
                  key: 'action',
                  header: '操作',
                  render: (i: InspectionView) =>
                    i.correctedBy ? (
                      <small className="muted">已更正，请更正最新记录</small>
                    ) : (
                      <button type="button" className="btn" onClick={() => setCorrecting(i)}>
                        更正
                      </button>
                    ),
                }]
              : []),
          ]}
        />
      </Card>
    </>
  );
}

/** 更正: a new signed record naming the one it corrects; only what differs from the original is sent. */
function CorrectionForm({ original, onClose }: { original: InspectionView; onClose: () => void }) {
  const initial: FormValues = {
    enterpriseCreditCode: original.enterpriseCreditCode,
    inspectedOn: original.inspectedOn,
    majorHazardsFound: String(original.majorHazardsFound),
    ...findingValues(original.findings),
  };
  const send = (v: FormValues) => {
    const changed = (k: string) => (text(v, k) !== text(initial, k) ? text(v, k) : undefined);
    const findings = findingsOf(v);
    const body: CorrectInspectionDto = {
      reason: text(v, 'reason') ?? '',
      signedBy: list(v, 'signedBy') ?? [],
      inspectionId: text(v, 'inspectionId'),
      enterpriseCreditCode: changed('enterpriseCreditCode'),
      inspectedOn: changed('inspectedOn'),
      majorHazardsFound: changed('majorHazardsFound') === undefined ? undefined : num(v, 'majorHazardsFound'),
      findings: [...findings].sort().join() === [...original.findings].sort().join() ? undefined : findings,
    };
    return apiSend<InspectionView>('POST', `/api/inspections/${encodeURIComponent(original.inspectionId)}/corrections`, body);
  };
  // the 更正 button may sit far down the list: bring the form into view
  const at = useRef<HTMLDivElement>(null);
  // (a block body: newer Chromium's scrollIntoView answers a promise, which React would take for a cleanup)
  useEffect(() => {
    void at.current?.scrollIntoView({ block: 'start' });
  }, [original.inspectionId]);
  return (
    <div ref={at}>
      <FormPanel
        key={original.inspectionId}
        title={`更正检查 ${original.inspectionId}`}
        testId="form-correction"
        intro={<p className="muted">已签字的检查记录不修改：更正生成一条新记录，原记录保留并注明被更正。</p>}
        fields={[
          { name: 'reason', label: '更正理由', kind: 'textarea', required: true },
          { name: 'signedBy', label: '签字人', kind: 'list', required: true },
          { name: 'inspectionId', label: '新记录检查编号', hint: '不填则自动生成' },
          { name: 'enterpriseCreditCode', label: '企业 (统一社会信用代码)', required: true },
          { name: 'inspectedOn', label: '检查日期', kind: 'date', required: true },
          majorHazardsField,
          ...findingFields,
        ]}
        initial={initial}
        onSubmit={send}
        onDone={onClose}
        onCancel={onClose}
      />
    </div>
  );
}
