import { endOfMonth, type Campaign } from './campaign.js';

// The rules a campaign keeps (spec/bundle.md, domain.md section 4), shared by a bundle's campaigns.csv and
// POST /api/campaigns so that both refuse the same campaigns with the same words.

export type CampaignField = keyof Campaign;

export interface CampaignProblem {
  field: CampaignField;
  message: string;
  /** the assessed months overlap another campaign's (a conflict with the ledger, 409 over HTTP) */
  overlap?: boolean;
}

/** What is known of a campaign: a value that could not be read is null and its rules are skipped. */
export type CampaignDraft = { [K in keyof Campaign]: Campaign[K] | null };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Problems of `c` against its own dates and the assessed months of `others` (other codes only). */
export function campaignProblems(c: CampaignDraft, others: readonly Pick<Campaign, 'code' | 'firstMonth' | 'lastMonth'>[]): CampaignProblem[] {
  const out: CampaignProblem[] = [];
  const first = c.firstMonth !== null && MONTH.test(c.firstMonth) ? c.firstMonth : null;
  const last = c.lastMonth !== null && MONTH.test(c.lastMonth) ? c.lastMonth : null;
  if (c.firstMonth !== null && !first) out.push({ field: 'firstMonth', message: `"${c.firstMonth}" is not a month written YYYY-MM` });
  if (c.lastMonth !== null && !last) out.push({ field: 'lastMonth', message: `"${c.lastMonth}" is not a month written YYYY-MM` });
  if (first && last && first > last) out.push({ field: 'lastMonth', message: `${last} is before the first assessed month ${first}` });
  if (c.startOn && c.endOn && c.startOn > c.endOn) out.push({ field: 'endOn', message: `${c.endOn} is before the campaign starts (start_on ${c.startOn})` });
  // the window holds the assessed months: every record of an assessed month can count
  if (first && c.startOn && c.startOn > `${first}-01`) {
    out.push({ field: 'startOn', message: `${c.startOn} is after the first assessed month's first day (${first}-01): the window must hold the assessed months` });
  }
  if (last && c.endOn && c.endOn < endOfMonth(last)) {
    out.push({ field: 'endOn', message: `${c.endOn} is before the last assessed month's last day (${endOfMonth(last)}): the window must hold the assessed months` });
  }
  for (const [field, what] of [['stageReportDue', 'stage report'], ['summaryDue', 'summary']] as const) {
    const due = c[field];
    if (due && c.startOn && c.endOn && (due < c.startOn || due > c.endOn)) {
      out.push({ field, message: `the ${what} due ${due} is outside the campaign's window ${c.startOn} … ${c.endOn}` });
    }
  }
  if (first && last && first <= last) {
    for (const o of others) {
      if (o.code === c.code || o.lastMonth < first || o.firstMonth > last) continue;
      out.push({
        field: 'firstMonth', overlap: true,
        message: `assessed months ${first} … ${last} overlap campaign ${JSON.stringify(o.code)} (${o.firstMonth} … ${o.lastMonth}): a month is assessed by one campaign`,
      });
    }
  }
  return out;
}

/** The column of campaigns.csv (and of the campaigns table) that holds a field. */
export const CAMPAIGN_COLUMNS: Record<CampaignField, string> = {
  code: 'code', name: 'name', startOn: 'start_on', endOn: 'end_on', firstMonth: 'first_month', lastMonth: 'last_month',
  stageReportDue: 'stage_report_due', summaryDue: 'summary_due',
};
