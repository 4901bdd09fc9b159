import { describe, expect, it } from '@jest/globals';
import { fieldName, phasesBody, phaseTemplate, phaseValues } from '../../../dashboard/src/features/campaigns/phase-rows.js';

describe('the 行动设置 phases form rows', () => {
  it("moves the notice's phases to the campaign's year, the first and last on the campaign's own window", () => {
    const rows = phaseTemplate({ startOn: '2030-04-20', endOn: '2030-12-28' });
    expect(rows.map((p) => [p.key, p.startOn, p.endOn])).toEqual([
      ['mobilisation', '2030-04-20', '2030-05-15'], ['self_check', '2030-05-16', '2030-06-30'], ['enforcement', '2030-07-01', '2030-11-30'],
      ['county_coverage', '2030-07-01', '2030-08-31'], ['city_spot_check', '2030-09-01', '2030-11-30'], ['consolidation', '2030-12-01', '2030-12-28'],
    ]);
  });

  it('sends what was typed, a duty with its phase, percentage and inspector, a phase without them', () => {
    const rows = phaseTemplate({ startOn: '2030-04-20', endOn: '2030-12-31' });
    const v = { ...phaseValues(rows), [fieldName(3, 'endOn')]: ' 2030-08-25 ', [fieldName(4, 'requiredPercent')]: '25' };
    const body = phasesBody(rows, v);
    expect(body.phases[0]).toEqual({ key: 'mobilisation', name: '动员部署', startOn: '2030-04-20', endOn: '2030-05-15' });
    expect(body.phases[3]).toEqual({ key: 'county_coverage', name: '县级全覆盖检查', startOn: '2030-07-01', endOn: '2030-08-25', withinPhase: 'enforcement', requiredPercent: 100, inspectedBy: 'unit' });
    expect(body.phases[4]).toMatchObject({ requiredPercent: 25, inspectedBy: 'parent' });
    expect(Object.keys(v)).not.toContain(fieldName(0, 'requiredPercent'));
  });
});
