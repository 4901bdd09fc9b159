import type { Explanation } from '../../api/types.js';
import { formatCount, formatDate, formatMonth } from '../../format.js';
import { FINDING_LABEL, LEADER_ROLE_LABEL, SUBMISSION_LABEL, label } from '../../labels.js';
import { Link } from '../../router.js';
import { DataTable } from '../../ui/DataTable.js';

const hazardLink = (no: string) => <Link to={`/ledger/${encodeURIComponent(no)}`}>{no}</Link>;

/** I1: the overdue hazards by ledger number, with who tracks and who rectifies them */
export function OverdueRecords({ e }: { e: Explanation }) {
  return (
    <DataTable
      testId="overdue-hazards"
      caption="逾期未整改隐患"
      empty="无逾期未整改隐患"
      rows={e.overdue}
      rowKey={(r) => r.ledgerNo}
      columns={[
        { key: 'ledgerNo', header: '台账编号', render: (r) => hazardLink(r.ledgerNo) },
        { key: 'deadline', header: '整改期限', render: (r) => formatDate(r.deadline) },
        { key: 'rectifiedOn', header: '实际整改日期', render: (r) => (r.rectifiedOn ? formatDate(r.rectifiedOn) : '未整改') },
        { key: 'tracker', header: '跟踪督办责任人', render: (r) => r.tracker ?? '未确定' },
        { key: 'responsiblePerson', header: '整改责任人', render: (r) => r.responsiblePerson ?? '–' },
      ]}
    />
  );
}

/** I2: in-scope enterprises not inspected, and those where the inspection found a problem */
export function EnterpriseRecords({ e }: { e: Explanation }) {
  return (
    <div className="two-col">
      <div>
        <h4>未检查的排查范围内企业（{formatCount(e.unchecked.length)} 家）</h4>
        <DataTable
          testId="unchecked-enterprises"
          empty="排查范围内企业均已检查"
          rows={e.unchecked}
          rowKey={(r) => r.creditCode}
          columns={[
            { key: 'name', header: '企业名称', render: (r) => r.name },
            { key: 'creditCode', header: '统一社会信用代码', render: (r) => <code>{r.creditCode}</code> },
          ]}
        />
      </div>
      <div>
        <h4>抽查查出问题的企业（{formatCount(e.flagged.length)} 家）</h4>
        <DataTable
          testId="flagged-enterprises"
          empty="无"
          rows={e.flagged}
          rowKey={(r) => r.creditCode}
          columns={[
            { key: 'name', header: '企业名称', render: (r) => r.name },
            { wrap: true, key: 'findings', header: '查出的问题', render: (r) => (r.findings?.length ? r.findings.map((f) => FINDING_LABEL[f] ?? f).join('；') : '–') },
          ]}
        />
      </div>
    </div>
  );
}

/** I4: leader-months that fell short of the rule */
export function LeaderRecords({ e }: { e: Explanation }) {
  return (
    <DataTable
      testId="leader-months-missed"
      empty="领导干部每月检查均达标"
      rows={e.leaderMonthsMissed}
      rowKey={(r) => `${r.leader}-${r.month}`}
      columns={[
        { key: 'leader', header: '领导干部', render: (r) => r.leader },
        { key: 'role', header: '职务', render: (r) => label(LEADER_ROLE_LABEL, r.role) },
        { key: 'month', header: '月份', render: (r) => formatMonth(r.month) },
        { key: 'count', header: '检查次数', num: true, render: (r) => formatCount(r.count) },
        { key: 'required', header: '应检查次数', num: true, render: (r) => formatCount(r.required) },
      ]}
    />
  );
}

/** D: late or missing submissions, missed Fridays, missed hazards with the clean-signed inspections */
export function DeductionRecords({ e }: { e: Explanation }) {
  return (
    <>
      <h4>迟报、未报（{formatCount(e.lateSubmissions.length)} 次）</h4>
      <DataTable
        testId="late-submissions"
        empty="均按时报送"
        rows={e.lateSubmissions}
        rowKey={(r, i) => `${r.kind}-${r.period ?? ''}-${i}`}
        columns={[
          { key: 'kind', header: '报送事项', render: (r) => label(SUBMISSION_LABEL, r.kind) },
          { key: 'period', header: '所属月份', render: (r) => (r.period ? formatMonth(r.period) : '–') },
          { key: 'due', header: '应报日期', render: (r) => formatDate(r.due) },
          { key: 'submittedOn', header: '实际报送', render: (r) => (r.submittedOn ? formatDate(r.submittedOn) : '未报送') },
        ]}
      />
      <h4>交办隐患周五未反馈（{formatCount(e.missedFridays.length)} 次）</h4>
      <DataTable
        testId="missed-fridays"
        empty="每周五均已反馈"
        rows={e.missedFridays}
        rowKey={(r) => `${r.hazard}-${r.friday}`}
        columns={[
          { key: 'hazard', header: '台账编号', render: (r) => hazardLink(r.hazard) },
          { key: 'friday', header: '应反馈的周五', render: (r) => formatDate(r.friday) },
        ]}
      />
      <h4>该发现而未发现（{formatCount(e.missedHazards.length)} 项）</h4>
      <DataTable
        testId="missed-hazards"
        empty="无"
        rows={e.missedHazards}
        rowKey={(r) => r.hazard}
        columns={[
          { key: 'hazard', header: '市级执法发现的隐患', render: (r) => hazardLink(r.hazard) },
          { key: 'foundOn', header: '发现日期', render: (r) => formatDate(r.foundOn) },
          {
            wrap: true, key: 'inspections',
            header: '此前签字“无重大隐患”的检查（日期 · 签字人）',
            render: (r) => (
              <ul className="plain-list">
                {r.inspections.map((i) => (
                  <li key={i.id}>
                    {formatDate(i.inspectedOn)} · {i.signers.join('、')} <span className="muted">（{i.id}）</span>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </>
  );
}
