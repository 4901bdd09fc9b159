import { useState } from 'react';
import type { CreateDrillDto } from '../../../../api/src/ledger/drills/drills.dto.js';
import type { DrillView } from '../../../../api/src/ledger/drills/drills.service.js';
import { apiSend } from '../../api/client.js';
import { useUnitName } from '../../app-context.js';
import { Card } from '../../ui/Card.js';
import { FormPanel } from '../../ui/form/FormPanel.js';
import { text } from '../../ui/form/values.js';
import { RecordList } from './RecordList.js';
import type { RecordScope } from './record-kinds.js';

/** 应急演练 of an enterprise, recorded by the unit of its jurisdiction. */
export function DrillsPanel({ scope, writable }: { scope: RecordScope; writable: boolean }) {
  const unitName = useUnitName();
  const [fresh, setFresh] = useState(0);
  return (
    <>
      {writable && (
        <FormPanel
          key={fresh}
          title="新增演练"
          testId="form-drill"
          fields={[
            { name: 'enterpriseCreditCode', label: '企业 (统一社会信用代码)', required: true },
            { name: 'drilledOn', label: '演练日期', kind: 'date', required: true },
          ]}
          onSubmit={(v) => {
            const body: CreateDrillDto = { enterpriseCreditCode: text(v, 'enterpriseCreditCode') ?? '', drilledOn: text(v, 'drilledOn') ?? '' };
            return apiSend<DrillView>('POST', '/api/drills', body);
          }}
          onDone={() => setFresh((n) => n + 1)}
        />
      )}
      <Card title="演练记录">
        <RecordList<DrillView>
          path="/api/drills"
          params={{ unit: scope.unit, sort: '-drilled_on' }}
          what="演练记录"
          testId="drills"
          rowKey={(d) => d.id}
          columns={[
            { key: 'enterprise', header: '企业', render: (d) => d.enterpriseCreditCode },
            { key: 'unit', header: '属地单位', render: (d) => unitName(d.unitCode) },
            { key: 'date', header: '演练日期', render: (d) => d.drilledOn },
          ]}
        />
      </Card>
    </>
  );
}
