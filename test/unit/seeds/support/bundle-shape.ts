// Figures that say whether a generated ledger looks like a real campaign: rectified and overdue
// shares, missed feedback Fridays, 该发现而未发现 and 回头看 cases, sweep and spot-check coverage,
// leader and submission compliance. Computed the way domain.md sections 4 and 6 define them.
import { dayOf, type Bundle } from './read-bundle.js';

const END = dayOf('2023-12-31');
const isFriday = (d: number) => (((d + 4) % 7) + 7) % 7 === 5;

export interface Shape {
  hazards: number;
  rectifiedShare: number;
  overdue: number;
  listed: number;
  enforcementMonthShare: number;
  assigned: number;
  missedFridays: number;
  missedHazards: number;
  refound: number;
  typicalCrime: number;
  linkedPenalties: number;
  /** per county-level unit: share of in-scope enterprises it inspected in Jul–Aug */
  sweep: Record<string, number>;
  /** per county-level unit: share of its in-scope enterprises the city inspected in Sep–Nov */
  spotCheck: Record<string, number>;
  leaderMonthsMet: number;
  submissionsOnTime: number;
  submissionsLate: number;
}

export function bundleShape(b: Bundle): Shape {
  const units = new Map(b.units.map((u) => [u.code, u]));
  const entUnit = new Map(b.enterprises.map((e) => [e.credit_code, e.unit_code]));
  const inScope = b.enterprises.filter((e) => e.industry !== 'other' || e.risk_level !== 'general');
  const h = b.hazards;
  const overdue = h.filter((x) => x.deadline && dayOf(x.deadline) <= END && (!x.rectified_on || x.rectified_on > x.deadline));

  // missed feedback: Fridays f, assigned < f < closed (or ≤ END), with no feedback in f−6 … f
  const feedbackDays = new Map<string, Set<number>>();
  for (const f of b.feedback) {
    if (!feedbackDays.has(f.hazard_ledger_no)) feedbackDays.set(f.hazard_ledger_no, new Set());
    feedbackDays.get(f.hazard_ledger_no)!.add(dayOf(f.feedback_on));
  }
  const byLedger = new Map(h.map((x) => [x.ledger_no, x]));
  let missedFridays = 0;
  for (const a of b.assignments) {
    const hz = byLedger.get(a.hazard_ledger_no)!;
    const until = hz.closed_on ? dayOf(hz.closed_on) - 1 : END;
    const days = feedbackDays.get(a.hazard_ledger_no) ?? new Set<number>();
    for (let f = dayOf(a.assigned_on) + 1; f <= until; f++) {
      if (!isFriday(f)) continue;
      let ok = false;
      for (let d = f - 6; d <= f && !ok; d++) ok = days.has(d);
      if (!ok) missedFridays++;
    }
  }

  // 该发现而未发现: a city enforcement hazard on day d where the county signed clean in d−120 … d−1
  const clean = new Map<string, number[]>();
  for (const x of b.inspections) {
    if (x.major_hazards_found !== '0' || x.unit_code !== entUnit.get(x.enterprise_credit_code)) continue;
    if (!clean.has(x.enterprise_credit_code)) clean.set(x.enterprise_credit_code, []);
    clean.get(x.enterprise_credit_code)!.push(dayOf(x.inspected_on));
  }
  const missedHazards = h.filter((x) => {
    const county = entUnit.get(x.enterprise_credit_code)!;
    if (x.source !== 'enforcement' || units.get(county)?.parent_code !== x.unit_code) return false;
    const d = dayOf(x.found_on);
    return (clean.get(x.enterprise_credit_code) ?? []).some((c) => c >= d - 120 && c <= d - 1);
  }).length;

  // 回头看: a hazard found after a closed one at the same enterprise and category
  const closedAt = new Map<string, string[]>();
  for (const x of h) if (x.closed_on) closedAt.set(`${x.enterprise_credit_code}|${x.category}`, [...(closedAt.get(`${x.enterprise_credit_code}|${x.category}`) ?? []), x.closed_on]);
  const refound = h.filter((x) => (closedAt.get(`${x.enterprise_credit_code}|${x.category}`) ?? []).some((c) => c < x.found_on)).length;

  const coverage = (by: (unit: string, county: string) => boolean, from: string, to: string) => {
    const out: Record<string, number> = {};
    for (const u of b.units.filter((x) => x.level === 'county' || x.level === 'zone')) {
      const scope = new Set(inScope.filter((e) => e.unit_code === u.code).map((e) => e.credit_code));
      const seen = new Set(b.inspections.filter((x) => scope.has(x.enterprise_credit_code) && by(x.unit_code, u.code) && x.inspected_on >= from && x.inspected_on <= to).map((x) => x.enterprise_credit_code));
      out[u.code] = seen.size / scope.size;
    }
    return out;
  };

  // leader rule per (leader, assessed month)
  const counts = new Map<string, number>();
  for (const li of b.leader_inspections) {
    const k = `${li.unit_code}|${li.leader_name}|${li.inspected_on.slice(0, 7)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let met = 0;
  let pairs = 0;
  for (const l of b.leaders) {
    for (let m = 5; m <= 12; m++) {
      pairs++;
      if ((counts.get(`${l.unit_code}|${l.name}|2023-${String(m).padStart(2, '0')}`) ?? 0) >= (l.role === 'main' ? 1 : 2)) met++;
    }
  }

  const due = (kind: string, period: string) =>
    kind === 'monthly_report' ? `${period}-29` : kind === 'dispatch_table' ? nextMonthFirst(period) : kind === 'stage_report' ? '2023-08-09' : '2023-12-09';
  const onTime = b.submissions.filter((s) => s.submitted_on <= due(s.kind, s.period)).length;

  return {
    hazards: h.length,
    rectifiedShare: h.filter((x) => x.rectified_on).length / h.length,
    overdue: overdue.length,
    listed: h.filter((x) => x.listed_on).length,
    enforcementMonthShare: h.filter((x) => x.found_on >= '2023-07-01' && x.found_on <= '2023-11-30').length / h.length,
    assigned: b.assignments.length,
    missedFridays,
    missedHazards,
    refound,
    typicalCrime: b.actions.filter((a) => a.kind === 'typical_case' && a.crime === 'true').length,
    linkedPenalties: b.actions.filter((a) => a.kind === 'penalty' && a.hazard_ledger_no).length,
    sweep: coverage((unit, county) => unit === county, '2023-07-01', '2023-08-31'),
    spotCheck: coverage((unit, county) => unit === units.get(county)?.parent_code, '2023-09-01', '2023-11-30'),
    leaderMonthsMet: met / pairs,
    submissionsOnTime: onTime,
    submissionsLate: b.submissions.length - onTime,
  };
}

function nextMonthFirst(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
