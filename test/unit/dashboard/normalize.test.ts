import { describe, expect, it } from '@jest/globals';
import { readCaseThree, readExplanation } from '../../../dashboard/src/api/normalize.js';

describe('explanation lists', () => {
  it('reads the documented names', () => {
    const e = readExplanation({ overdue: [{ ledgerNo: 'JC-1' }], unchecked: [], missedFridays: [{ hazard: 'JC-2', friday: '2023-09-01' }] });
    expect(e.overdue).toHaveLength(1);
    expect(e.unchecked).toEqual([]);
    expect(e.missedFridays).toHaveLength(1);
  });

  it('reads the analytics engine names too', () => {
    const e = readExplanation({ overdueHazards: [{ ledgerNo: 'JC-1' }], uncheckedEnterprises: [{ creditCode: 'X', name: 'x' }], flaggedEnterprises: [{ creditCode: 'Y', name: 'y', findings: ['no_drill'] }], enforcedHazards: [], typicalCases: [] });
    expect(e.overdue?.[0].ledgerNo).toBe('JC-1');
    expect(e.unchecked?.[0].creditCode).toBe('X');
    expect(e.flagged?.[0].findings).toEqual(['no_drill']);
    expect(e.enforcedHazards).toEqual([]);
  });

  it('leaves a list the answer lacks undefined, so that a view can say it does not know', () => {
    const e = readExplanation({});
    expect('lateSubmissions' in e).toBe(false);
    expect(readExplanation(null)).toEqual({});
  });
});

describe('一案三查', () => {
  it('reads the documented shape', () => {
    const t = readCaseThree({ hazard: 'JC-1', enterpriseMainLeader: '王五', unitMainLeader: '赵六', roster: [{ name: '赵六', role: 'main' }] });
    expect(t).toMatchObject({ hazard: 'JC-1', enterpriseMainLeader: '王五', unitMainLeader: '赵六', roster: [{ name: '赵六', role: 'main' }] });
  });

  it('reads the nested shape', () => {
    const t = readCaseThree({
      hazard: 'JC-140525-2023-0079',
      enterprise: { creditCode: '91140525WF5MT75N49', name: '泽州县企业050', mainLeader: '负责人050' },
      reportingUnit: '140525',
      supervisingUnit: { code: '140525', name: '泽州县', mainLeaders: ['甲', '乙'], roster: [{ name: '甲', role: 'main' }, { name: '丙', role: 'member' }] },
    });
    expect(t).toEqual({
      hazard: 'JC-140525-2023-0079',
      enterpriseMainLeader: '负责人050',
      unitMainLeader: '甲、乙',
      roster: [{ name: '甲', role: 'main' }, { name: '丙', role: 'member' }],
      enterpriseName: '泽州县企业050',
      unitName: '泽州县',
    });
  });

  it('says nothing is known rather than failing on an empty answer', () => {
    expect(readCaseThree(undefined)).toMatchObject({ enterpriseMainLeader: null, unitMainLeader: null, roster: [] });
  });
});
