import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '../../../api/src/common/domain-error.js';
import { checkClose, checkRectify, missingPlan, PLAN_FIELDS, type HazardState } from '../../../api/src/ledger/hazards/hazard-rules.js';

const base: HazardState = {
  ledgerNo: 'H1', unitCode: '140525', enterpriseCreditCode: 'X', jurisdiction: '140525', mainLeader: '王', foundOn: '2024-03-01',
  confirmedOn: '2024-03-02', enterpriseConfirmedOn: '2024-03-02', listedOn: null, responsiblePerson: null, measures: null, fundsWan: null,
  deadline: null, contingencyPlan: null, rectifiedOn: null, closedOn: null, assignment: null,
};

const codeOf = (f: () => void): string | undefined => {
  try { f(); return undefined; } catch (e) { if (e instanceof DomainError) return e.code; throw e; }
};

describe('hazard rules', () => {
  it('asks for the whole plan unless rectified the day it was found', () => {
    const field = fc.constantFrom(...PLAN_FIELDS);
    fc.assert(fc.property(fc.uniqueArray(field), fc.boolean(), (given, onTheSpot) => {
      const rectifiedOn = onTheSpot ? base.foundOn : '2024-03-10';
      const missing = missingPlan(base, Object.fromEntries(given.map((f) => [f, f === 'deadline' ? '2024-04-01' : 'x'])), rectifiedOn);
      expect(missing).toEqual(onTheSpot ? [] : PLAN_FIELDS.filter((f) => !given.includes(f)));
    }));
  });

  it('closes an assigned hazard only as group leader, and never twice', () => {
    const rectified = { ...base, rectifiedOn: '2024-03-05' };
    const assigned = { ...rectified, assignment: { unitCode: '140525', assignedOn: '2024-03-03' } };
    expect(codeOf(() => checkClose(assigned, 'city_office', '2024-03-06'))).toBe('GROUP_LEADER_REQUIRED');
    expect(codeOf(() => checkClose(assigned, 'group_leader', '2024-03-06'))).toBeUndefined();
    expect(codeOf(() => checkClose(rectified, 'county_branch', '2024-03-06'))).toBeUndefined();
    expect(codeOf(() => checkClose({ ...rectified, closedOn: '2024-03-06' }, 'group_leader', '2024-03-07'))).toBe('HAZARD_ALREADY_CLOSED');
    expect(codeOf(() => checkClose(base, 'group_leader', '2024-03-07'))).toBe('HAZARD_NOT_RECTIFIED');
  });

  it('refuses a rectification dated before the hazard was found, or of an unconfirmed hazard', () => {
    expect(codeOf(() => checkRectify(base, '2024-02-28', {}))).toBe('DATES_OUT_OF_ORDER');
    expect(codeOf(() => checkRectify({ ...base, confirmedOn: null }, base.foundOn, {}))).toBe('HAZARD_NOT_CONFIRMED');
    expect(codeOf(() => checkRectify(base, base.foundOn, {}))).toBeUndefined();
  });
});
