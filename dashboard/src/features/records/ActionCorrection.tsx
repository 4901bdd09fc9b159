import { useEffect, useRef, useState } from 'react';
import type { ActionView } from '../../../../api/src/ledger/actions/actions.service.js';
import { apiSend } from '../../api/client.js';
import { useUnitName } from '../../app-context.js';
import { ACTION_KIND_LABEL } from '../../labels.js';
import { FormPanel } from '../../ui/form/FormPanel.js';
import { optionsOf } from '../../ui/form/values.js';
import { KindPicker } from './KindPicker.js';
import { actionDetailFields, actionPatch, actionValues } from './action-fields.js';
import type { RecordScope } from './record-kinds.js';

/**
 * 更正 of an enforcement action (PATCH /api/actions/:actionId): unlike a signed inspection it is corrected
 * in place, the audit trail keeping what it was; only what differs is sent. The id and the acting unit stay.
 */
export function ActionCorrection({ original, scope, onClose }: { original: ActionView; scope: RecordScope; onClose: () => void }) {
  const unitName = useUnitName();
  const [kind, setKind] = useState(original.kind);
  // the 更正 button may sit far down the list: bring the form into view
  const at = useRef<HTMLElement>(null);
  // (a block body: newer Chromium's scrollIntoView answers a promise, which React would take for a cleanup)
  useEffect(() => {
    void at.current?.scrollIntoView({ block: 'start' });
  }, [original.actionId]);
  return (
    <section className="card form-panel kind-form" data-testid="form-action-correction" ref={at}>
      <h3 className="card-title">更正执法 {original.actionId}</h3>
      <p className="muted">执法单位：{unitName(original.unitCode)}。执法记录按更正后的内容保存，原内容留在审计记录中。</p>
      <KindPicker label="执法类型" value={kind} options={optionsOf(ACTION_KIND_LABEL)} onChange={(k) => k && setKind(k)} />
      <FormPanel
        key={kind}
        fields={actionDetailFields(kind, scope)}
        initial={actionValues(original)}
        submitLabel="保存"
        onSubmit={(v) => apiSend<ActionView>('PATCH', `/api/actions/${encodeURIComponent(original.actionId)}`, actionPatch(original, kind, scope, v))}
        onDone={onClose}
        onCancel={onClose}
      />
    </section>
  );
}
