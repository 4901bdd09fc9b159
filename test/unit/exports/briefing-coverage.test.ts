import { describe, expect, it } from '@jest/globals';
import type { CoverageDuty, CoverageJson } from '../../../analytics/src/contracts.js';
import { coverageBlocks } from '../../../api/src/exports/briefing-coverage.js';

// The briefing's coverage section (issue 15 item 2) from a coverage answer: what opened is reported
// with its table, what has not opened is said in one sentence, the county round names what it owes.
const PHASES: CoverageJson['phases'] = [
  { key: 'county_coverage', name: '县级全覆盖检查', startOn: '2023-07-01', endOn: '2023-08-31', withinPhase: 'enforcement', requiredPercent: 100, inspectedBy: 'unit' },
  { key: 'city_spot_check', name: '市级抽查检查', startOn: '2023-09-01', endOn: '2023-11-30', withinPhase: 'enforcement', requiredPercent: 20, inspectedBy: 'parent' },
];
const duty = (d: Partial<CoverageDuty>): CoverageDuty => ({
  duty: 'county_coverage', dutyName: '县级全覆盖检查', from: '2023-07-01', to: '2023-08-31', countedTo: '2023-08-31', inspector: 'K',
  requiredPercent: 100, scope: 3, checked: 3, required: 3, shortfall: 0, status: 'met', toInspect: [], ...d,
});
const spot = (d: Partial<CoverageDuty> = {}) => duty({ duty: 'city_spot_check', from: '2023-09-01', to: '2023-11-30', requiredPercent: 20, required: 1, checked: 0, shortfall: 1, status: 'not_started', countedTo: null, ...d });

const coverage: CoverageJson = {
  month: '2023-08', asOf: '2023-08-31', campaign: 'c', phases: PHASES,
  units: [
    { unit: 'A', name: '甲县', level: 'county', duties: [duty({}), spot()] },
    { unit: 'B', name: '乙县', level: 'county', duties: [duty({ checked: 1, shortfall: 2, status: 'behind', toInspect: [{ creditCode: 'X1', name: '企业一' }, { creditCode: 'X2', name: '企业二' }] }), spot()] },
  ],
};

describe('the briefing coverage section', () => {
  it('reports the county round with its table and the enterprises still owed, and says the spot checks have not started', () => {
    const blocks = coverageBlocks(coverage);
    expect(blocks[0]).toEqual({ kind: 'paragraph', text: '县级全覆盖检查（2023年7月1日至2023年8月31日，不低于100%，只计该时段内的检查）：截至2023年8月31日，1个单位已达到要求，1个单位尚差2家。' });
    expect(blocks[1]).toMatchObject({ kind: 'table', rows: [['甲县', '3', '3', '3', '0', '已达标'], ['乙县', '3', '1', '3', '2', '未达标']] });
    expect(blocks[2]).toEqual({ kind: 'paragraph', list: true, text: '乙县未检查企业：企业一、企业二。' });
    expect(blocks[3]).toEqual({ kind: 'paragraph', text: '市级抽查检查（2023年9月1日至2023年11月30日，不低于20%）尚未开始。' });
    expect(blocks).toHaveLength(4);
  });

  it('counts the spot checks once open, without naming the enterprises the city has not picked', () => {
    const october: CoverageJson = { ...coverage, month: '2023-10', asOf: '2023-10-31', units: coverage.units.map((u) => ({ ...u, duties: [u.duties[0], spot({ status: 'in_progress', countedTo: '2023-10-31', toInspect: [{ creditCode: 'Y', name: '企业丙' }] })] })) };
    const blocks = coverageBlocks(october);
    const spotText = blocks.find((b) => b.kind === 'paragraph' && b.text.startsWith('市级抽查检查'));
    expect(spotText).toMatchObject({ text: expect.stringContaining('截至2023年10月31日，0个单位已达到要求，2个单位尚差2家') });
    expect(blocks.some((b) => b.kind === 'paragraph' && b.text.includes('企业丙'))).toBe(false);
  });
});
