import { readCaseThree } from '../api/normalize.js';
import type { HazardDetail } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { HazardTimeline } from '../features/ledger/HazardTimeline.js';
import { LEADER_ROLE_LABEL, label } from '../labels.js';
import { Link } from '../router.js';
import { Async } from '../ui/Async.js';
import { Card } from '../ui/Card.js';
import { DataTable } from '../ui/DataTable.js';

/** 一案三查 of one hazard: the enterprise's main leader, the supervising unit's leader, the unit's roster */
export function CaseThreePage({ ledgerNo }: { ledgerNo: string }) {
  const no = encodeURIComponent(ledgerNo);
  const trace = useApi<unknown>(`/api/trace/hazards/${no}`);
  const hazard = useApi<HazardDetail>(`/api/hazards/${no}`);
  return (
    <div className="page">
      <div className="page-head">
        <h1>一案三查 · {ledgerNo}</h1>
        <div className="page-tools">
          <Link to={`/ledger/${no}`} className="btn">隐患详情</Link>
          <Link to="/trace" className="btn">返回责任追溯</Link>
        </div>
      </div>
      <div className="two-col">
        <Card title="三查对象">
          <Async state={trace} what="一案三查">
            {(raw) => {
              const t = readCaseThree(raw);
              return (
              <>
                <dl className="fields" data-testid="case-three">
                  <div>
                    <dt>一查 企业负责人{t.enterpriseName ? `（${t.enterpriseName}）` : ''}</dt>
                    <dd>{t.enterpriseMainLeader ?? '未登记'}</dd>
                  </div>
                  <div>
                    <dt>二查 监管负责人{t.unitName ? `（${t.unitName}）` : ''}</dt>
                    <dd>{t.unitMainLeader ?? '未登记'}</dd>
                  </div>
                </dl>
                <h4>三查 分管领导（监管单位领导班子）</h4>
                <DataTable
                  empty="监管单位未登记领导班子"
                  rows={t.roster}
                  rowKey={(r) => `${r.role}-${r.name}`}
                  columns={[
                    { key: 'name', header: '姓名', render: (r) => r.name },
                    { key: 'role', header: '职务', render: (r) => label(LEADER_ROLE_LABEL, r.role) },
                  ]}
                />
              </>
              );
            }}
          </Async>
        </Card>
        <Card title="隐患全过程（谁发现、谁签名、谁整改、谁销号）">
          <Async state={hazard} what="隐患记录">
            {(h) => <HazardTimeline entries={h.timeline} />}
          </Async>
        </Card>
      </div>
    </div>
  );
}
