import { useState } from 'react';
import type { ACTION_KINDS } from '../../../../api/src/bundle/bundle-files.js';
import type { ActionView } from '../../../../api/src/ledger/actions/actions.service.js';
import { apiSend } from '../../api/client.js';
import { useUnitName } from '../../app-context.js';
import { formatScore } from '../../format.js';
import { ACTION_KIND_LABEL, label } from '../../labels.js';
import { Card } from '../../ui/Card.js';
import { FormPanel } from '../../ui/form/FormPanel.js';
import { optionsOf } from '../../ui/form/values.js';
import { ActionCorrection } from './ActionCorrection.js';
import { newActionBody, newActionFields } from './action-fields.js';
import { KindPicker } from './KindPicker.js';
import { RecordList } from './RecordList.js';
import type { RecordScope } from './record-kinds.js';

type ActionKind = (typeof ACTION_KINDS)[number];

/** 执法: the unit's enforcement actions, the form of a new one (its fields shaped by the kind), and 更正. */
export function ActionsPanel({ scope, writable }: { scope: RecordScope; writable: boolean }) {
  const unitName = useUnitName();
  const [kind, setKind] = useState('');
  const [fresh, setFresh] = useState(0);
  const [correcting, setCorrecting] = useState<ActionView | null>(null);
  return (
    <>
      {writable && (
        <section className="card form-panel kind-form" data-testid="form-action">
          <h3 className="card-title">新增执法</h3>
          <KindPicker label="执法类型" value={kind} options={optionsOf(ACTION_KIND_LABEL)} onChange={setKind} />
          {kind ? (
            <FormPanel
              key={fresh}
              fields={newActionFields(kind, scope)}
              intro={scope.ownUnit ? <p className="muted">执法单位：{unitName(scope.ownUnit)}（本单位）</p> : null}
              onSubmit={(v) => apiSend<ActionView>('POST', '/api/actions', newActionBody(kind, scope, v))}
              onDone={() => setFresh((n) => n + 1)}
            />
          ) : (
            <p className="muted">请先选择执法类型，再填写该类型需要的内容。</p>
          )}
        </section>
      )}
      {writable && correcting && <ActionCorrection key={correcting.actionId} original={correcting} scope={scope} onClose={() => setCorrecting(null)} />}
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
            ...(writable
              ? [{ key: 'action', header: '操作', render: (a: ActionView) => <button type="button" className="btn" onClick={() => setCorrecting(a)}>更正</button> }]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
