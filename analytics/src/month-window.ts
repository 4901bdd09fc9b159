import { AnalyticsError, AnalyticsErrorCode } from './errors.js';
import type { QueryFile } from './query-file.js';
import { dateParam } from './types.js';
import type { DuckDBValue } from '@duckdb/node-api';

// What every query of a month needs: the campaign that assesses it and its dates (domain.md section 4).
export interface MonthWindow {
  month: string;
  campaign: string;
  /** window start: the campaign's first day (records before it never count) */
  from: string;
  /** the month's last day (EOM): the as-of date */
  eom: string;
  /** first day of the first assessed month: `months` = first assessed month … month */
  firstMonthStart: string;
  firstMonth: string;
  lastMonth: string;
  stageReportDue: string;
  summaryDue: string;
}

// The one-off deadlines of section 4 (阶段性情况, 工作总结). The campaigns table does not hold them
// (yet): until a migration adds them there, they are known here by campaign code.
const ONE_OFF_DEADLINES: Record<string, { stageReport: string; summary: string }> = {
  'jincheng-2023': { stageReport: '2023-08-09', summary: '2023-12-09' },
};

export async function monthWindow(query: QueryFile, month: string): Promise<MonthWindow> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw new AnalyticsError(AnalyticsErrorCode.BAD_MONTH, `month must be YYYY-MM, got ${JSON.stringify(month)}`);
  }
  const [row] = await query('campaign-for-month.sql', { month });
  if (!row) {
    const all = await query('campaign-months.sql', {});
    const known = all.map((c) => `${c.code}: ${c.first_month} … ${c.last_month}`).join('; ') || 'none loaded';
    throw new AnalyticsError(AnalyticsErrorCode.MONTH_OUTSIDE_CAMPAIGN,
      `month ${month} is not an assessed month of any campaign (${known}): choose one of those months`);
  }
  const code = row.code as string;
  const oneOff = ONE_OFF_DEADLINES[code];
  if (!oneOff) {
    throw new AnalyticsError(AnalyticsErrorCode.NO_CAMPAIGN_CALENDAR,
      `campaign ${code} has no stage-report and summary deadlines in analytics/src/month-window.ts: add them there`);
  }
  return {
    month, campaign: code, from: row.start_on as string, eom: row.eom as string,
    firstMonthStart: row.first_month_start as string, firstMonth: row.first_month as string,
    lastMonth: row.last_month as string, stageReportDue: oneOff.stageReport, summaryDue: oneOff.summary,
  };
}

/** The window's dates as DATE parameters: $from, $eom, $first_month_start. */
export function windowParams(w: MonthWindow): Record<string, DuckDBValue> {
  return { from: dateParam(w.from), eom: dateParam(w.eom), first_month_start: dateParam(w.firstMonthStart) };
}

/** The calendar's deadlines as DATE parameters: $last_month_start, $stage_due, $summary_due. */
export function calendarParams(w: MonthWindow): Record<string, DuckDBValue> {
  return {
    last_month_start: dateParam(`${w.lastMonth}-01`),
    stage_due: dateParam(w.stageReportDue),
    summary_due: dateParam(w.summaryDue),
  };
}
