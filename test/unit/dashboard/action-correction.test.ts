// The 更正 of an enforcement action: the PATCH body holds only what the correction changes, clears what
// the new kind does not have, and never clears 人数.
import { describe, expect, it } from '@jest/globals';
import type { ActionView } from '../../../api/src/ledger/actions/actions.service.js';
import { actionDetailFields, actionPatch, actionValues } from '../../../dashboard/src/features/records/action-fields.js';
import type { RecordScope } from '../../../dashboard/src/features/records/record-kinds.js';

const scope = { user: { username: 'c', role: 'county_branch', unitCode: '140525' }, unit: '140525', ownUnit: '140525', units: [] } as unknown as RecordScope;
const penalty: ActionView = { actionId: 'A-1', unitCode: '140525', kind: 'penalty', actedOn: '2023-08-12', enterpriseCreditCode: '91140525MA0RECT019', hazardLedgerNo: null, targetUnitCode: null, persons: 1, amountWan: 2.5, crime: false };

describe('the correction of an action', () => {
  it('sends nothing when nothing changed', () => {
    expect(actionPatch(penalty, 'penalty', scope, actionValues(penalty))).toEqual({});
  });

  it('sends the changed amount and date only', () => {
    const v = { ...actionValues(penalty), amountWan: '3.75', actedOn: '2023-08-13' };
    expect(actionPatch(penalty, 'penalty', scope, v)).toEqual({ amountWan: 3.75, actedOn: '2023-08-13' });
  });

  it('clears an emptied field with null, and a field the new kind does not show', () => {
    const withHazard = { ...penalty, hazardLedgerNo: 'HZ-1' };
    expect(actionPatch(withHazard, 'penalty', scope, { ...actionValues(withHazard), hazardLedgerNo: ' ' })).toEqual({ hazardLedgerNo: null });
    // a penalty turned into a closure keeps no fine; the closure has no 罚款 field
    expect(actionDetailFields('closure', scope).map((f) => f.name)).not.toContain('amountWan');
    expect(actionPatch(penalty, 'closure', scope, actionValues(penalty))).toEqual({ kind: 'closure', amountWan: null });
  });

  it('sets 人数 where the kind counts persons, and the 危险作业罪 mark only on a typical case', () => {
    const transfer = { ...penalty, kind: 'judicial_transfer', amountWan: null, enterpriseCreditCode: null };
    expect(actionPatch(transfer, 'judicial_transfer', scope, { ...actionValues(transfer), persons: '3' })).toEqual({ persons: 3 });
    const typical = { ...penalty, kind: 'typical_case', amountWan: null, crime: true };
    expect(actionPatch(typical, 'typical_case', scope, { ...actionValues(typical), crime: false })).toEqual({ crime: false });
    expect(actionPatch(typical, 'exposure', scope, actionValues(typical))).toEqual({ kind: 'exposure', crime: false });
  });
});
