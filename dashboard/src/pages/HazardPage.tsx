import type { HazardDetail } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { isCityUser, useAppData, useUnitName } from '../app-context.js';
import { hazardStatus } from '../features/ledger/ledger-query.js';
import { HazardTimeline } from '../features/ledger/HazardTimeline.js';
import { HazardWorkflow } from '../features/hazard-workflow/HazardWorkflow.js';
import { formatDate, formatWan } from '../format.js';
import { label, LISTED_LABEL, SOURCE_LABEL, STATUS_LABEL } from '../labels.js';
import { Link } from '../router.js';
import { Async } from '../ui/Async.js';
import { Badge, Card } from '../ui/Card.js';

export function HazardPage({ ledgerNo }: { ledgerNo: string }) {
  const { user } = useAppData();
  const unitName = useUnitName();
  const hazard = useApi<HazardDetail>(`/api/hazards/${encodeURIComponent(ledgerNo)}`);
  return (
    <div className="page">
      <div className="page-head">
        <h1>隐患 {ledgerNo}</h1>
        <div className="page-tools">
          <Link to="/ledger" className="btn">返回台账</Link>
          {isCityUser(user) ? (
            <Link to={`/trace/${encodeURIComponent(ledgerNo)}`} className="btn">一案三查</Link>
          ) : null}
        </div>
      </div>
      <Async state={hazard} what="隐患">
        {(h) => {
          const status = hazardStatus(h);
          const fields: [string, string | number | null | undefined][] = [
            ['企业', `${h.enterpriseName}（${h.enterpriseCreditCode}）`],
            ['报送单位', unitName(h.unitCode)],
            ['来源', label(SOURCE_LABEL, h.source)],
            ['类别', h.category],
            ['隐患描述', h.description],
            ['发现日期', formatDate(h.foundOn)],
            ['企业确认', formatDate(h.enterpriseConfirmedOn)],
            ['两级确认', formatDate(h.confirmedOn)],
            ['挂牌督办', h.listedLevel ? `${label(LISTED_LABEL, h.listedLevel)}（${formatDate(h.listedOn)}）` : '未挂牌'],
            ['跟踪督办责任人', h.tracker],
            ['交办', h.assignment ? `${unitName(h.assignment.unitCode)}（${formatDate(h.assignment.assignedOn)}）` : null],
            ['整改责任人', h.responsiblePerson],
            ['整改措施', h.measures],
            ['整改资金', h.fundsWan === null || h.fundsWan === undefined ? null : formatWan(h.fundsWan)],
            ['整改期限', formatDate(h.deadline)],
            ['应急预案', h.contingencyPlan],
            ['完成整改', formatDate(h.rectifiedOn)],
            ['办结销号', h.closedOn ? `${formatDate(h.closedOn)}${h.closedBy ? `（${h.closedBy}）` : ''}` : null],
          ];
          return (
            <>
            <HazardWorkflow hazard={h} />
            <div className="two-col wide-left">
              <Card
                title={
                  <>
                    基本情况 <Badge tone={status === 'open' ? 'amber' : status === 'closed' ? 'green' : 'blue'}>{STATUS_LABEL[status]}</Badge>
                    {h.overdue ? <Badge tone="red">逾期</Badge> : null}
                  </>
                }
              >
                <dl className="fields">
                  {fields.map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>{v === null || v === undefined || v === '' ? '–' : v}</dd>
                    </div>
                  ))}
                </dl>
              </Card>
              <Card title="全过程记录">
                <HazardTimeline entries={h.timeline} />
              </Card>
            </div>
            </>
          );
        }}
      </Async>
    </div>
  );
}
