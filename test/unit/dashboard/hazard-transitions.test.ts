import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { HazardDetail } from '../../../dashboard/src/api/types.js';
import { HAZARD_ACTIONS, stateOf, verdict, verdicts, type HazardAction } from '../../../dashboard/src/features/hazard-workflow/transitions.js';
import { ACCESS, type AccessRule } from '../../../api/src/auth/access.decorator.js';
import type { Role } from '../../../api/src/auth/roles.js';
import type { TokenClaims } from '../../../api/src/auth/tokens.js';
import { DomainError } from '../../../api/src/common/domain-error.js';
import { systemClock } from '../../../api/src/common/tokens.js';
import type { Database } from '../../../api/src/database/data-source.js';
import { LedgerTx, type LedgerWriter } from '../../../api/src/ledger/common/ledger-writer.js';
import { HazardLifecycleController } from '../../../api/src/ledger/hazards/hazard-lifecycle.controller.js';
import { HazardLifecycleService } from '../../../api/src/ledger/hazards/hazard-lifecycle.service.js';
import type { HazardState } from '../../../api/src/ledger/hazards/hazard-rules.js';

// The dashboard's verdict for every button, state and user against what the API does: the route's @Roles
// (read from the controller) and the real lifecycle service run over a fake ledger that answers its
// queries from the state. Whatever the service checks, in whatever order, the page must agree.

const TODAY = '2024-06-30';
const MAIN_LEADER = '王建国';

const reported: HazardState = {
  ledgerNo: 'H-1', unitCode: '140525', enterpriseCreditCode: '91140500MA0K000001', jurisdiction: '140525', mainLeader: MAIN_LEADER,
  foundOn: '2024-05-02', confirmedOn: null, enterpriseConfirmedOn: null, listedOn: null, responsiblePerson: null, measures: null,
  fundsWan: null, deadline: null, contingencyPlan: null, rectifiedOn: null, closedOn: null, assignment: null,
};
const enterpriseConfirmed = { ...reported, enterpriseConfirmedOn: '2024-05-03' };
const confirmed = { ...enterpriseConfirmed, confirmedOn: '2024-05-04' };
const plan = { responsiblePerson: '李四', measures: '更换防渗层', fundsWan: '12.50', deadline: '2024-07-31', contingencyPlan: '泄漏应急预案' };
const own = { unitCode: '140525', assignedOn: '2024-05-06' };
const other = { unitCode: '140581', assignedOn: '2024-05-06' };

const STATES: Record<string, HazardState> = {
  reported,
  enterpriseConfirmed,
  confirmed,
  // imported history: confirmed without an enterprise signature through the application
  importedConfirmed: { ...reported, confirmedOn: '2024-05-04' },
  listed: { ...confirmed, listedOn: '2024-05-05' },
  planned: { ...confirmed, ...plan },
  assignedOwn: { ...confirmed, assignment: own },
  assignedOther: { ...confirmed, ...plan, assignment: other },
  rectified: { ...confirmed, ...plan, rectifiedOn: '2024-06-01' },
  rectifiedAssigned: { ...confirmed, ...plan, rectifiedOn: '2024-06-01', assignment: other },
  closed: { ...confirmed, ...plan, rectifiedOn: '2024-06-01', closedOn: '2024-06-02' },
};

const USERS: Record<string, { role: Role; unit: string | null }> = {
  city: { role: 'city_office', unit: null },
  leader: { role: 'group_leader', unit: null },
  viewer: { role: 'viewer', unit: null },
  inspector: { role: 'inspector', unit: '140525' },
  reportingCounty: { role: 'county_branch', unit: '140525' },
  assignedCounty: { role: 'county_branch', unit: '140581' },
  otherCounty: { role: 'county_branch', unit: '140522' },
};

/** the hazard as GET /api/hazards/:ledgerNo answers it (hazards.repository.ts findHazard) */
function detailOf(h: HazardState): HazardDetail {
  return {
    ledgerNo: h.ledgerNo, unitCode: h.unitCode, jurisdiction: h.jurisdiction, enterpriseCreditCode: h.enterpriseCreditCode, enterpriseName: '某企业',
    source: 'self_check', foundOn: h.foundOn, category: null, description: null, enterpriseConfirmedOn: h.enterpriseConfirmedOn, confirmedOn: h.confirmedOn,
    listedLevel: h.listedOn ? 'city' : null, listedOn: h.listedOn, tracker: null, responsiblePerson: h.responsiblePerson, measures: h.measures,
    fundsWan: h.fundsWan === null ? null : Number(h.fundsWan), deadline: h.deadline, contingencyPlan: h.contingencyPlan, rectifiedOn: h.rectifiedOn,
    closedOn: h.closedOn, closedBy: null, assignment: h.assignment, overdue: false, signoffs: [], timeline: [],
  };
}

/** a ledger that answers the lifecycle service's queries from one hazard's state */
function fakeLedger(h: HazardState) {
  const query = async (sql: string): Promise<unknown> => {
    if (/FROM hazards h WHERE h.ledger_no/.test(sql)) {
      return [{
        ledger_no: h.ledgerNo, unit_code: h.unitCode, enterprise_credit_code: h.enterpriseCreditCode, found_on: h.foundOn, confirmed_on: h.confirmedOn,
        listed_on: h.listedOn, responsible_person: h.responsiblePerson, measures: h.measures, funds_wan: h.fundsWan, deadline: h.deadline,
        contingency_plan: h.contingencyPlan, rectified_on: h.rectifiedOn, closed_on: h.closedOn,
      }];
    }
    if (/FROM enterprises WHERE credit_code/.test(sql)) return [{ unit_code: h.jurisdiction, main_leader: h.mainLeader }];
    if (/FROM assignments WHERE hazard_ledger_no/.test(sql)) return h.assignment ? [{ unit_code: h.assignment.unitCode, assigned_on: h.assignment.assignedOn }] : [];
    if (/FROM hazard_signoffs WHERE .*confirm_enterprise/.test(sql)) return h.enterpriseConfirmedOn ? [{ signed_on: h.enterpriseConfirmedOn }] : [];
    if (/SELECT level FROM units/.test(sql)) return [{ level: 'county' }];
    if (/^\s*(INSERT|UPDATE)/.test(sql)) return [{ id: '1', ledger_no: h.ledgerNo }];
    if (/SELECT \* FROM hazards/.test(sql)) return [{}];
    throw new Error(`the fake ledger does not know: ${sql}`);
  };
  const writer = {
    write: async (user: TokenClaims, work: (tx: LedgerTx) => Promise<unknown>) => work(new LedgerTx({ query } as never, user, TODAY)),
  } as unknown as LedgerWriter;
  // findHazard after the write: not found is fine, the transition has passed by then
  const db = { dataSource: { query: async () => [] } } as unknown as Database;
  return new HazardLifecycleService(db, writer, systemClock);
}

const ROUTE: Record<HazardAction, keyof HazardLifecycleService & keyof HazardLifecycleController> = {
  confirmEnterprise: 'confirm', confirmUnit: 'confirm', list: 'list', assign: 'assign', feedback: 'feedback', plan: 'plan', rectify: 'rectify', close: 'close',
};

/** the body each form sends (hazard-forms.tsx), dated today */
function bodyOf(a: HazardAction, h: HazardState): Record<string, unknown> {
  const planBody = { responsiblePerson: '李四', measures: '更换', fundsWan: 3, deadline: TODAY, contingencyPlan: '预案' };
  switch (a) {
    case 'confirmEnterprise': return { step: 'enterprise', signedBy: MAIN_LEADER, on: TODAY };
    case 'confirmUnit': return { step: 'unit', signedBy: '赵六', on: TODAY };
    case 'list': return { level: 'city', tracker: '钱七', signedBy: '钱七', listedOn: TODAY };
    case 'assign': return { unitCode: '140581', signedBy: '孙八', assignedOn: TODAY };
    case 'feedback': return { documentNo: '晋环〔2024〕1号', signedBy: '周九', feedbackOn: TODAY };
    case 'plan': return { ...planBody, signedBy: '吴十' };
    case 'rectify': return { rectifiedOn: TODAY, signedBy: '郑一', ...(h.deadline ? {} : planBody) };
    case 'close': return { closedOn: TODAY, signedBy: '冯二' };
  }
}

/** what the API answers: FORBIDDEN by the route's roles, the service's DomainError code, or ok */
async function apiOutcome(a: HazardAction, h: HazardState, u: { role: Role; unit: string | null }): Promise<string> {
  const rule = Reflect.getMetadata(ACCESS, HazardLifecycleController.prototype[ROUTE[a]]) as AccessRule;
  if (!('roles' in rule) || !rule.roles.includes(u.role)) return 'FORBIDDEN';
  const claims: TokenClaims = { sub: 'tester', role: u.role, unit: u.unit, iat: 0, exp: 0, ver: 0 };
  const service = fakeLedger(h);
  try {
    await (service[ROUTE[a]] as (u: TokenClaims, no: string, d: unknown) => Promise<unknown>).call(service, claims, h.ledgerNo, bodyOf(a, h));
    return 'ok';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

describe('hazard workflow buttons (dashboard) against the API', () => {
  it('gives, for every state × user × button, the outcome the API gives', async () => {
    const differ: string[] = [];
    let cases = 0;
    for (const [s, h] of Object.entries(STATES)) {
      const v = verdicts(stateOf(detailOf(h)), USERS.city, TODAY);
      expect(Object.keys(v)).toEqual([...HAZARD_ACTIONS]);
      for (const [who, u] of Object.entries(USERS)) {
        for (const a of HAZARD_ACTIONS) {
          cases++;
          const dash = verdict(a, stateOf(detailOf(h)), u, TODAY);
          const api = await apiOutcome(a, h, u);
          if (dash.outcome !== api) differ.push(`${s} / ${who} / ${a}: dashboard ${dash.outcome}, API ${api}`);
          // a button is shown exactly when the refusal is not about who the user is
          expect(dash.shown).toBe(api !== 'FORBIDDEN' && api !== 'OUT_OF_SCOPE');
          expect(dash.blocked === undefined).toBe(api === 'ok' || !dash.shown);
        }
      }
    }
    expect(differ).toEqual([]);
    expect(cases).toBe(Object.keys(STATES).length * Object.keys(USERS).length * HAZARD_ACTIONS.length);
  });

  it('writes the reasons people read beside a disabled button', () => {
    const why = (s: HazardState, a: HazardAction, u = USERS.reportingCounty) => verdict(a, s, u, TODAY).blocked;
    expect(why(reported, 'confirmUnit')).toBe('须先完成企业确认');
    expect(why(STATES.closed, 'rectify')).toBe('已办结销号');
    expect(why(confirmed, 'close')).toBe('尚未整改');
    expect(why(STATES.rectifiedAssigned, 'close', USERS.reportingCounty)).toBe('交办隐患须由领导小组组长办结销号');
    // the assigned county (not the reporting one) gives feedback only: the other buttons are not shown to it
    expect(verdict('close', STATES.rectifiedAssigned, USERS.assignedCounty, TODAY)).toEqual({ shown: false, outcome: 'OUT_OF_SCOPE' });
    expect(why(STATES.rectifiedAssigned, 'close', USERS.city)).toBe('交办隐患须由领导小组组长办结销号');
    expect(why(confirmed, 'feedback')).toBe('尚未交办');
    expect(why(reported, 'plan')).toBe('须先完成两级确认');
    expect(verdict('close', STATES.rectifiedAssigned, USERS.leader, TODAY)).toEqual({ shown: true, outcome: 'ok' });
  });

  it('shows a county no button it may not use', () => {
    const shown = (s: HazardState, u = USERS.reportingCounty) => HAZARD_ACTIONS.filter((a) => verdict(a, s, u, TODAY).shown);
    expect(shown(confirmed)).not.toContain('assign');
    expect(shown(confirmed, USERS.otherCounty)).toEqual([]);
    expect(shown(confirmed, USERS.viewer)).toEqual([]);
    expect(shown(confirmed, USERS.inspector)).toEqual([]);
    // once assigned elsewhere, the feedback is that unit's
    expect(shown(STATES.assignedOther)).not.toContain('feedback');
    expect(shown(STATES.assignedOther, USERS.assignedCounty)).toContain('feedback');
  });
});
