import type { HazardDetail, User } from '../../api/types.js';
import { DomainError } from '../../../../api/src/common/domain-error.js';
import { assertMayAct, assertMayGiveFeedback, HAZARD_WRITE_ROLES, type HazardActor, type HazardWrite } from '../../../../api/src/ledger/hazards/hazard-access.js';
import * as rules from '../../../../api/src/ledger/hazards/hazard-rules.js';

// Which workflow button a user sees on a hazard's page, and whether it is legal now: the API's own rule
// modules (hazard-rules.ts, hazard-access.ts, pure) run here on the hazard as GET /api/hazards/:ledgerNo
// answers it, in the order the lifecycle service runs them, so the page and the server cannot disagree.

export const HAZARD_ACTIONS = ['confirmEnterprise', 'confirmUnit', 'list', 'assign', 'feedback', 'plan', 'rectify', 'close'] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

/** the button names people and tools rely on (the training material and the browser tests name them) */
export const ACTION_LABEL: Record<HazardAction, string> = {
  confirmEnterprise: '企业确认',
  confirmUnit: '单位确认',
  list: '挂牌督办',
  assign: '交办',
  feedback: '反馈',
  plan: '整改方案',
  rectify: '整改',
  close: '办结销号',
};

/** the API write (route) each button makes */
export const WRITE_OF: Record<HazardAction, HazardWrite> = {
  confirmEnterprise: 'confirm',
  confirmUnit: 'confirm',
  list: 'list',
  assign: 'assign',
  feedback: 'feedback',
  plan: 'plan',
  rectify: 'rectify',
  close: 'close',
};

/**
 * `outcome` is what the API would answer now: 'ok', 'FORBIDDEN' (the route's roles), or the DomainError
 * code. A button is shown unless the user may not make that write on this hazard at all (role or unit);
 * when shown and not 'ok', `blocked` says why in Chinese.
 */
export interface Verdict {
  shown: boolean;
  outcome: string;
  blocked?: string;
}

const REASON: Record<string, string> = {
  HAZARD_ALREADY_CLOSED: '已办结销号',
  HAZARD_AWAITING_ENTERPRISE_CONFIRMATION: '须先完成企业确认',
  HAZARD_NOT_CONFIRMED: '须先完成两级确认',
  HAZARD_ALREADY_LISTED: '已挂牌督办',
  HAZARD_ALREADY_ASSIGNED: '已交办',
  HAZARD_NOT_ASSIGNED: '尚未交办',
  HAZARD_ALREADY_PLANNED: '已制定整改方案',
  HAZARD_ALREADY_RECTIFIED: '已完成整改',
  HAZARD_NOT_RECTIFIED: '尚未整改',
  HAZARD_PLAN_INCOMPLETE: '整改方案不完整',
  GROUP_LEADER_REQUIRED: '交办隐患须由领导小组组长办结销号',
  DATES_OUT_OF_ORDER: '日期先后顺序不符',
};

function reasonZh(action: HazardAction, code: string): string {
  if (code === 'HAZARD_ALREADY_CONFIRMED') return action === 'confirmEnterprise' ? '企业已确认' : '已完成两级确认';
  return REASON[code] ?? `不可办理（${code}）`;
}

/** a complete plan, as the 整改 form sends it when no 整改方案 was filed before */
const fullPlan = (deadline: string) => ({ responsiblePerson: '-', measures: '-', fundsWan: 0, deadline, contingencyPlan: '-' });

/** each button's checks, as the service runs them after the scope check, on the date `on` */
const CHECKS: Record<HazardAction, (h: rules.HazardState, u: HazardActor, on: string) => void> = {
  // the form's signer is prefilled with the main leader; the rule on who signs is the server's to enforce
  confirmEnterprise: (h, _u, on) => rules.checkConfirmEnterprise(h, h.mainLeader ?? '', on),
  confirmUnit: (h, _u, on) => rules.checkConfirmUnit(h, on),
  list: (h, _u, on) => rules.checkList(h, on),
  assign: (h, _u, on) => rules.checkAssign(h, on),
  feedback: (h, _u, on) => rules.checkFeedback(h, on),
  plan: (h, _u, on) => rules.checkPlan(h, on),
  // without a plan filed, the 整改 form asks for one; with one, it sends none (a deadline is not moved)
  rectify: (h, _u, on) => rules.checkRectify(h, on, h.deadline ? {} : fullPlan(on)),
  close: (h, u, on) => rules.checkClose(h, u.role, on),
};

/** The verdict for one button. `today` (YYYY-MM-DD, CST) is the date the forms default to. */
export function verdict(action: HazardAction, h: rules.HazardState, u: HazardActor, today: string): Verdict {
  if (!HAZARD_WRITE_ROLES[WRITE_OF[action]].includes(u.role)) return { shown: false, outcome: 'FORBIDDEN' };
  try {
    // the service's scope check first: feedback is the assigned unit's, every other step the reporting unit's
    (action === 'feedback' ? assertMayGiveFeedback : assertMayAct)(u, h);
    CHECKS[action](h, u, today);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    if (e.code === 'OUT_OF_SCOPE') return { shown: false, outcome: e.code };
    return { shown: true, outcome: e.code, blocked: reasonZh(action, e.code) };
  }
  return { shown: true, outcome: 'ok' };
}

export function verdicts(h: rules.HazardState, u: HazardActor, today: string): Record<HazardAction, Verdict> {
  return Object.fromEntries(HAZARD_ACTIONS.map((a) => [a, verdict(a, h, u, today)])) as Record<HazardAction, Verdict>;
}

/** the dashboard's user as the rules see it */
export const actorOf = (u: User): HazardActor => ({ role: u.role, unit: u.unitCode });

/** The rules' view of a hazard from GET /api/hazards/:ledgerNo (the main leader is checked by the server). */
export function stateOf(d: HazardDetail): rules.HazardState {
  return {
    ledgerNo: d.ledgerNo,
    unitCode: d.unitCode,
    enterpriseCreditCode: d.enterpriseCreditCode,
    jurisdiction: d.jurisdiction ?? d.unitCode,
    mainLeader: null,
    foundOn: d.foundOn,
    confirmedOn: d.confirmedOn ?? null,
    enterpriseConfirmedOn: d.enterpriseConfirmedOn ?? null,
    listedOn: d.listedOn ?? null,
    responsiblePerson: d.responsiblePerson ?? null,
    measures: d.measures ?? null,
    fundsWan: d.fundsWan === null || d.fundsWan === undefined ? null : String(d.fundsWan),
    deadline: d.deadline ?? null,
    contingencyPlan: d.contingencyPlan ?? null,
    rectifiedOn: d.rectifiedOn ?? null,
    closedOn: d.closedOn ?? null,
    assignment: d.assignment ?? null,
  };
}
