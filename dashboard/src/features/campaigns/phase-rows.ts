// The rows of the 行动设置 phases form: a campaign's phases (GET /api/coverage lists them), or, for a
// campaign without any, the notice's four phases and two coverage duties on the campaign's own year
// (spec/domain.md §4), for the office to correct. Pure: the form turns them into fields and back.
import type { CampaignPhase } from '../../api/types.js';
import type { FormValues } from '../../ui/form/values.js';
import { num, text } from '../../ui/form/values.js';

/** the 2023 notice's phases, dates as MM-DD of the campaign's year */
const NOTICE_PHASES: readonly (Omit<CampaignPhase, 'startOn' | 'endOn'> & { from: string; to: string })[] = [
  { key: 'mobilisation', name: '动员部署', from: '04-25', to: '05-15', withinPhase: null, requiredPercent: null, inspectedBy: null },
  { key: 'self_check', name: '自查自改和部门帮扶', from: '05-16', to: '06-30', withinPhase: null, requiredPercent: null, inspectedBy: null },
  { key: 'enforcement', name: '部门精准执法', from: '07-01', to: '11-30', withinPhase: null, requiredPercent: null, inspectedBy: null },
  { key: 'county_coverage', name: '县级全覆盖检查', from: '07-01', to: '08-31', withinPhase: 'enforcement', requiredPercent: 100, inspectedBy: 'unit' },
  { key: 'city_spot_check', name: '市级抽查检查', from: '09-01', to: '11-30', withinPhase: 'enforcement', requiredPercent: 20, inspectedBy: 'parent' },
  { key: 'consolidation', name: '巩固提高', from: '12-01', to: '12-31', withinPhase: null, requiredPercent: null, inspectedBy: null },
];

/**
 * The notice's phases moved to a campaign's year; the first starts with the campaign and the last ends
 * with it, so that the template lies inside the window whatever the campaign's own start date.
 */
export function phaseTemplate(c: { startOn: string; endOn: string }): CampaignPhase[] {
  const year = c.startOn.slice(0, 4);
  return NOTICE_PHASES.map(({ from, to, ...p }) => ({
    ...p,
    startOn: p.key === 'mobilisation' ? c.startOn : `${year}-${from}`,
    endOn: p.key === 'consolidation' ? c.endOn : `${year}-${to}`,
  }));
}

/** a row's form field names: the API's own (`phases[i].startOn`), so a refusal naming one lands on it */
export const fieldName = (i: number, f: 'startOn' | 'endOn' | 'requiredPercent') => `phases[${i}].${f}`;

export function phaseValues(rows: readonly CampaignPhase[]): FormValues {
  const out: FormValues = {};
  rows.forEach((p, i) => {
    out[fieldName(i, 'startOn')] = p.startOn;
    out[fieldName(i, 'endOn')] = p.endOn;
    if (p.withinPhase !== null) out[fieldName(i, 'requiredPercent')] = String(p.requiredPercent ?? '');
  });
  return out;
}

/** PUT /api/campaigns/:code/phases's body: the rows with the dates and percentages typed in the form */
export function phasesBody(rows: readonly CampaignPhase[], v: FormValues) {
  return {
    phases: rows.map((p, i) => {
      const row = { key: p.key, name: p.name, startOn: text(v, fieldName(i, 'startOn')) ?? '', endOn: text(v, fieldName(i, 'endOn')) ?? '' };
      return p.withinPhase === null ? row : { ...row, withinPhase: p.withinPhase, requiredPercent: num(v, fieldName(i, 'requiredPercent')), inspectedBy: p.inspectedBy ?? undefined };
    }),
  };
}
