import type { DataSource } from 'typeorm';
import { loadCampaign } from '../../campaign/campaign.js';
import { chinaDay, type Instant } from '../../common/china-time.js';
import { listPage, Where } from '../common/list-query.js';
import type { Page } from '../common/page.dto.js';
import { pagedContract } from '../../../../analytics/src/arrow.js';

export interface HazardFilter {
  unit?: string;
  source?: string;
  status?: 'open' | 'rectified' | 'closed';
  overdue?: boolean;
  listed?: boolean;
  /** text search: a part of the ledger number, the enterprise's name or the description, any case */
  q?: string;
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

/** a row of GET /api/hazards */
export interface HazardListItem {
  ledgerNo: string; unitCode: string; enterpriseCreditCode: string; enterpriseName: string; source: string; foundOn: string;
  category: string | null; deadline: string | null; rectifiedOn: string | null; closedOn: string | null; listedLevel: string | null;
  overdue: boolean;
}

/** GET /api/hazards as Arrow: the same rows, dates as Date32, codes as dictionaries */
export const HAZARD_LIST_ARROW = pagedContract<HazardListItem>([
  { name: 'ledgerNo', type: 'utf8' }, { name: 'unitCode', type: 'code' }, { name: 'enterpriseCreditCode', type: 'utf8' },
  { name: 'enterpriseName', type: 'utf8' }, { name: 'source', type: 'code' }, { name: 'foundOn', type: 'date' },
  { name: 'category', type: 'code' }, { name: 'deadline', type: 'date' }, { name: 'rectifiedOn', type: 'date' },
  { name: 'closedOn', type: 'date' }, { name: 'listedLevel', type: 'code' }, { name: 'overdue', type: 'bool' },
]);

// overdue as I1 defines it: a deadline on or before the as-of date, not met by a rectification on or before it.
// $1 is the as-of date: listHazards adds it as its first condition, and the SELECT list reads it too.
const OVERDUE = `h.deadline IS NOT NULL AND h.deadline <= $1::date AND (h.rectified_on IS NULL OR h.rectified_on > h.deadline)`;

const STATUS: Record<NonNullable<HazardFilter['status']>, string> = {
  open: 'h.rectified_on IS NULL',
  rectified: 'h.rectified_on IS NOT NULL AND h.closed_on IS NULL',
  closed: 'h.closed_on IS NOT NULL',
};

const SELECT = `h.ledger_no AS "ledgerNo", h.unit_code AS "unitCode", h.enterprise_credit_code AS "enterpriseCreditCode",
  e.name AS "enterpriseName", h.source, h.found_on AS "foundOn", h.category, h.deadline, h.rectified_on AS "rectifiedOn",
  h.closed_on AS "closedOn", h.listed_level AS "listedLevel", (${OVERDUE}) AS overdue`;

/** `%`, `_` and the escape character itself match literally in a search (LIKE … ESCAPE '\\') */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const SEARCH = `h.ledger_no ILIKE ? ESCAPE '\\' OR e.name ILIKE ? ESCAPE '\\' OR h.description ILIKE ? ESCAPE '\\'`;

/** The list's conditions, shared by GET /api/hazards and the ledger's CSV export so both select the same rows. */
export function hazardWhere(f: Omit<HazardFilter, 'sort' | 'page' | 'pageSize'>): Where {
  const w = new Where().add('h.found_on <= ?::date', f.asOf).maybe('h.unit_code = ?', f.unit).maybe('h.source = ?', f.source);
  if (f.scope) w.add('h.unit_code = ? OR e.unit_code = ? OR EXISTS (SELECT 1 FROM assignments sa WHERE sa.hazard_ledger_no = h.ledger_no AND sa.unit_code = ?)', f.scope);
  if (f.status) w.raw(STATUS[f.status]);
  if (f.overdue !== undefined) w.raw(f.overdue ? OVERDUE : `NOT (${OVERDUE})`);
  if (f.listed !== undefined) w.raw(f.listed ? 'h.listed_on IS NOT NULL' : 'h.listed_on IS NULL');
  const q = f.q?.trim();
  if (q) w.add(SEARCH, likePattern(q));
  return w;
}

/** the list's as-of date: today (China's calendar day of `now`, from the injected clock), or the campaign's end once it is over */
export async function ledgerAsOf(ds: DataSource, now: Instant): Promise<string> {
  const c = await loadCampaign(ds);
  const today = chinaDay(now);
  return today < c.endOn ? today : c.endOn;
}

export const HAZARDS_FROM = 'hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code';

/** the ORDER BY of a sort key (the list's default when the key is unknown) */
export function hazardOrder(sort: string): string {
  return SORTS[Object.hasOwn(SORTS, sort) ? sort : '-found_on'];
}

export function listHazards(ds: DataSource, f: HazardFilter): Promise<Page<HazardListItem>> {
  return listPage<HazardListItem>(ds, {
    select: SELECT, from: HAZARDS_FROM, where: hazardWhere(f),
    sort: Object.hasOwn(SORTS, f.sort) ? f.sort : '-found_on', sorts: SORTS, page: f.page, pageSize: f.pageSize,
  });
}

/** one step of a hazard's life on its page (时间线), in date order */
export interface TimelineEvent {
  /** `deadline` is the plan's 整改期限, placed on its date among the steps */
  event: 'found' | 'confirmed' | 'listed' | 'assigned' | 'feedback' | 'deadline' | 'rectified' | 'closed';
  on: string;
  by: string | null;
  /** for a person to read: the inspection, the assigned unit's name, the feedback's document number … */
  detail: string | null;
  /** 逾期: the deadline passed unmet (as of the page's day), or the rectification came after it */
  overdue?: boolean;
}

export interface HazardSignoff {
  step: string;
  signer: string;
  signedOn: string;
  recordedBy: string;
}

/** The hazard page's record; `now` (the injected clock's) gives the as-of day that decides whether an open hazard is overdue. */
export async function findHazard(ds: DataSource, ledgerNo: string, now: Date) {
  const [h] = await ds.query(
    `SELECT h.*, e.name AS enterprise_name, e.unit_code AS jurisdiction, e.main_leader, i.signed_by AS inspection_signers, i.inspected_on
     FROM hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code LEFT JOIN inspections i ON i.inspection_id = h.inspection_id
     WHERE h.ledger_no = $1`, [ledgerNo]);
  if (!h) return undefined;
  const [assignment] = await ds.query(
    `SELECT a.unit_code, a.assigned_on, u.name AS unit_name FROM assignments a JOIN units u ON u.code = a.unit_code WHERE a.hazard_ledger_no = $1`, [ledgerNo]);
  const feedback = await ds.query(`SELECT feedback_on, document_no, progress FROM feedback WHERE hazard_ledger_no = $1 ORDER BY feedback_on, document_no`, [ledgerNo]);
  // who signed each step made through the application (hazard_signoffs; imported history has none)
  const signoffs = (await ds.query(
    `SELECT step, signer, signed_on AS "signedOn", recorded_by AS "recordedBy" FROM hazard_signoffs WHERE hazard_ledger_no = $1 ORDER BY id`, [ledgerNo],
  )) as HazardSignoff[];
  const signer = (step: string) => signoffs.find((s) => s.step === step)?.signer ?? null;
  // overdue as I1 defines it (OVERDUE above): a deadline on or before the as-of day, not met by a rectification on or before it
  const rectifiedLate = !!(h.deadline && h.rectified_on && h.rectified_on > h.deadline);
  const asOf = await ledgerAsOf(ds, now);
  const overdue = !!h.deadline && h.deadline <= asOf && (!h.rectified_on || rectifiedLate);
  const timeline: TimelineEvent[] = [];
  const push = (event: TimelineEvent['event'], on: string | null, by: string | null, detail: string | null, late = false) => {
    if (on) timeline.push({ event, on, by, detail, ...(late ? { overdue: true } : {}) });
  };
  push('found', h.found_on, h.inspection_signers ? (h.inspection_signers as string[]).join('、') : signer('report'), h.inspection_id ? `检查 ${h.inspection_id}` : h.source);
  const confirmers = [signer('confirm_enterprise'), signer('confirm_unit')].filter(Boolean);
  push('confirmed', h.confirmed_on, confirmers.length ? confirmers.join('、') : h.main_leader, '两级确认');
  push('listed', h.listed_on, h.tracker, h.listed_level);
  if (assignment) push('assigned', assignment.assigned_on, signer('assign'), assignment.unit_name);
  for (const f of feedback) push('feedback', f.feedback_on, null, `${f.document_no}${f.progress ? `：${f.progress}` : ''}`);
  push('deadline', h.deadline, h.responsible_person, null, overdue);
  push('rectified', h.rectified_on, h.responsible_person, h.measures, rectifiedLate);
  push('closed', h.closed_on, h.closed_by, '办结销号');
  // date order; a stable sort keeps the lifecycle's order for steps of the same day (整改 on its deadline reads after it)
  timeline.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return {
    ledgerNo: h.ledger_no, unitCode: h.unit_code, jurisdiction: h.jurisdiction, enterpriseCreditCode: h.enterprise_credit_code,
    enterpriseName: h.enterprise_name, source: h.source, foundOn: h.found_on, description: h.description, category: h.category,
    // the first level of 两级确认 as the lifecycle's rules read it (hazard-state.ts lockHazard)
    inspectionId: h.inspection_id, enterpriseConfirmedOn: signoffs.find((s) => s.step === 'confirm_enterprise')?.signedOn ?? null,
    confirmedOn: h.confirmed_on, listedLevel: h.listed_level, listedOn: h.listed_on, tracker: h.tracker,
    responsiblePerson: h.responsible_person, measures: h.measures, fundsWan: h.funds_wan === null ? null : Number(h.funds_wan),
    deadline: h.deadline, overdue, contingencyPlan: h.contingency_plan, rectifiedOn: h.rectified_on, closedOn: h.closed_on, closedBy: h.closed_by,
    assignment: assignment ? { unitCode: assignment.unit_code, unitName: assignment.unit_name, assignedOn: assignment.assigned_on } : null,
    signoffs,
    timeline,
  };
}
