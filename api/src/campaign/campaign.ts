import type { DataSource } from 'typeorm';

// The campaigns and their calendars (domain.md section 4). A deployment holds one or more campaigns whose
// assessed months never overlap, so a month names its campaign: whatever is computed for month m takes
// the window and the deadlines of the campaign that assesses m.
export interface Campaign {
  code: string;
  name: string;
  startOn: string;
  endOn: string;
  firstMonth: string;
  lastMonth: string;
  /** 阶段性情况 due date; null: not owed */
  stageReportDue: string | null;
  /** 工作总结 due date; null: not owed */
  summaryDue: string | null;
}

const SELECT = `SELECT code, name, start_on::text AS start_on, end_on::text AS end_on, first_month::text AS first_month,
  last_month::text AS last_month, stage_report_due::text AS stage_report_due, summary_due::text AS summary_due FROM campaigns`;

type CampaignRow = Record<'code' | 'name' | 'start_on' | 'end_on' | 'first_month' | 'last_month', string> & Record<'stage_report_due' | 'summary_due', string | null>;

function fromRow(r: CampaignRow): Campaign {
  return {
    code: r.code, name: r.name, startOn: r.start_on, endOn: r.end_on, firstMonth: r.first_month, lastMonth: r.last_month,
    stageReportDue: r.stage_report_due, summaryDue: r.summary_due,
  };
}

/** Every campaign, in the order of their assessed months. */
export async function loadCampaigns(ds: DataSource): Promise<Campaign[]> {
  const rows: CampaignRow[] = await ds.query(`${SELECT} ORDER BY first_month, code COLLATE "C"`);
  if (!rows.length) throw new Error('no campaign in the database: the migrations did not run');
  return rows.map(fromRow);
}

/**
 * The campaign that assesses `month`; without a month (or for a month no campaign assesses), the latest
 * campaign, the one a deployment is working on.
 */
export async function loadCampaign(ds: DataSource, month?: string): Promise<Campaign> {
  const all = await loadCampaigns(ds);
  return (month ? campaignOfMonth(all, month) : undefined) ?? all[all.length - 1];
}

export function campaignOfMonth(all: readonly Campaign[], month: string): Campaign | undefined {
  return all.find((c) => c.firstMonth <= month && month <= c.lastMonth);
}

/** The campaign whose window holds `day` ('YYYY-MM-DD'), if any. */
export function campaignOnDay(all: readonly Campaign[], day: string): Campaign | undefined {
  return all.find((c) => c.startOn <= day && day <= c.endOn);
}

/** The assessed months, 'YYYY-MM', first to last. */
export function assessedMonths(c: Pick<Campaign, 'firstMonth' | 'lastMonth'>): string[] {
  const out: string[] = [];
  let [y, m] = c.firstMonth.split('-').map(Number);
  const [ly, lm] = c.lastMonth.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) { m = 1; y++; }
  }
  return out;
}

// The month's last day is calendar arithmetic kept with China's dates; re-exported for the campaign's readers.
export { endOfMonth } from '../common/china-time.js';

function listed(all: readonly Campaign[]): string {
  return all.map((c) => `${c.firstMonth} … ${c.lastMonth} (${c.code})`).join(', ');
}

/** undefined when `month` is an assessed month of some campaign, else a message saying which months are. */
export function monthProblem(all: readonly Campaign[], month: string | undefined): string | undefined {
  if (!month || !/^\d{4}-\d{2}$/.test(month)) return `--month must be YYYY-MM, one of ${listed(all)}`;
  if (!campaignOfMonth(all, month)) return `month ${month} is not an assessed month of any campaign: ${listed(all)}`;
  return undefined;
}

/** The month before `month` in its own campaign (the first month has none: movement starts afresh). */
export function previousAssessedMonth(all: readonly Campaign[], month: string): string | undefined {
  const c = campaignOfMonth(all, month);
  if (!c) return undefined;
  const months = assessedMonths(c);
  return months[months.indexOf(month) - 1];
}
