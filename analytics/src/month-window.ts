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
  /** the campaign's one-off deadlines (阶段性情况, 工作总结); null: that campaign does not owe it */
  stageReportDue: string | null;
  summaryDue: string | null;
}

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
  // the one-off deadlines are the campaign's own data (campaigns.stage_report_due, summary_due)
  return {
    month, campaign: row.code as string, from: row.start_on as string, eom: row.eom as string,
    firstMonthStart: row.first_month_start as string, firstMonth: row.first_month as string,
    lastMonth: row.last_month as string,
    stageReportDue: (row.stage_report_due as string | null) ?? null, summaryDue: (row.summary_due as string | null) ?? null,
  };
}

/** The window's dates as DATE parameters: $from, $eom, $first_month_start. */
export function windowParams(w: MonthWindow): Record<string, DuckDBValue> {
  return { from: dateParam(w.from), eom: dateParam(w.eom), first_month_start: dateParam(w.firstMonthStart) };
}

/** The calendar's deadlines as DATE parameters: $last_month_start, $stage_due, $summary_due (NULL: not owed). */
export function calendarParams(w: MonthWindow): Record<string, DuckDBValue> {
  return {
    last_month_start: dateParam(`${w.lastMonth}-01`),
    stage_due: w.stageReportDue === null ? null : dateParam(w.stageReportDue),
    summary_due: w.summaryDue === null ? null : dateParam(w.summaryDue),
  };
}
