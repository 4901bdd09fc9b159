import type { DataSource } from 'typeorm';
import type { SchemeParams } from '../../../analytics/src/default-scheme.js';
import { coverageWindows, type CoverageProvider } from './coverage.js';

// An alert's life: open → acknowledged (who, a note) → resolved when the duty is met;
// an alert still open N days after its due date escalates to the city office, and N days later to the
// group leader. N is the scheme's `alertGraceDays` (default 3).

export const DEFAULT_ALERT_GRACE_DAYS = 3;

/**
 * The grace period: a scheme is never edited, so the office changes it by creating a scheme version with
 * `alertGraceDays`; the newest version that carries it rules, and 3 days when none does.
 */
export async function loadGraceDays(ds: DataSource): Promise<number> {
  const [row] = (await ds.query(`SELECT params->'alertGraceDays' AS n FROM scoring_schemes WHERE params ? 'alertGraceDays' ORDER BY created_at DESC, version DESC LIMIT 1`)) as { n: unknown }[];
  const n = row?.n;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : DEFAULT_ALERT_GRACE_DAYS;
}

// When each kind's duty counts as met, as seen on `today` ($1). A late submission resolves the alert
// (the late deduction of the ranking stays: that is the score's business, not the alert's).
const MET: Record<string, string> = {
  monthly_report_missing: `EXISTS (SELECT 1 FROM submissions s WHERE s.unit_code = a.unit_code AND s.kind = 'monthly_report' AND s.period = a.record_ref AND s.submitted_on <= $1::date)`,
  dispatch_table_missing: `EXISTS (SELECT 1 FROM submissions s WHERE s.unit_code = a.unit_code AND s.kind = 'dispatch_table' AND s.period = a.record_ref AND s.submitted_on <= $1::date)`,
  stage_report_missing: `EXISTS (SELECT 1 FROM submissions s WHERE s.unit_code = a.unit_code AND s.kind = 'stage_report' AND s.submitted_on <= $1::date)`,
  summary_missing: `EXISTS (SELECT 1 FROM submissions s WHERE s.unit_code = a.unit_code AND s.kind = 'summary' AND s.submitted_on <= $1::date)`,
  feedback_missing: `(EXISTS (SELECT 1 FROM feedback f WHERE f.hazard_ledger_no = a.record_ref AND f.feedback_on BETWEEN a.due_on - 6 AND $1::date)
                     OR EXISTS (SELECT 1 FROM hazards h WHERE h.ledger_no = a.record_ref AND h.closed_on <= $1::date))`,
  hazard_overdue: `EXISTS (SELECT 1 FROM hazards h WHERE h.ledger_no = a.record_ref AND h.rectified_on <= $1::date)`,
  // record_ref is 'YYYY-MM name'; inspections recorded late but dated in the month count
  leader_inspections_short: `(SELECT count(*) FROM leader_inspections li WHERE li.unit_code = a.unit_code AND li.leader_name = substr(a.record_ref, 9)
                                AND li.inspected_on BETWEEN date_trunc('month', a.due_on)::date AND a.due_on)
                             >= (SELECT CASE l.role WHEN 'main' THEN $2::int ELSE $3::int END FROM leaders l
                                 WHERE l.unit_code = a.unit_code AND l.name = substr(a.record_ref, 9))`,
  typical_case_missing: `EXISTS (SELECT 1 FROM actions x WHERE x.unit_code = a.unit_code AND x.kind = 'typical_case'
                          AND x.acted_on BETWEEN date_trunc('month', a.due_on)::date AND a.due_on AND x.acted_on <= $1::date)`,
  drills_missing: `(SELECT count(*) FROM drills d WHERE d.enterprise_credit_code = a.record_ref AND d.drilled_on <= $1::date
                     AND d.drilled_on >= (SELECT min(c.start_on) FROM campaigns c WHERE a.due_on BETWEEN c.start_on AND c.end_on)) >= 2`,
  draft_ranking: `($1::date IS NOT NULL AND EXISTS (SELECT 1 FROM published_rankings p WHERE p.month = a.record_ref))`,
};

/** Marks resolved every unresolved alert whose duty is now met; returns how many. */
export async function resolveMet(ds: DataSource, scheme: SchemeParams, coverage: CoverageProvider, today: string): Promise<number> {
  let n = 0;
  for (const [kind, met] of Object.entries(MET)) {
    const rows = await ds.query(
      `UPDATE alerts a SET state = 'resolved', resolved_on = $1::date WHERE a.kind = '${kind}' AND a.state <> 'resolved' AND ${met} RETURNING a.id`,
      kind === 'leader_inspections_short' ? [today, scheme.leaderRule.main, scheme.leaderRule.member] : [today]);
    n += (rows as unknown[][])[0]?.length ?? 0;
  }
  n += await resolveCoverage(ds, coverage, today);
  return n;
}

// Coverage alerts are resolved by asking the provider again: a unit no longer behind has met the duty.
async function resolveCoverage(ds: DataSource, coverage: CoverageProvider, today: string): Promise<number> {
  const open = (await ds.query(`SELECT id, unit_code, record_ref, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM alerts WHERE kind = 'coverage_behind' AND state <> 'resolved'`)) as { id: string; unit_code: string; record_ref: string; due_on: string }[];
  let n = 0;
  const gaps = new Map<string, Awaited<ReturnType<CoverageProvider['gaps']>>>();
  for (const a of open) {
    const w = coverageWindows(a.due_on.slice(0, 4)).find((x) => x.to === a.due_on);
    if (!w) continue;
    // the window stays the one of the duty; inspections recorded late but dated inside it count
    if (!gaps.has(a.due_on)) gaps.set(a.due_on, await coverage.gaps(ds, w));
    const behind = gaps.get(a.due_on)!;
    const unit = w.who === 'county' ? a.unit_code : a.record_ref.split(' ')[1];
    if (!behind.some((g) => g.unitCode === unit)) {
      await ds.query(`UPDATE alerts SET state = 'resolved', resolved_on = $2::date WHERE id = $1`, [a.id, today]);
      n++;
    }
  }
  return n;
}

export interface Escalated { id: string; unitCode: string; level: 1 | 2 }

/**
 * Escalates the alerts still open: to the city office on the day after due date + N, to the group
 * leader on the day after due date + 2N. A missed day is caught up: both steps may happen in one run.
 */
export async function escalateOpen(ds: DataSource, grace: number, today: string): Promise<Escalated[]> {
  const out: Escalated[] = [];
  for (const level of [1, 2] as const) {
    const rows = (await ds.query(
      `UPDATE alerts SET escalation_level = $3, escalated_on = $1::date
       WHERE state = 'open' AND kind <> 'draft_ranking' AND escalation_level = $3 - 1 AND due_on + $2::int * $3 < $1::date
       RETURNING id::text AS id, unit_code`, [today, grace, level])) as [{ id: string; unit_code: string }[], number];
    out.push(...rows[0].map((r) => ({ id: r.id, unitCode: r.unit_code, level })));
  }
  return out;
}
