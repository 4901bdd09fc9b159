import { describe, expect, it } from '@jest/globals';
import type { CoverageDuty, CoverageUnit } from '../../../dashboard/src/api/types.js';
import { boardTasks, fridaysOf, monthlyReportDue, statusCounts } from '../../../dashboard/src/features/board/board-deadlines.js';

const duty = (d: Partial<CoverageDuty> = {}): CoverageDuty => ({
  duty: 'county_coverage', dutyName: '县级全覆盖检查', from: '2023-07-01', to: '2023-08-31', countedTo: '2023-08-31', inspector: '140525',
  requiredPercent: 100, scope: 10, checked: 4, required: 10, shortfall: 6, status: 'in_progress', toInspect: [{ creditCode: 'A', name: '甲' }], ...d,
});
const coverage = (county: Partial<CoverageDuty> = {}, spot: Partial<CoverageDuty> = {}): CoverageUnit => ({
  unit: '140525', name: '泽州县', level: 'county',
  duties: [duty(county), duty({ duty: 'city_spot_check', from: '2023-09-01', to: '2023-11-30', requiredPercent: 20, required: 2, checked: 0, shortfall: 2, status: 'not_started', countedTo: null, ...spot })],
});
const emptyExplanation = { lateSubmissions: [], missedFridays: [] };
const task = (tasks: ReturnType<typeof boardTasks>, key: string) => tasks.find((t) => t.key === key)!;

describe('calendar of the board', () => {
  it('dues the monthly report on the 29th, or the month end when shorter', () => {
    expect(monthlyReportDue('2023-08')).toBe('2023-08-29');
    expect(monthlyReportDue('2023-02')).toBe('2023-02-28');
    expect(monthlyReportDue('2024-02')).toBe('2024-02-29');
  });

  it('lists the Fridays of a month', () => {
    expect(fridaysOf('2023-09')).toEqual(['2023-09-01', '2023-09-08', '2023-09-15', '2023-09-22', '2023-09-29']);
    expect(fridaysOf('2023-08')).toHaveLength(4);
  });
});

describe('board tasks', () => {
  it('marks a missing monthly report and a late one', () => {
    const missing = boardTasks({ month: '2023-08', coverage: coverage(), explanation: { ...emptyExplanation, lateSubmissions: [{ kind: 'monthly_report', period: '2023-08', due: '2023-08-29', submittedOn: null }] } });
    expect(task(missing, 'monthly_report')).toMatchObject({ status: 'late', detail: '未报送', due: '2023-08-29' });
    const late = boardTasks({ month: '2023-08', coverage: coverage(), explanation: { ...emptyExplanation, lateSubmissions: [{ kind: 'monthly_report', period: '2023-08', due: '2023-08-29', submittedOn: '2023-08-30' }] } });
    expect(task(late, 'monthly_report').detail).toBe('逾期报送（2023-08-30）');
    const onTime = boardTasks({ month: '2023-08', coverage: coverage(), explanation: { ...emptyExplanation, lateSubmissions: [{ kind: 'monthly_report', period: '2023-07', due: '2023-07-29', submittedOn: null }] } });
    expect(task(onTime, 'monthly_report').status).toBe('done');
  });

  it('says unknown rather than done when the server sent no list', () => {
    const t = boardTasks({ month: '2023-08', coverage: coverage(), explanation: {} });
    expect(task(t, 'monthly_report').status).toBe('unknown');
    expect(task(t, 'friday_feedback').status).toBe('unknown');
  });

  it('counts only this month Fridays that were missed', () => {
    const t = boardTasks({
      month: '2023-09', coverage: coverage(), 
      explanation: { ...emptyExplanation, missedFridays: [{ hazard: 'JC-1', friday: '2023-08-25' }, { hazard: 'JC-1', friday: '2023-09-08' }, { hazard: 'JC-2', friday: '2023-09-15' }] },
    });
    expect(task(t, 'friday_feedback')).toMatchObject({ status: 'late', detail: '2 项次未反馈：JC-1、JC-2' });
  });

  it("shows the API's coverage figures and statuses as they are, with the enterprises still to inspect", () => {
    const card = (c: Partial<CoverageDuty>) => task(boardTasks({ month: '2023-08', coverage: coverage(c), explanation: emptyExplanation }), 'coverage');
    expect(card({ status: 'not_started', countedTo: null })).toMatchObject({ status: 'pending', progress: null, toInspect: [], detail: '2023-07-01起开展，应检查 10 家（排查范围 10 家的100%）' });
    expect(card({})).toMatchObject({ status: 'open', progress: 0.4, due: '2023-08-31', detail: '已检查 4 / 应检查 10 家（排查范围 10 家），尚差 6 家' });
    expect(card({}).toInspect).toEqual([{ creditCode: 'A', name: '甲' }]);
    expect(card({ status: 'met', checked: 10, shortfall: 0, toInspect: [] })).toMatchObject({ status: 'done', progress: 1 });
    expect(card({ status: 'behind', checked: 7 })).toMatchObject({ status: 'late', progress: 0.7 });
  });

  it('asks the city for its spot checks against the required count, and says unknown without coverage', () => {
    const spot = (s: Partial<CoverageDuty>) => task(boardTasks({ month: '2023-10', coverage: coverage({}, s), explanation: emptyExplanation }), 'spot_check');
    expect(spot({})).toMatchObject({ status: 'pending', detail: '2023-09-01起开展，应检查 2 家（排查范围 10 家的20%）' });
    expect(spot({ status: 'in_progress', checked: 1, shortfall: 1, countedTo: '2023-10-31' })).toMatchObject({ status: 'open', progress: 0.5, detail: '市级已抽查 1 / 应检查 2 家（排查范围 10 家），尚差 1 家' });
    expect(spot({ status: 'behind', checked: 1, shortfall: 1 }).status).toBe('late');
    const none = boardTasks({ month: '2023-10', coverage: null, explanation: emptyExplanation });
    expect(task(none, 'coverage')).toMatchObject({ status: 'unknown', progress: null });
    expect(task(none, 'spot_check').status).toBe('unknown');
  });

  it('tallies statuses for the headline', () => {
    const t = boardTasks({ month: '2023-06', coverage: coverage({ status: 'not_started', countedTo: null }), explanation: emptyExplanation });
    expect(statusCounts(t)).toEqual({ done: 2, open: 0, late: 0, pending: 2, unknown: 0 });
  });
});
