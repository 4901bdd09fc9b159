import type { DataSource } from 'typeorm';

// Who sees what (domain.md section 3), restated independently of the server for the role-matrix test:
// a county-level unit's users read the records their unit reports and records of any unit about
// enterprises in their jurisdiction (hazards also when assigned to the unit; actions also when aimed at
// it). `$1` is the unit.

const HAZARD = `(h.unit_code = $1 OR he.unit_code = $1 OR EXISTS (SELECT 1 FROM assignments ha WHERE ha.hazard_ledger_no = h.ledger_no AND ha.unit_code = $1))`;
const INSPECTION = `(i.unit_code = $1 OR ie.unit_code = $1)`;
const ACTION = `(a.unit_code = $1 OR coalesce(ae.unit_code = $1, false) OR coalesce(a.target_unit_code = $1, false))`;
const LEADER_INSPECTION = `(li.unit_code = $1 OR coalesce(le.unit_code = $1, false))`;
const ASSIGNMENT = `(asg.unit_code = $1 OR ah.unit_code = $1 OR ahe.unit_code = $1)`;

const FROM = {
  hazards: 'hazards h JOIN enterprises he ON he.credit_code = h.enterprise_credit_code',
  inspections: 'inspections i JOIN enterprises ie ON ie.credit_code = i.enterprise_credit_code',
  actions: 'actions a LEFT JOIN enterprises ae ON ae.credit_code = a.enterprise_credit_code',
  leaderInspections: 'leader_inspections li LEFT JOIN enterprises le ON le.credit_code = li.enterprise_credit_code',
  assignments: 'assignments asg JOIN hazards ah ON ah.ledger_no = asg.hazard_ledger_no JOIN enterprises ahe ON ahe.credit_code = ah.enterprise_credit_code',
};

/** How many records of each list a user of `unit` may read (the list's `total` must be exactly this). */
export const VISIBLE_COUNT: Record<string, string> = {
  '/api/enterprises': `SELECT count(*)::int AS n FROM enterprises WHERE unit_code = $1`,
  '/api/hazards': `SELECT count(*)::int AS n FROM ${FROM.hazards} WHERE ${HAZARD} AND h.found_on <= '2023-12-31'`,
  '/api/inspections': `SELECT count(*)::int AS n FROM ${FROM.inspections} WHERE ${INSPECTION}`,
  '/api/findings': `SELECT count(*)::int AS n FROM findings f JOIN inspections i ON i.inspection_id = f.inspection_id JOIN enterprises ie ON ie.credit_code = i.enterprise_credit_code WHERE ${INSPECTION}`,
  '/api/actions': `SELECT count(*)::int AS n FROM ${FROM.actions} WHERE ${ACTION}`,
  '/api/leaders': `SELECT count(*)::int AS n FROM leaders WHERE unit_code = $1`,
  '/api/leader-inspections': `SELECT count(*)::int AS n FROM ${FROM.leaderInspections} WHERE ${LEADER_INSPECTION}`,
  '/api/assignments': `SELECT count(*)::int AS n FROM ${FROM.assignments} WHERE ${ASSIGNMENT}`,
  '/api/feedback': `SELECT count(*)::int AS n FROM feedback f JOIN ${FROM.assignments} ON asg.hazard_ledger_no = f.hazard_ledger_no WHERE ${ASSIGNMENT}`,
  '/api/drills': `SELECT count(*)::int AS n FROM drills d JOIN enterprises e ON e.credit_code = d.enterprise_credit_code WHERE e.unit_code = $1`,
  '/api/submissions': `SELECT count(*)::int AS n FROM submissions WHERE unit_code = $1`,
};

/**
 * Strings that name records a user of `unit` may not read: ledger numbers, inspection and action ids,
 * feedback document numbers, and the credit codes, names and leaders of other units that no readable
 * record mentions. None may appear in any answer to that user.
 */
export async function forbiddenTokens(ds: DataSource, unit: string): Promise<Set<string>> {
  const col = async (sql: string) => ((await ds.query(sql, [unit])) as { t: string }[]).map((r) => r.t).filter(Boolean);
  const visibleEnterprises = `
    SELECT credit_code FROM enterprises WHERE unit_code = $1
    UNION SELECT h.enterprise_credit_code FROM ${FROM.hazards} WHERE ${HAZARD}
    UNION SELECT i.enterprise_credit_code FROM ${FROM.inspections} WHERE ${INSPECTION}
    UNION SELECT a.enterprise_credit_code FROM ${FROM.actions} WHERE ${ACTION}
    UNION SELECT li.enterprise_credit_code FROM ${FROM.leaderInspections} WHERE ${LEADER_INSPECTION}`;
  const tokens = [
    ...(await col(`SELECT h.ledger_no AS t FROM ${FROM.hazards} WHERE NOT ${HAZARD}`)),
    ...(await col(`SELECT i.inspection_id AS t FROM ${FROM.inspections} WHERE NOT ${INSPECTION}`)),
    ...(await col(`SELECT a.action_id AS t FROM ${FROM.actions} WHERE NOT ${ACTION}`)),
    ...(await col(`SELECT f.document_no AS t FROM feedback f JOIN ${FROM.assignments} ON asg.hazard_ledger_no = f.hazard_ledger_no WHERE NOT ${ASSIGNMENT}`)),
    ...(await col(`SELECT credit_code AS t FROM enterprises WHERE credit_code NOT IN (${visibleEnterprises})`)),
    ...(await col(`SELECT name AS t FROM enterprises WHERE credit_code NOT IN (${visibleEnterprises})`)),
    ...(await col(`SELECT name AS t FROM leaders WHERE unit_code <> $1 AND name NOT IN (SELECT li.leader_name FROM ${FROM.leaderInspections} WHERE ${LEADER_INSPECTION})`)),
  ];
  return new Set(tokens);
}

/** The forbidden tokens found in a body, as whole words (a token inside a longer id does not count). */
export function leaks(body: string, tokens: Set<string>, except: string): string[] {
  const word = /[A-Za-z0-9]/;
  const found: string[] = [];
  for (const t of tokens) {
    if (except.includes(t)) continue;
    let at = body.indexOf(t);
    while (at >= 0) {
      const before = body[at - 1] ?? '';
      const after = body[at + t.length] ?? '';
      if (!word.test(before) && !word.test(after)) { found.push(t); break; }
      at = body.indexOf(t, at + 1);
    }
  }
  return found;
}
