import { useState } from 'react';
import type { Page } from '../../../../api/src/ledger/common/page.dto.js';
import type { CreateLeaderInspectionDto } from '../../../../api/src/ledger/leaders/leaders.dto.js';
import type { LeaderInspectionView, LeaderView } from '../../../../api/src/ledger/leaders/leaders.service.js';
import { apiGetEveryPage, apiSend } from '../../api/client.js';
import { useLoad } from '../../api/useApi.js';
import { useUnitName } from '../../app-context.js';
import { LEADER_ROLE_LABEL } from '../../labels.js';
import { Card } from '../../ui/Card.js';
import { FormPanel } from '../../ui/form/FormPanel.js';
import { text } from '../../ui/form/values.js';
import { RecordList } from './RecordList.js';
import type { RecordScope } from './record-kinds.js';

/** 领导检查: a leader of the unit's roster inspects (I4), optionally an enterprise. */
export function LeaderInspectionsPanel({ scope, writable }: { scope: RecordScope; writable: boolean }) {
  const unitName = useUnitName();
  const [fresh, setFresh] = useState(0);
  // the leader is chosen from the roster of the unit written for: the own unit, or the one the office picked above
  const unit = scope.ownUnit ?? scope.unit;
  const roster = useLoad<Page<LeaderView>>(writable && unit ? `/api/leaders?unit=${encodeURIComponent(unit)}` : null, (signal) => apiGetEveryPage<LeaderView>(`/api/leaders?unit=${encodeURIComponent(unit!)}`, signal));
  const leaders = roster.status === 'ok' ? roster.data.items : [];
  return (
    <>
      {writable && (
        <section className="card form-panel kind-form" data-testid="form-leader-inspection">
          <h3 className="card-title">新增领导检查</h3>
          {!unit ? (
            <p className="muted">请先在上方“单位”中选择单位：领导从该单位的领导名册中选择。</p>
          ) : (
            <FormPanel
              key={`${unit}-${fresh}`}
              intro={<p className="muted">单位：{unitName(unit)}。领导须在本单位领导名册中{leaders.length ? '' : '（名册为空，请先在“领导”中添加）'}。</p>}
              fields={[
                { name: 'leaderName', label: '领导', kind: 'select', required: true, options: leaders.map((l) => ({ value: l.name, label: `${l.name}（${LEADER_ROLE_LABEL[l.role]}）` })) },
                { name: 'inspectedOn', label: '检查日期', kind: 'date', required: true },
                { name: 'enterpriseCreditCode', label: '企业 (统一社会信用代码)', hint: '可不填' },
              ]}
              onSubmit={(v) => {
                const body: CreateLeaderInspectionDto = { unitCode: unit, leaderName: text(v, 'leaderName') ?? '', inspectedOn: text(v, 'inspectedOn') ?? '', enterpriseCreditCode: text(v, 'enterpriseCreditCode') };
                return apiSend<LeaderInspectionView>('POST', '/api/leader-inspections', body);
              }}
              onDone={() => setFresh((n) => n + 1)}
            />
          )}
        </section>
      )}
      <Card title="领导检查记录">
        <RecordList<LeaderInspectionView>
          path="/api/leader-inspections"
          params={{ unit: scope.unit, sort: '-inspected_on' }}
          what="领导检查记录"
          testId="leader-inspections"
          rowKey={(li) => li.id}
          columns={[
            { key: 'unit', header: '单位', render: (li) => unitName(li.unitCode) },
            { key: 'leader', header: '领导', render: (li) => li.leaderName },
            { key: 'date', header: '检查日期', render: (li) => li.inspectedOn },
            { key: 'enterprise', header: '企业', render: (li) => li.enterpriseCreditCode ?? '–' },
          ]}
        />
      </Card>
    </>
  );
}
