import { DomainError } from '../../common/domain-error.js';
import type { Role } from '../../auth/roles.js';

// The hazard lifecycle as explicit transitions (domain.md section 3): report → confirm (enterprise, then
// unit) → list → assign → feedback → plan → rectify → close. Each function checks one transition against
// the hazard's state and throws the code of the first rule it breaks; the service writes only after.

export interface HazardState {
  ledgerNo: string;
  unitCode: string;
  enterpriseCreditCode: string;
  jurisdiction: string;
  mainLeader: string | null;
  foundOn: string;
  confirmedOn: string | null;
  /** the enterprise main leader's signature (first level of 两级确认), if given through the application */
  enterpriseConfirmedOn: string | null;
  listedOn: string | null;
  responsiblePerson: string | null;
  measures: string | null;
  fundsWan: string | null;
  deadline: string | null;
  contingencyPlan: string | null;
  rectifiedOn: string | null;
  closedOn: string | null;
  assignment: { unitCode: string; assignedOn: string } | null;
}

export const PLAN_FIELDS = ['responsiblePerson', 'measures', 'fundsWan', 'deadline', 'contingencyPlan'] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

function open(h: HazardState): void {
  if (h.closedOn) throw new DomainError('HAZARD_ALREADY_CLOSED', `hazard ${h.ledgerNo} was closed (办结销号) on ${h.closedOn}; a closed hazard does not change`);
}

function notBefore(h: HazardState, date: string, field: string, earlier: string | null, what: string): void {
  if (earlier && date < earlier) {
    throw new DomainError('DATES_OUT_OF_ORDER', `${field} ${date} is before ${what} ${earlier} of hazard ${h.ledgerNo}`);
  }
}

function confirmed(h: HazardState, step: string): void {
  if (!h.confirmedOn) throw new DomainError('HAZARD_NOT_CONFIRMED', `hazard ${h.ledgerNo} must be confirmed (两级确认) before it is ${step}`);
}

export function checkConfirmEnterprise(h: HazardState, signer: string, on: string): void {
  open(h);
  if (h.confirmedOn || h.enterpriseConfirmedOn) {
    throw new DomainError('HAZARD_ALREADY_CONFIRMED', `hazard ${h.ledgerNo} was already confirmed by the enterprise on ${h.enterpriseConfirmedOn ?? h.confirmedOn}`);
  }
  if (h.mainLeader && signer !== h.mainLeader) {
    throw new DomainError('SIGNER_NOT_MAIN_LEADER', `the first confirmation is signed by the enterprise's main leader ${h.mainLeader}, not by ${signer}`);
  }
  notBefore(h, on, 'on', h.foundOn, 'the found date');
}

export function checkConfirmUnit(h: HazardState, on: string): void {
  open(h);
  if (h.confirmedOn) throw new DomainError('HAZARD_ALREADY_CONFIRMED', `hazard ${h.ledgerNo} was confirmed on ${h.confirmedOn}`);
  if (!h.enterpriseConfirmedOn) {
    throw new DomainError('HAZARD_AWAITING_ENTERPRISE_CONFIRMATION', `hazard ${h.ledgerNo}: the enterprise's main leader confirms first (step "enterprise"), then the unit`);
  }
  notBefore(h, on, 'on', h.enterpriseConfirmedOn, "the enterprise's confirmation");
}

export function checkList(h: HazardState, on: string): void {
  open(h);
  confirmed(h, 'listed (挂牌督办)');
  if (h.listedOn) throw new DomainError('HAZARD_ALREADY_LISTED', `hazard ${h.ledgerNo} was listed for supervision on ${h.listedOn}`);
  notBefore(h, on, 'listedOn', h.foundOn, 'the found date');
}

export function checkAssign(h: HazardState, on: string): void {
  open(h);
  if (h.assignment) throw new DomainError('HAZARD_ALREADY_ASSIGNED', `hazard ${h.ledgerNo} was assigned to ${h.assignment.unitCode} on ${h.assignment.assignedOn}; a hazard is assigned once`);
  notBefore(h, on, 'assignedOn', h.foundOn, 'the found date');
}

export function checkFeedback(h: HazardState, on: string): void {
  open(h);
  if (!h.assignment) throw new DomainError('HAZARD_NOT_ASSIGNED', `hazard ${h.ledgerNo} is not assigned (交办); feedback answers an assignment`);
  notBefore(h, on, 'feedbackOn', h.assignment.assignedOn, 'the assigned date');
}

export function checkPlan(h: HazardState, deadline: string): void {
  open(h);
  confirmed(h, 'planned');
  if (h.rectifiedOn) throw new DomainError('HAZARD_ALREADY_RECTIFIED', `hazard ${h.ledgerNo} was rectified on ${h.rectifiedOn}`);
  if (h.deadline) throw new DomainError('HAZARD_ALREADY_PLANNED', `hazard ${h.ledgerNo} has a rectification plan with deadline ${h.deadline}; a deadline is not moved`);
  notBefore(h, deadline, 'deadline', h.foundOn, 'the found date');
}

/** The plan fields still missing after `given` is merged in; none are needed when rectified on the spot. */
export function missingPlan(h: HazardState, given: Partial<Record<PlanField, unknown>>, rectifiedOn: string): PlanField[] {
  if (rectifiedOn === h.foundOn) return [];
  return PLAN_FIELDS.filter((f) => (given[f] ?? h[f]) === null || (given[f] ?? h[f]) === undefined);
}

export function checkRectify(h: HazardState, rectifiedOn: string, given: Partial<Record<PlanField, unknown>>): void {
  open(h);
  confirmed(h, 'rectified');
  if (h.rectifiedOn) throw new DomainError('HAZARD_ALREADY_RECTIFIED', `hazard ${h.ledgerNo} was rectified on ${h.rectifiedOn}`);
  notBefore(h, rectifiedOn, 'rectifiedOn', h.foundOn, 'the found date');
  if (given.deadline && h.deadline) throw new DomainError('HAZARD_ALREADY_PLANNED', `hazard ${h.ledgerNo} has a deadline (${h.deadline}); it is not moved`);
  if (typeof given.deadline === 'string') notBefore(h, given.deadline, 'deadline', h.foundOn, 'the found date');
  const missing = missingPlan(h, given, rectifiedOn);
  if (missing.length) {
    throw new DomainError('HAZARD_PLAN_INCOMPLETE', `hazard ${h.ledgerNo} was not rectified on the spot (found ${h.foundOn}): give ${missing.join(', ')}`);
  }
}

export function checkClose(h: HazardState, role: Role, closedOn: string): void {
  open(h);
  if (!h.rectifiedOn) throw new DomainError('HAZARD_NOT_RECTIFIED', `hazard ${h.ledgerNo} is not rectified; only a rectified hazard is closed (办结销号)`);
  if (h.assignment && role !== 'group_leader') {
    throw new DomainError('GROUP_LEADER_REQUIRED', `hazard ${h.ledgerNo} was assigned (交办) to ${h.assignment.unitCode}: its close-out is signed by the group leader (role group_leader)`);
  }
  notBefore(h, closedOn, 'closedOn', h.rectifiedOn, 'the rectified date');
  notBefore(h, closedOn, 'closedOn', h.listedOn, 'the listed date');
  notBefore(h, closedOn, 'closedOn', h.assignment?.assignedOn ?? null, 'the assigned date');
}
