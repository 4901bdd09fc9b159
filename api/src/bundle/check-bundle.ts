import type { EntityManager } from 'typeorm';
import { CAMPAIGN_COLUMNS, campaignProblems, type CampaignDraft } from '../campaign/campaign-rules.js';
import { COUNTY_LEVELS, fileSpec, KINDS_NEEDING_ENTERPRISE, KINDS_NEEDING_TARGET_UNIT, type TableName } from './bundle-files.js';
import { ProblemList } from './bundle-problem.js';
import { bundleSql } from './bundle-sql.js';
import { importStage } from './import-stages.js';
import { stagingTable, type StagedFile } from './stage-bundle.js';

// The checks across records of spec/bundle.md, on the staged bundle and the ledger (stage-bundle.ts,
// after-views.ts): which records break a rule is found in SQL (sql/, one query a rule), what is said about
// each here. The problems are added in the order the checks ran before they were SQL (duplicates,
// references, then the rules), each query's in line order: ProblemList.sorted keeps that order within a line.

type Q = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const q = (v: unknown) => JSON.stringify(v);

/** problem rows read from a check's cursor at a time */
const FETCH_ROWS = 10_000;

function lineWord(label: string): string {
  return label.endsWith('.csv') ? 'line' : 'row';
}

/** Reports a problem on `table`'s file at `line`, when the bundle has that file. */
type Say = (table: TableName, line: unknown, column: string, message: string) => void;

function sayer(files: StagedFile[], problems: ProblemList): Say {
  return (table, line, column, message) => {
    const f = files.find((x) => x.spec.table === table);
    if (f && typeof line === 'number') problems.at({ label: f.label, line }, column, message);
  };
}

/** Two records of one file with the same key (files without a key of their own are keyed by all their columns). */
async function checkDuplicateKeys(m: EntityManager, query: Q, files: StagedFile[], say: Say, problems: ProblemList): Promise<void> {
  for (const f of files) {
    // its unique index was built: no key twice (stage-bundle.ts)
    if (f.keysUnique) continue;
    const spec = f.spec;
    // later checks take a key's first record for it (the duplicates are reported here)
    const keyedByAll = spec.key.length === spec.columns.length;
    const names = { staging: stagingTable(spec.table), key: spec.key.map((k) => `"${k}"`).join(', ') };
    const unlisted = problems.unlisted;
    const dups = await query(bundleSql('duplicate-keys.sql', names));
    if (dups.length === 0 && problems.unlisted === unlisted) continue;
    // the message shows the key's values: read back only for the duplicates
    const values: Record<string, unknown>[] = keyedByAll ? [] : await m.query(`SELECT line, ${names.key} FROM ${names.staging} WHERE line = ANY($1::int[]) ORDER BY line`, [dups.map((d) => d.line)]);
    for (const [i, d] of dups.entries()) {
      if (keyedByAll) {
        say(spec.table, d.line, spec.key[0], `duplicate key: the same row as ${lineWord(f.label)} ${d.first_line} (${spec.file} is keyed by all its columns)`);
      } else {
        const shown = spec.key.map((k) => `${k} ${q(values[i][k])}`).join(', ');
        say(spec.table, d.line, spec.key[0], `duplicate key: ${shown} is also on ${lineWord(f.label)} ${d.first_line}`);
      }
    }
    await m.query(bundleSql('mark-duplicates.sql', names));
  }
}

export interface Reference {
  table: TableName;
  column: string;
  target: TableName;
  what: string;
}

const unitRef = (table: TableName, column = 'unit_code'): Reference => ({ table, column, target: 'units', what: 'unit' });
const enterpriseRef = (table: TableName, column = 'enterprise_credit_code'): Reference => ({ table, column, target: 'enterprises', what: 'enterprise' });
const hazardRef = (table: TableName): Reference => ({ table, column: 'hazard_ledger_no', target: 'hazards', what: 'hazard' });
const inspectionRef = (table: TableName): Reference => ({ table, column: 'inspection_id', target: 'inspections', what: 'inspection' });

const REFERENCES: Reference[] = [
  unitRef('units', 'parent_code'),
  unitRef('enterprises'), enterpriseRef('enterprises', 'parent_credit_code'),
  unitRef('leaders'),
  unitRef('inspections'), enterpriseRef('inspections'),
  inspectionRef('findings'),
  enterpriseRef('hazards'), unitRef('hazards'), inspectionRef('hazards'),
  unitRef('actions'), enterpriseRef('actions'), hazardRef('actions'), unitRef('actions', 'target_unit_code'),
  unitRef('leader_inspections'), enterpriseRef('leader_inspections'),
  hazardRef('assignments'), unitRef('assignments'),
  hazardRef('feedback'),
  enterpriseRef('drills'),
  unitRef('submissions'),
];

/** Which references a pass checks: `r` is one of REFERENCES. */
type Which = (r: Reference) => boolean;

/**
 * Every unit, enterprise, hazard, inspection and leader a record names is in the bundle or the database:
 * the references `which` picks, and with `rosters` the leaders' rosters and the feedback's assignments.
 */
async function checkReferences(query: Q, files: StagedFile[], say: Say, which: Which, rosters: boolean): Promise<void> {
  for (const f of files) {
    for (const ref of REFERENCES.filter((x) => x.table === f.spec.table && which(x))) {
      const target = fileSpec(ref.target);
      const names = { staging: stagingTable(ref.table), column: ref.column, target_staging: stagingTable(ref.target), target: ref.target, target_key: target.key[0] };
      for (const r of await query(bundleSql('reference-missing.sql', names))) {
        say(ref.table, r.line, ref.column, `${ref.what} ${q(r.value)} is not in ${target.file} nor in the database`);
      }
    }
    // a leader inspection (领导带队检查) counts only for a leader on that unit's roster
    if (rosters && f.spec.table === 'leader_inspections') {
      for (const r of await query(bundleSql('leader-not-on-roster.sql'))) {
        say('leader_inspections', r.line, 'leader_name', `leader ${q(r.leader_name)} is not on unit ${r.unit_code}'s roster (leaders.csv or the database)`);
      }
    }
    // feedback (反馈) answers an assignment (交办): the hazard must have been assigned
    if (rosters && f.spec.table === 'feedback') {
      for (const r of await query(bundleSql('feedback-unassigned.sql'))) {
        say('feedback', r.line, 'hazard_ledger_no', `hazard ${q(r.hazard_ledger_no)} has no assignment in assignments.csv nor in the database; feedback answers an assignment`);
      }
    }
    importStage(`check: references of ${f.label}`);
  }
}

/**
 * The references of REFERENCES that a foreign key of the ledger checks as the rows are written (one
 * column, checked at once, validated: read from the catalogue, so a key a migration drops is checked here
 * again).
 */
export async function keyedReferences(m: EntityManager): Promise<Reference[]> {
  const keys = (await m.query(bundleSql('keyed-references.sql'))) as { table: string; column: string; target: string; target_key: string }[];
  return REFERENCES.filter((r) => keys.some((k) => k.table === r.table && k.column === r.column && k.target === r.target && k.target_key === fileSpec(r.target).key[0]));
}

async function checkUnits(query: Q, say: Say): Promise<void> {
  for (const u of await query(bundleSql('unit-parent-cycle.sql'))) {
    say('units', u.line, 'parent_code', u.own_parent ? 'a unit cannot be its own parent' : `the parents of unit ${q(u.code)} lead back to it`);
  }
}

// 属地 and 交办 both belong to county-level units (county or development zone). A rule between two
// records is reported on the bundle's record when it brings it, else on the other one (a bundle
// correction that breaks a rule with a record already in the database).
async function checkCountyLevel(query: Q, say: Say): Promise<void> {
  const county = [COUNTY_LEVELS];
  for (const e of await query(bundleSql('county-level-enterprise.sql'), county)) {
    say('enterprises', e.line, 'unit_code', `jurisdiction ${q(e.unit_code)} is a ${e.level}; an enterprise's jurisdiction must be a county or zone`);
  }
  for (const u of await query(bundleSql('county-level-enterprise-unit.sql'), county)) {
    say('units', u.line, 'level', `unit ${q(u.code)} is the jurisdiction of enterprise ${q(u.credit_code)} in the database, so it must be a county or zone`);
  }
  for (const a of await query(bundleSql('county-level-assignment.sql'), county)) {
    say('assignments', a.line, 'unit_code', `unit ${q(a.unit_code)} is a ${a.level}; a hazard is assigned to a county or zone`);
  }
  for (const u of await query(bundleSql('county-level-assignment-unit.sql'), county)) {
    say('units', u.line, 'level', `hazard ${q(u.hazard_ledger_no)} is assigned to unit ${q(u.code)} in the database, so it must be a county or zone`);
  }
}

// A signed inspection (签名) is never edited; it is corrected by a new record that names it.
async function checkSignedInspections(query: Q, files: StagedFile[], say: Say): Promise<void> {
  const f = files.find((x) => x.spec.table === 'inspections');
  if (!f) return;
  for (const i of await query(bundleSql('signed-inspection-changed.sql'), [[...f.present]])) {
    const stored = (typeof i.db_value === 'string' ? JSON.parse(i.db_value) : i.db_value) as Record<string, unknown>;
    const column = String(i.changed);
    say('inspections', i.line, column, `inspection ${q(i.inspection_id)} is already in the database with ${column} ${q(stored[column])}; a signed inspection is never changed: record the correction as a new inspection`);
  }
}

const LISTING = ['listed_level', 'listed_on', 'tracker'];
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

async function checkHazards(candidates: Q, say: Say): Promise<void> {
  for (const row of await candidates(bundleSql('hazard-rules.sql'))) {
    const at = (column: string, message: string) => say('hazards', row.line, column, message);
    const invalid = row.invalid as string[];
    const found = str(row.found_on);
    const given = LISTING.filter((c) => row[c] !== null);
    if (given.length > 0 && given.length < LISTING.length && !LISTING.some((c) => invalid.includes(c))) {
      for (const c of LISTING.filter((x) => row[x] === null)) at(c, `missing: listed_level, listed_on and tracker (挂牌督办) are given all together or not at all (${given.join(', ')} given)`);
    }
    if (found) {
      for (const c of ['confirmed_on', 'listed_on', 'deadline', 'rectified_on']) {
        const d = str(row[c]);
        if (d && d < found) at(c, `${d} is before the hazard was found (found_on ${found})`);
      }
    }
    const [rectified, closed, listed] = [str(row.rectified_on), str(row.closed_on), str(row.listed_on)];
    if (closed && !rectified && !invalid.includes('rectified_on')) at('closed_on', 'closed without rectified_on: a hazard is closed (销号) only once rectified');
    if (closed && rectified && closed < rectified) at('closed_on', `${closed} is before the hazard was rectified (rectified_on ${rectified})`);
    if (closed && listed && closed < listed) at('closed_on', `${closed} is before the hazard was listed (listed_on ${listed})`);
    if (!row.inspection_known) continue;
    const id = q(row.inspection_id);
    if (row.enterprise_credit_code !== null && row.inspection_enterprise !== row.enterprise_credit_code) {
      at('inspection_id', `inspection ${id} inspected enterprise ${q(row.inspection_enterprise)}, not this hazard's enterprise ${q(row.enterprise_credit_code)}`);
    }
    if (found && String(row.inspected_on) > found) at('inspection_id', `inspection ${id} is dated ${row.inspected_on}, after the hazard was found (found_on ${found})`);
    if (row.major_hazards_found === 0) at('inspection_id', `inspection ${id} was signed with major_hazards_found = 0, so it did not find this hazard`);
  }
}

async function checkActions(query: Q, candidates: Q, say: Say): Promise<void> {
  for (const a of await candidates(bundleSql('action-rules.sql'), [KINDS_NEEDING_ENTERPRISE, KINDS_NEEDING_TARGET_UNIT])) {
    const invalid = a.invalid as string[];
    const need = (needed: unknown, column: string, what: string) => {
      if (needed && !invalid.includes(column)) say('actions', a.line, column, `required for kind ${a.kind} (${what})`);
    };
    need(a.needs_enterprise, 'enterprise_credit_code', 'the enterprise acted against');
    need(a.needs_target, 'target_unit_code', 'the unit assisted or interviewed');
    need(a.needs_amount, 'amount_wan', 'the fine in 万元');
  }
  for (const p of await query(bundleSql('penalty-before-found.sql'))) {
    if (p.action_line !== null) say('actions', p.action_line, 'acted_on', `a penalty of ${p.acted_on} cannot punish hazard ${q(p.ledger_no)}, found later (${p.found_on})`);
    else say('hazards', p.hazard_line, 'found_on', `${p.found_on} is after penalty ${q(p.action_id)} of ${p.acted_on} in the database, which punishes this hazard`);
  }
}

// found ≤ assigned ≤ closed, and assigned ≤ each feedback (反馈).
async function checkAssignments(query: Q, candidates: Q, say: Say): Promise<void> {
  for (const a of await candidates(bundleSql('assignment-dates.sql'))) {
    const [assigned, found, closed] = [String(a.assigned_on), str(a.found_on), str(a.closed_on)];
    if (found && assigned < found) {
      if (a.assignment_line !== null) say('assignments', a.assignment_line, 'assigned_on', `${assigned} is before the hazard was found (${found})`);
      else say('hazards', a.hazard_line, 'found_on', `${found} is after the hazard's assignment of ${assigned} in the database`);
    }
    if (closed && assigned > closed) {
      if (a.assignment_line !== null) say('assignments', a.assignment_line, 'assigned_on', `${assigned} is after the hazard was closed (${closed})`);
      else say('hazards', a.hazard_line, 'closed_on', `${closed} is before the hazard's assignment of ${assigned} in the database`);
    }
  }
  for (const f of await query(bundleSql('feedback-before-assigned.sql'))) {
    if (f.feedback_line !== null) say('feedback', f.feedback_line, 'feedback_on', `${f.feedback_on} is before the hazard was assigned (${f.assigned_on})`);
    else say('assignments', f.assignment_line, 'assigned_on', `${f.assigned_on} is after feedback of ${f.feedback_on} in the database`);
  }
}

// A campaign's window holds its assessed months and due dates; its months overlap no other campaign's,
// in the bundle or the database (the rules of campaign-rules.ts, which POST /api/campaigns keeps too).
// Campaigns are a few rows: they are read whole.
async function checkCampaigns(candidates: Q, say: Say): Promise<void> {
  const all = await candidates(bundleSql('campaigns-after.sql'));
  const draft = (k: Record<string, unknown>): CampaignDraft => {
    const invalid = (k.invalid as string[] | null) ?? [];
    const cell = (field: keyof CampaignDraft) => {
      const column = CAMPAIGN_COLUMNS[field];
      return invalid.includes(column) ? null : str(k[column]) ?? null;
    };
    return {
      code: cell('code'), name: cell('name'), startOn: cell('startOn'), endOn: cell('endOn'), firstMonth: cell('firstMonth'),
      lastMonth: cell('lastMonth'), stageReportDue: cell('stageReportDue'), summaryDue: cell('summaryDue'),
    };
  };
  for (const c of all) {
    if (c.line === null) continue;
    const others = all.filter((o) => o !== c).map(draft)
      .filter((o): o is CampaignDraft & { code: string; firstMonth: string; lastMonth: string } => o.code !== null && o.firstMonth !== null && o.lastMonth !== null);
    for (const p of campaignProblems(draft(c), others)) say('campaigns', c.line, CAMPAIGN_COLUMNS[p.field], p.message);
  }
}

/**
 * A query whose rows are problems, one each, finds at most what the problem list still has room for,
 * and counts the rest (bundle-problem.ts). It is read through a cursor planned for its whole result
 * (cursor_tuple_fraction 1, set by withCheckPlans) and no longer fetched once full: a LIMIT, or a cursor
 * planned for its first tenth, invites fast-start plans, and at nation size one check took an in-order
 * nested loop that ran over 8 minutes, against 2.5 s as a hash join.
 */
function problemQuery(m: EntityManager, problems: ProblemList): Q {
  return async (sql, params) => {
    const room = problems.room;
    const rows: Record<string, unknown>[] = [];
    await m.query(`DECLARE bundle_check NO SCROLL CURSOR FOR ${sql}`, params);
    for (;;) {
      const want = Math.min(FETCH_ROWS, room + 1 - rows.length);
      const batch = (await m.query(`FETCH FORWARD ${want} FROM bundle_check`)) as Record<string, unknown>[];
      rows.push(...batch);
      if (batch.length < want || rows.length > room) break;
    }
    await m.query('CLOSE bundle_check');
    if (rows.length <= room) return rows;
    const [{ n }] = (await m.query(`SELECT count(*)::bigint AS n FROM (${sql}) q`, params)) as { n: string }[];
    problems.unlisted += Number(n) - room;
    return rows.slice(0, room);
  };
}

// JIT compiles each check, a plan run once, for more than it saves (the action rules at province:
// 0.52 s with, 0.19 s without). It stays on for the writes.
async function withCheckPlans(m: EntityManager, run: () => Promise<void>): Promise<void> {
  await m.query('SET LOCAL jit = off');
  await m.query('SET LOCAL cursor_tuple_fraction = 1');
  await run();
  await m.query('SET LOCAL cursor_tuple_fraction TO DEFAULT');
  await m.query('SET LOCAL jit TO DEFAULT');
}

/** A further check with the staged bundle and the ledger as it would be after the import (import-bundle.ts). */
export type OwnCheck = (m: EntityManager, files: StagedFile[], problems: ProblemList) => Promise<void>;

/**
 * Every check of spec/bundle.md across records, on the staged bundle and the ledger as it would be
 * after the import, in the order the problems are listed within a line, then the caller's `own`.
 *
 * The references a foreign key of the ledger checks (keyedReferences) are checked here only when the
 * bundle is refused anyway: otherwise the key checks them as the rows go in, or as it is re-added after a
 * large load in one anti-join, and checking them here too read every reference twice (nation: 14 s of
 * anti-joins here, then the same again in the keys). A key that refuses the write undoes it, and
 * checkLeftReferences then lists what it refused, by file, line and field (import-bundle.ts). Whichever
 * way, the problems come in the same order: duplicates, references, rules, the caller's.
 */
export async function checkBundle(m: EntityManager, files: StagedFile[], problems: ProblemList, own?: OwnCheck): Promise<Reference[]> {
  let left: Reference[] = [];
  await withCheckPlans(m, async () => {
    await checkDuplicateKeys(m, problemQuery(m, problems), files, sayer(files, problems), problems);
    importStage('check: duplicate keys');
    // refused already (a cell, a key twice): every reference is checked here, in its place
    const keyed = problems.empty ? await keyedReferences(m) : [];
    // the later checks' problems, held until it is known whether the keyed references must be listed before them
    const rest = keyed.length > 0 ? new ProblemList(problems.room) : problems;
    const query = problemQuery(m, rest);
    // the queries whose rows are candidates (none, one or several problems each) are read whole: the
    // problem list counts what it has no room for
    const candidates: Q = (sql, params) => m.query(sql, params);
    const say = sayer(files, rest);
    await checkReferences(query, files, say, (r) => !keyed.includes(r), true);
    await checkUnits(query, say);
    importStage('check: unit cycles');
    await checkCountyLevel(query, say);
    importStage('check: county level');
    await checkSignedInspections(query, files, say);
    importStage('check: signed inspections');
    await checkHazards(candidates, say);
    importStage('check: hazard rules');
    await checkActions(query, candidates, say);
    importStage('check: action rules');
    await checkAssignments(query, candidates, say);
    importStage('check: assignment dates');
    await checkCampaigns(candidates, say);
    importStage('check: campaigns');
    await own?.(m, files, rest);
    importStage("check: the caller's own (an HTTP import's unit scope)");
    if (rest === problems) return;
    if (rest.empty) {
      left = keyed;
      return;
    }
    await checkReferences(problemQuery(m, problems), files, sayer(files, problems), (r) => keyed.includes(r), false);
    problems.takeFrom(rest.all, rest.unlisted);
  });
  return left;
}

/** The references checkBundle left to the ledger's foreign keys, checked now that one refused the write. */
export async function checkLeftReferences(m: EntityManager, files: StagedFile[], problems: ProblemList, left: readonly Reference[]): Promise<void> {
  await withCheckPlans(m, () => checkReferences(problemQuery(m, problems), files, sayer(files, problems), (r) => left.includes(r), false));
}
