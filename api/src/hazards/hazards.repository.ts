import type { DataSource } from 'typeorm';

export interface HazardFilter {
  unit?: string;
  source?: string;
  status?: 'open' | 'rectified' | 'closed';
  overdue?: boolean;
  listed?: boolean;
  /** the unit a unit-bound reader is limited to: its own records and records about its enterprises */
  scope?: string;
  asOf: string;
  sort: string;
  page: number;
  pageSize: number;
}

const SORTS: Record<string, string> = {
  found_on: 'h.found_on ASC, h.ledger_no',
  '-found_on': 'h.found_on DESC, h.ledger_no',
  deadline: 'h.deadline ASC NULLS LAST, h.ledger_no',
  '-deadline': 'h.deadline DESC NULLS LAST, h.ledger_no',
  ledger_no: 'h.ledger_no ASC',
  '-ledger_no': 'h.ledger_no DESC',
};
export const HAZARD_SORTS = Object.keys(SORTS);

// overdue as I1 defines it: a deadline on or before the as-of date, not met by a rectification on or before it
const OVERDUE = `(h.deadline IS NOT NULL AND h.deadline <= $1::date AND (h.rectified_on IS NULL OR h.rectified_on > h.deadline))`;

export async function listHazards(ds: DataSource, f: HazardFilter) {
  const params: unknown[] = [f.asOf];
  const where: string[] = ['h.found_on <= $1::date'];
  const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replace('?', `$${params.length}`)); };
  if (f.unit) add('h.unit_code = ?', f.unit);
  if (f.source) add('h.source = ?', f.source);
  if (f.scope) {
    params.push(f.scope);
    const p = `$${params.length}`;
    where.push(`(h.unit_code = ${p} OR e.unit_code = ${p} OR EXISTS (SELECT 1 FROM assignments sa WHERE sa.hazard_ledger_no = h.ledger_no AND sa.unit_code = ${p}))`);
  }
  if (f.status === 'open') where.push('h.rectified_on IS NULL');
  if (f.status === 'rectified') where.push('h.rectified_on IS NOT NULL AND h.closed_on IS NULL');
  if (f.status === 'closed') where.push('h.closed_on IS NOT NULL');
  if (f.overdue !== undefined) where.push(f.overdue ? OVERDUE : `NOT ${OVERDUE}`);
  if (f.listed !== undefined) where.push(f.listed ? 'h.listed_on IS NOT NULL' : 'h.listed_on IS NULL');
  const from = `FROM hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code WHERE ${where.join(' AND ')}`;
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n ${from}`, params);
  const rows = await ds.query(
    `SELECT h.ledger_no, h.unit_code, h.enterprise_credit_code, e.name AS enterprise_name, h.source, h.found_on, h.category,
            h.deadline, h.rectified_on, h.closed_on, h.listed_level, ${OVERDUE} AS overdue
     ${from} ORDER BY ${SORTS[f.sort] ?? SORTS['-found_on']} LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    params,
  );
  return {
    items: rows.map((r: Record<string, string | boolean | null>) => ({
      ledgerNo: r.ledger_no, unitCode: r.unit_code, enterpriseCreditCode: r.enterprise_credit_code, enterpriseName: r.enterprise_name,
      source: r.source, foundOn: r.found_on, category: r.category, deadline: r.deadline, rectifiedOn: r.rectified_on,
      closedOn: r.closed_on, listedLevel: r.listed_level, overdue: r.overdue,
    })),
    total: n,
    page: f.page,
    pageSize: f.pageSize,
  };
}

export interface TimelineEvent {
  event: 'found' | 'confirmed' | 'listed' | 'assigned' | 'feedback' | 'rectified' | 'closed';
  on: string;
  by: string | null;
  detail: string | null;
}

export interface HazardSignoff {
  step: string;
  signer: string;
  signedOn: string;
  recordedBy: string;
}

export async function findHazard(ds: DataSource, ledgerNo: string) {
  const [h] = await ds.query(
    `SELECT h.*, e.name AS enterprise_name, e.unit_code AS jurisdiction, e.main_leader, i.signed_by AS inspection_signers, i.inspected_on
     FROM hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code LEFT JOIN inspections i ON i.inspection_id = h.inspection_id
     WHERE h.ledger_no = $1`, [ledgerNo]);
  if (!h) return undefined;
  const [assignment] = await ds.query(`SELECT unit_code, assigned_on FROM assignments WHERE hazard_ledger_no = $1`, [ledgerNo]);
  const feedback = await ds.query(`SELECT feedback_on, document_no, progress FROM feedback WHERE hazard_ledger_no = $1 ORDER BY feedback_on, document_no`, [ledgerNo]);
  // who signed each step made through the application (hazard_signoffs; imported history has none)
  const signoffs = (await ds.query(
    `SELECT step, signer, signed_on AS "signedOn", recorded_by AS "recordedBy" FROM hazard_signoffs WHERE hazard_ledger_no = $1 ORDER BY id`, [ledgerNo],
  )) as HazardSignoff[];
  const signer = (step: string) => signoffs.find((s) => s.step === step)?.signer ?? null;
  const timeline: TimelineEvent[] = [];
  const push = (event: TimelineEvent['event'], on: string | null, by: string | null, detail: string | null) => { if (on) timeline.push({ event, on, by, detail }); };
  push('found', h.found_on, h.inspection_signers ? (h.inspection_signers as string[]).join('、') : signer('report'), h.inspection_id ? `检查 ${h.inspection_id}` : h.source);
  const confirmers = [signer('confirm_enterprise'), signer('confirm_unit')].filter(Boolean);
  push('confirmed', h.confirmed_on, confirmers.length ? confirmers.join('、') : h.main_leader, '两级确认');
  push('listed', h.listed_on, h.tracker, h.listed_level);
  if (assignment) push('assigned', assignment.assigned_on, signer('assign'), `交办 ${assignment.unit_code}`);
  for (const f of feedback) push('feedback', f.feedback_on, null, `${f.document_no}${f.progress ? `：${f.progress}` : ''}`);
  push('rectified', h.rectified_on, h.responsible_person, h.measures);
  push('closed', h.closed_on, h.closed_by, '办结销号');
  return {
    ledgerNo: h.ledger_no, unitCode: h.unit_code, jurisdiction: h.jurisdiction, enterpriseCreditCode: h.enterprise_credit_code,
    enterpriseName: h.enterprise_name, source: h.source, foundOn: h.found_on, description: h.description, category: h.category,
    inspectionId: h.inspection_id, confirmedOn: h.confirmed_on, listedLevel: h.listed_level, listedOn: h.listed_on, tracker: h.tracker,
    responsiblePerson: h.responsible_person, measures: h.measures, fundsWan: h.funds_wan === null ? null : Number(h.funds_wan),
    deadline: h.deadline, contingencyPlan: h.contingency_plan, rectifiedOn: h.rectified_on, closedOn: h.closed_on, closedBy: h.closed_by,
    assignment: assignment ? { unitCode: assignment.unit_code, assignedOn: assignment.assigned_on } : null,
    signoffs,
    timeline,
  };
}
