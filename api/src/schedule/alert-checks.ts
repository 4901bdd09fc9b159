import type { DataSource } from 'typeorm';
import { assessedMonths, endOfMonth, type Campaign } from '../campaign/campaign.js';

// The campaign calendar's checks (domain.md section 4), each a pure function of the ledger and a CST
// calendar day. They insert alerts with ON CONFLICT DO NOTHING on (unit, kind, due date, record), so a
// check run twice, or re-run after a restart, adds nothing.

export type AlertKind = 'hazard_overdue' | 'monthly_report_missing' | 'feedback_missing' | 'dispatch_table_missing' | 'draft_ranking';

const COUNTY_LEVEL = `level IN ('county','zone')`;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
}

/** Daily: every hazard whose deadline passed yesterday or earlier without a rectification on or before it. */
export async function overdueScan(ds: DataSource, today: string): Promise<number> {
  const rows = await ds.query(
    `INSERT INTO alerts (unit_code, kind, due_on, record_ref, message)
     SELECT unit_code, 'hazard_overdue', deadline, ledger_no, '隐患 ' || ledger_no || ' 已超过整改期限 ' || to_char(deadline, 'YYYY-MM-DD') || ' 仍未整改'
     FROM hazards WHERE deadline < $1::date AND (rectified_on IS NULL OR rectified_on > deadline) AND found_on <= $1::date
     ON CONFLICT DO NOTHING RETURNING id`, [today]);
  return rows.length;
}

/** The due day of month k's monthly report: day min(29, last day of k). */
export function monthlyReportDue(month: string): string {
  const eom = endOfMonth(month);
  return eom.slice(8) < '29' ? eom : `${month}-29`;
}

/** On the monthly report's due day (evening): every county-level unit that has not reported for the month. */
export async function monthlyReportCheck(ds: DataSource, c: Campaign, today: string): Promise<number> {
  const month = today.slice(0, 7);
  if (!assessedMonths(c).includes(month) || monthlyReportDue(month) !== today) return 0;
  const rows = await ds.query(
    `INSERT INTO alerts (unit_code, kind, due_on, record_ref, message)
     SELECT u.code, 'monthly_report_missing', $1::date, $2, $2 || ' 月度进展情况应于 ' || $1 || ' 前报送，尚未报送'
     FROM units u WHERE ${COUNTY_LEVEL} AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.unit_code = u.code
       AND s.kind = 'monthly_report' AND s.period = $2 AND s.submitted_on <= $1::date)
     ON CONFLICT DO NOTHING RETURNING id`, [today, month]);
  return rows.length;
}

/** On a Friday f: each assigned hazard open on f (assigned before f) with no feedback dated f−6 … f. */
export async function feedbackCheck(ds: DataSource, c: Campaign, today: string): Promise<number> {
  if (new Date(`${today}T00:00:00Z`).getUTCDay() !== 5 || today < c.startOn || today > c.endOn) return 0;
  const rows = await ds.query(
    `INSERT INTO alerts (unit_code, kind, due_on, record_ref, message)
     SELECT a.unit_code, 'feedback_missing', $1::date, a.hazard_ledger_no, '交办隐患 ' || a.hazard_ledger_no || ' 本周（截至 ' || $1 || '）未反馈'
     FROM assignments a JOIN hazards h ON h.ledger_no = a.hazard_ledger_no
     WHERE a.assigned_on < $1::date AND (h.closed_on IS NULL OR h.closed_on > $1::date)
       AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.hazard_ledger_no = a.hazard_ledger_no AND f.feedback_on BETWEEN $2::date AND $1::date)
     ON CONFLICT DO NOTHING RETURNING id`, [today, addDays(today, -6)]);
  return rows.length;
}

/** On the 1st: every county-level unit without the dispatch table of the month just ended (2023-05 … 2023-11). */
export async function dispatchTableCheck(ds: DataSource, c: Campaign, today: string): Promise<number> {
  if (today.slice(8) !== '01') return 0;
  const month = addDays(today, -1).slice(0, 7);
  const months = assessedMonths(c);
  if (!months.includes(month) || month === months.at(-1)) return 0;
  const rows = await ds.query(
    `INSERT INTO alerts (unit_code, kind, due_on, record_ref, message)
     SELECT u.code, 'dispatch_table_missing', $1::date, $2, $2 || ' 调度表应于 ' || $1 || ' 前报送，尚未报送'
     FROM units u WHERE ${COUNTY_LEVEL} AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.unit_code = u.code
       AND s.kind = 'dispatch_table' AND s.period = $2 AND s.submitted_on <= $1::date)
     ON CONFLICT DO NOTHING RETURNING id`, [today, month]);
  return rows.length;
}

/** The month a draft ranking is due for on `today` (the 1st after an assessed month), if any. */
export function draftRankingMonth(c: Campaign, today: string): string | undefined {
  if (today.slice(8) !== '01') return undefined;
  const month = addDays(today, -1).slice(0, 7);
  return assessedMonths(c).includes(month) ? month : undefined;
}
