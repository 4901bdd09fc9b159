import { CAMPAIGN_COLUMNS, campaignProblems, type CampaignDraft } from '../campaign/campaign-rules.js';
import { COUNTY_LEVELS, KINDS_NEEDING_ENTERPRISE, KINDS_NEEDING_TARGET_UNIT } from './bundle-files.js';
import { sameValue } from './bundle-records.js';
import type { ProblemList } from './bundle-problem.js';
import type { Known, LedgerState } from './ledger-state.js';

interface Side {
  known: Known | undefined;
  column: string;
  message: string;
}

/**
 * A rule between two records is reported on the first record when the bundle brings it, else on the
 * second (a bundle correction that breaks a rule with a record already in the database).
 */
function blame(problems: ProblemList, first: Side, second?: Side): void {
  for (const side of [first, second]) {
    if (side?.known?.record) {
      problems.at(side.known.record.at, side.column, side.message);
      return;
    }
  }
}

const get = (map: Map<string, Known>, v: unknown) => (typeof v === 'string' ? map.get(v) : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const q = (v: unknown) => JSON.stringify(v);

function checkUnits(s: LedgerState, problems: ProblemList): void {
  for (const u of s.keyed.units.values()) {
    if (!u.record || typeof u.row.parent_code !== 'string') continue;
    if (u.row.parent_code === u.row.code) {
      problems.at(u.record.at, 'parent_code', 'a unit cannot be its own parent');
      continue;
    }
    const seen = new Set<unknown>([u.row.code]);
    for (let p = get(s.keyed.units, u.row.parent_code); p; p = get(s.keyed.units, p.row.parent_code)) {
      if (seen.has(p.row.code)) {
        if (p.row.code === u.row.code) problems.at(u.record.at, 'parent_code', `the parents of unit ${q(u.row.code)} lead back to it`);
        break;
      }
      seen.add(p.row.code);
    }
  }
}

// 属地 and 交办 both belong to county-level units (county or development zone).
function checkCountyLevel(s: LedgerState, problems: ProblemList): void {
  const notCounty = (code: unknown) => {
    const unit = get(s.keyed.units, code);
    // a level that could not be read (null) was reported already
    return unit && typeof unit.row.level === 'string' && !COUNTY_LEVELS.includes(unit.row.level) ? unit : undefined;
  };
  for (const e of s.keyed.enterprises.values()) {
    const unit = notCounty(e.row.unit_code);
    if (unit) blame(problems,
      { known: e, column: 'unit_code', message: `jurisdiction ${q(e.row.unit_code)} is a ${unit.row.level}; an enterprise's jurisdiction must be a county or zone` },
      { known: unit, column: 'level', message: `unit ${q(unit.row.code)} is the jurisdiction of enterprise ${q(e.row.credit_code)} in the database, so it must be a county or zone` });
  }
  for (const a of s.keyed.assignments.values()) {
    const unit = notCounty(a.row.unit_code);
    if (unit) blame(problems,
      { known: a, column: 'unit_code', message: `unit ${q(a.row.unit_code)} is a ${unit.row.level}; a hazard is assigned to a county or zone` },
      { known: unit, column: 'level', message: `hazard ${q(a.row.hazard_ledger_no)} is assigned to unit ${q(unit.row.code)} in the database, so it must be a county or zone` });
  }
}

// A signed inspection (签名) is never edited; it is corrected by a new record that names it.
function checkSignedInspections(s: LedgerState, problems: ProblemList): void {
  for (const i of s.keyed.inspections.values()) {
    if (!i.record || !i.db) continue;
    const changed = i.record.spec.columns.find((c) => i.record!.present.has(c.name) && !i.record!.invalid.has(c.name) && !sameValue(i.record!.row[c.name], i.db![c.name]));
    if (changed) {
      problems.at(i.record.at, changed.name, `inspection ${q(i.row.inspection_id)} is already in the database with ${changed.name} ${q(i.db[changed.name])}; a signed inspection is never changed: record the correction as a new inspection`);
    }
  }
}

const LISTING = ['listed_level', 'listed_on', 'tracker'];

function checkHazard(h: Known, s: LedgerState, problems: ProblemList): void {
  const r = h.record!;
  const row = h.row;
  const found = str(row.found_on);
  const given = LISTING.filter((c) => row[c] !== null);
  if (given.length > 0 && given.length < LISTING.length && !LISTING.some((c) => r.invalid.has(c))) {
    for (const c of LISTING.filter((x) => row[x] === null)) problems.at(r.at, c, `missing: listed_level, listed_on and tracker (挂牌督办) are given all together or not at all (${given.join(', ')} given)`);
  }
  if (found) {
    for (const c of ['confirmed_on', 'listed_on', 'deadline', 'rectified_on']) {
      const d = str(row[c]);
      if (d && d < found) problems.at(r.at, c, `${d} is before the hazard was found (found_on ${found})`);
    }
  }
  const [rectified, closed, listed] = [str(row.rectified_on), str(row.closed_on), str(row.listed_on)];
  if (closed && !rectified && !r.invalid.has('rectified_on')) problems.at(r.at, 'closed_on', 'closed without rectified_on: a hazard is closed (销号) only once rectified');
  if (closed && rectified && closed < rectified) problems.at(r.at, 'closed_on', `${closed} is before the hazard was rectified (rectified_on ${rectified})`);
  if (closed && listed && closed < listed) problems.at(r.at, 'closed_on', `${closed} is before the hazard was listed (listed_on ${listed})`);
  const ins = get(s.keyed.inspections, row.inspection_id);
  if (!ins) return;
  const id = q(row.inspection_id);
  if (row.enterprise_credit_code !== null && ins.row.enterprise_credit_code !== row.enterprise_credit_code) {
    problems.at(r.at, 'inspection_id', `inspection ${id} inspected enterprise ${q(ins.row.enterprise_credit_code)}, not this hazard's enterprise ${q(row.enterprise_credit_code)}`);
  }
  if (found && String(ins.row.inspected_on) > found) problems.at(r.at, 'inspection_id', `inspection ${id} is dated ${ins.row.inspected_on}, after the hazard was found (found_on ${found})`);
  if (ins.row.major_hazards_found === 0) problems.at(r.at, 'inspection_id', `inspection ${id} was signed with major_hazards_found = 0, so it did not find this hazard`);
}

function checkActions(s: LedgerState, problems: ProblemList): void {
  for (const a of s.keyed.actions.values()) {
    const kind = str(a.row.kind);
    const r = a.record;
    if (r && kind) {
      const need = (column: string, what: string) => {
        if (a.row[column] === null && !r.invalid.has(column)) problems.at(r.at, column, `required for kind ${kind} (${what})`);
      };
      if (KINDS_NEEDING_ENTERPRISE.includes(kind)) need('enterprise_credit_code', 'the enterprise acted against');
      if (KINDS_NEEDING_TARGET_UNIT.includes(kind)) need('target_unit_code', 'the unit assisted or interviewed');
      if (kind === 'penalty') need('amount_wan', 'the fine in 万元');
    }
    const h = get(s.keyed.hazards, a.row.hazard_ledger_no);
    const [acted, found] = [str(a.row.acted_on), str(h?.row.found_on)];
    if (kind === 'penalty' && h && acted && found && acted < found) blame(problems,
      { known: a, column: 'acted_on', message: `a penalty of ${acted} cannot punish hazard ${q(h.row.ledger_no)}, found later (${found})` },
      { known: h, column: 'found_on', message: `${found} is after penalty ${q(a.row.action_id)} of ${acted} in the database, which punishes this hazard` });
  }
}

// found ≤ assigned ≤ closed, and assigned ≤ each feedback (反馈).
function checkAssignments(s: LedgerState, problems: ProblemList): void {
  for (const a of s.keyed.assignments.values()) {
    const h = get(s.keyed.hazards, a.row.hazard_ledger_no);
    const [assigned, found, closed] = [str(a.row.assigned_on), str(h?.row.found_on), str(h?.row.closed_on)];
    if (!assigned) continue;
    if (found && assigned < found) blame(problems,
      { known: a, column: 'assigned_on', message: `${assigned} is before the hazard was found (${found})` },
      { known: h, column: 'found_on', message: `${found} is after the hazard's assignment of ${assigned} in the database` });
    if (closed && assigned > closed) blame(problems,
      { known: a, column: 'assigned_on', message: `${assigned} is after the hazard was closed (${closed})` },
      { known: h, column: 'closed_on', message: `${closed} is before the hazard's assignment of ${assigned} in the database` });
  }
  for (const f of s.feedback) {
    const a = get(s.keyed.assignments, f.row.hazard_ledger_no);
    const [on, assigned] = [str(f.row.feedback_on), str(a?.row.assigned_on)];
    if (on && assigned && on < assigned) blame(problems,
      { known: f, column: 'feedback_on', message: `${on} is before the hazard was assigned (${assigned})` },
      { known: a, column: 'assigned_on', message: `${assigned} is after feedback of ${on} in the database` });
  }
}

/** A campaigns.csv row (or the database's) as the shared campaign rules read it; unreadable cells are null. */
function campaignDraft(k: Known): CampaignDraft {
  const cell = (field: keyof CampaignDraft) => {
    const column = CAMPAIGN_COLUMNS[field];
    return k.record?.invalid.has(column) ? null : str(k.row[column]) ?? null;
  };
  return {
    code: cell('code'), name: cell('name'), startOn: cell('startOn'), endOn: cell('endOn'), firstMonth: cell('firstMonth'),
    lastMonth: cell('lastMonth'), stageReportDue: cell('stageReportDue'), summaryDue: cell('summaryDue'),
  };
}

// A campaign's window holds its assessed months and due dates; its months overlap no other campaign's,
// in the bundle or the database (the rules of campaign-rules.ts, which POST /api/campaigns keeps too).
function checkCampaigns(s: LedgerState, problems: ProblemList): void {
  const all = [...s.keyed.campaigns.values()];
  for (const c of all) {
    if (!c.record) continue;
    const others = all.filter((o) => o !== c).map(campaignDraft)
      .filter((o): o is CampaignDraft & { code: string; firstMonth: string; lastMonth: string } => o.code !== null && o.firstMonth !== null && o.lastMonth !== null);
    for (const p of campaignProblems(campaignDraft(c), others)) problems.at(c.record.at, CAMPAIGN_COLUMNS[p.field], p.message);
  }
}

/** The rules of spec/bundle.md between records, on the ledger as it would be after the import. */
export function checkLedgerRules(s: LedgerState, problems: ProblemList): void {
  checkUnits(s, problems);
  checkCountyLevel(s, problems);
  checkSignedInspections(s, problems);
  for (const h of s.keyed.hazards.values()) if (h.record) checkHazard(h, s, problems);
  checkActions(s, problems);
  checkAssignments(s, problems);
  checkCampaigns(s, problems);
}
