import { DomainError } from '../../common/domain-error.js';
import { CITY_ROLES, type Role } from '../../auth/roles.js';
import type { HazardState } from './hazard-rules.js';

// Who may make each write of the hazard lifecycle (docs/api.md), declared once: the controller's @Roles
// read it, the service's scope checks are these functions, and the dashboard imports the same module to
// show a workflow button only to those who may press it. Pure: no Nest, no database.

export type HazardWrite = 'report' | 'confirm' | 'list' | 'assign' | 'feedback' | 'plan' | 'rectify' | 'close';

export const HAZARD_WRITE_ROLES: Record<HazardWrite, Role[]> = {
  report: ['city_office', 'county_branch'],
  confirm: ['city_office', 'county_branch'],
  list: ['city_office', 'group_leader', 'county_branch'],
  assign: ['city_office', 'group_leader'],
  feedback: ['city_office', 'county_branch'],
  plan: ['city_office', 'county_branch'],
  rectify: ['city_office', 'county_branch'],
  close: ['city_office', 'group_leader', 'county_branch'],
};

/** the signed-in user as the rules see it (a token's claims, or the dashboard's user) */
export interface HazardActor {
  role: Role;
  unit: string | null;
}

const isCity = (u: HazardActor) => CITY_ROLES.includes(u.role);

/**
 * Unit-bound users confirm, list, plan, rectify and close the hazards their unit reports. The unit a
 * hazard is assigned to (交办) may read it and give feedback, nothing else: confirming or rectifying
 * another unit's hazard would sign for an enterprise it does not oversee (docs/api.md).
 */
export function assertMayAct(u: HazardActor, h: Pick<HazardState, 'ledgerNo' | 'unitCode' | 'assignment'>): void {
  if (isCity(u) || h.unitCode === u.unit) return;
  const assigned = h.assignment?.unitCode === u.unit;
  throw new DomainError('OUT_OF_SCOPE', assigned
    ? `无权操作: hazard ${h.ledgerNo} is reported by unit ${h.unitCode} and assigned to yours (${u.unit}); an assigned unit reads it and gives feedback (反馈) only`
    : `无权操作: hazard ${h.ledgerNo} is reported by unit ${h.unitCode}; you act on your unit's hazards only (${u.unit})`);
}

/** Feedback answers an assignment: the assigned unit gives it; on a hazard not (yet) assigned, its reporting unit hears why not. */
export function assertMayGiveFeedback(u: HazardActor, h: Pick<HazardState, 'ledgerNo' | 'unitCode' | 'assignment'>): void {
  if (isCity(u)) return;
  if (h.assignment ? h.assignment.unitCode === u.unit : h.unitCode === u.unit) return;
  throw new DomainError('OUT_OF_SCOPE', h.assignment
    ? `无权操作: hazard ${h.ledgerNo} is assigned to ${h.assignment.unitCode}; that unit gives its feedback`
    : `无权操作: hazard ${h.ledgerNo} is reported by unit ${h.unitCode}; you act on your unit's hazards only (${u.unit})`);
}
