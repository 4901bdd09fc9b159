import { useState } from 'react';
import { apiSend } from '../../api/client.js';
import type { Campaign, CampaignPhase } from '../../api/types.js';
import { useLoad } from '../../api/useApi.js';
import { formatDate } from '../../format.js';
import { Async } from '../../ui/Async.js';
import { FormPanel, type FieldSpec } from '../../ui/form/FormPanel.js';
import { loadCoverage } from '../board/load-coverage.js';
import { fieldName, phasesBody, phaseTemplate, phaseValues } from './phase-rows.js';

// 实施阶段 (city_office): a campaign's four phases and its two coverage duties, their dates and the
// duties' percentages, replaced whole by PUT /api/campaigns/:code/phases. Keys, names and whose
// inspections count stay as the notice sets them: the coverage SQL and the alerts know the duties by key.

/** The campaign's phases as GET /api/coverage lists them for its first month; the notice's when it has none. */
async function currentPhases(c: Campaign, signal: AbortSignal): Promise<{ rows: CampaignPhase[]; template: boolean }> {
  const coverage = await loadCoverage(c.firstMonth, signal);
  return coverage && coverage.phases.length ? { rows: coverage.phases, template: false } : { rows: phaseTemplate(c), template: true };
}

function fieldsOf(rows: readonly CampaignPhase[]): FieldSpec[] {
  return rows.flatMap((p, i) => {
    const label = p.withinPhase === null ? p.name : `　${p.name}`;
    const dates: FieldSpec[] = [
      { name: fieldName(i, 'startOn'), label: `${label} 开始`, kind: 'date', required: true },
      { name: fieldName(i, 'endOn'), label: `${label} 结束`, kind: 'date', required: true },
    ];
    return p.withinPhase === null ? dates : [...dates, { name: fieldName(i, 'requiredPercent'), label: `${p.name} 要求比例（%）`, kind: 'number', required: true }];
  });
}

export function CampaignPhasesForm({ campaign }: { campaign: Campaign }) {
  const phases = useLoad(`phases:${campaign.code}`, (signal) => currentPhases(campaign, signal));
  const [saved, setSaved] = useState<CampaignPhase[] | null>(null);
  return (
    <Async state={phases} what="实施阶段">
      {({ rows, template }) => (
        <FormPanel<CampaignPhase[]>
          key={campaign.code}
          title={`实施阶段：${campaign.name}`}
          fields={fieldsOf(rows)}
          initial={phaseValues(rows)}
          submitLabel="保存"
          testId="campaign-phases-form"
          intro={
            <p className="page-note">
              {template && !saved ? '该行动尚未设置实施阶段，以下按通知的阶段安排预填，请核对后保存。' : `行动期间 ${formatDate(campaign.startOn)} 至 ${formatDate(campaign.endOn)}；各阶段须在行动期间内，检查任务须在其所属阶段内。`}
              {saved && <span data-testid="campaign-phases-saved">　已保存 {saved.length} 项。</span>}
            </p>
          }
          onSubmit={(v) => apiSend<CampaignPhase[]>('PUT', `/api/campaigns/${encodeURIComponent(campaign.code)}/phases`, phasesBody(rows, v))}
          onDone={(answer) => setSaved(answer)}
        />
      )}
    </Async>
  );
}
