import { useState } from 'react';
import type { CreateLeaderDto } from '../../../../api/src/ledger/leaders/leaders.dto.js';
import type { LeaderView } from '../../../../api/src/ledger/leaders/leaders.service.js';
import { apiSend } from '../../api/client.js';
import { useUnitName } from '../../app-context.js';
import { LEADER_ROLE_LABEL } from '../../labels.js';
import { Card } from '../../ui/Card.js';
import { FormPanel, Refusal } from '../../ui/form/FormPanel.js';
import { useAction } from '../../ui/form/useAction.js';
import { optionsOf, text } from '../../ui/form/values.js';
import { RecordList } from './RecordList.js';
import { reportingUnits, type RecordScope } from './record-kinds.js';

type LeaderRole = CreateLeaderDto['role'];
const other = (r: LeaderRole): LeaderRole => (r === 'main' ? 'member' : 'main');

/** 领导: a unit's leader roster (主要负责同志, 班子成员), a form to add a leader, and a change of role. */
export function LeadersPanel({ scope, writable }: { scope: RecordScope; writable: boolean }) {
  const unitName = useUnitName();
  const [fresh, setFresh] = useState(0);
  return (
    <>
      {writable && (
        <FormPanel
          key={fresh}
          title="新增领导"
          testId="form-leader"
          fields={[
            ...(scope.ownUnit ? [] : [{ name: 'unitCode', label: '单位', kind: 'select' as const, options: reportingUnits(scope.units), required: true }]),
            { name: 'name', label: '姓名', required: true },
            { name: 'role', label: '职务', kind: 'select', options: optionsOf(LEADER_ROLE_LABEL), required: true },
          ]}
          intro={scope.ownUnit ? <p className="muted">单位：{unitName(scope.ownUnit)}（本单位）</p> : null}
          onSubmit={(v) => {
            const body: CreateLeaderDto = { unitCode: scope.ownUnit ?? text(v, 'unitCode'), name: text(v, 'name') ?? '', role: text(v, 'role') as LeaderRole };
            return apiSend<LeaderView>('POST', '/api/leaders', body);
          }}
          onDone={() => setFresh((n) => n + 1)}
        />
      )}
      <Card title="领导名册">
        <RecordList<LeaderView>
          path="/api/leaders"
          params={{ unit: scope.unit }}
          what="领导名册"
          testId="leaders"
          rowKey={(l) => `${l.unitCode}|${l.name}`}
          columns={[
            { key: 'unit', header: '单位', render: (l) => unitName(l.unitCode) },
            { key: 'name', header: '姓名', render: (l) => l.name },
            { key: 'role', header: '职务', render: (l) => LEADER_ROLE_LABEL[l.role] },
            ...(writable ? [{ key: 'action', header: '操作', render: (l: LeaderView) => <RoleChange leader={l} /> }] : []),
          ]}
        />
      </Card>
    </>
  );
}

/** PATCH the leader's role to the other one; a refusal stays beside the button */
function RoleChange({ leader }: { leader: LeaderView }) {
  const to = other(leader.role);
  const change = useAction(() => apiSend<LeaderView>('PATCH', `/api/leaders/${encodeURIComponent(leader.unitCode)}/${encodeURIComponent(leader.name)}`, { role: to }));
  return (
    <div className="form-actions">
      <button type="button" className="btn" disabled={change.pending} onClick={() => void change.run()}>
        改为{LEADER_ROLE_LABEL[to]}
      </button>
      {change.error != null && <Refusal error={change.error} />}
    </div>
  );
}
