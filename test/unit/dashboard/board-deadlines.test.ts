import { describe, expect, it } from '@jest/globals';
import type { ScoreParts } from '../../../dashboard/src/api/types.js';
import { boardTasks, fridaysOf, monthlyReportDue, spotCheckedCount, spotCheckWindow, statusCounts } from '../../../dashboard/src/features/board/board-deadlines.js';

const parts = (p: Partial<ScoreParts> = {}): ScoreParts => ({
  found: 0, rectified: 0, overdue: 0, scope: 10, checked: 4, flagged: 0, enforced: 0, penalised: 0, enforced_rectified: 0, cases: 0, main_ok: 1, member_ok: 1, late: 0, missed_feedback: 0, missed_hazards: 0, ...p,
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

  it('opens the spot-check window in September and closes it on 30 November', () => {
    expect(spotCheckWindow('2023-08')).toBeNull();
    expect(spotCheckWindow('2023-10')).toEqual({ from: '2023-09-01', to: '2023-10-31' });
    expect(spotCheckWindow('2023-12')).toEqual({ from: '2023-09-01', to: '2023-11-30' });
  });
});

describe('board tasks', () => {
  it('marks a missing monthly report and a late one', () => {
    const missing = boardTasks({ month: '2023-08', parts: parts(), explanation: { ...emptyExplanation, lateSubmissions: [{ kind: 'monthly_report', period: '2023-08', due: '2023-08-29', submittedOn: null }] }, citySpotChecked: null });
    expect(task(missing, 'monthly_report')).toMatchObject({ status: 'late', detail: '未报送', due: '2023-08-29' });
    const late = boardTasks({ month: '2023-08', parts: parts(), explanation: { ...emptyExplanation, lateSubmissions: [{ kind: 'monthly_report', period: '2023-08', due: '2023-08-29', submittedOn: '2023-08-30' }] }, citySpotChecked: null });
    expect(task(late, 'monthly_report').detail).toBe('逾期报送（2023-08-30）');
    const onTime = boardTasks({ month: '2023-08', parts: parts(), explanation: { ...emptyExplanation, lateSubmissions: [{ kind: 'monthly_report', period: '2023-07', due: '2023-07-29', submittedOn: null }] }, citySpotChecked: null });
    expect(task(onTime, 'monthly_report').status).toBe('done');
  });

  it('says unknown rather than done when the server sent no list', () => {
    const t = boardTasks({ month: '2023-08', parts: parts(), explanation: {}, citySpotChecked: null });
    expect(task(t, 'monthly_report').status).toBe('unknown');
    expect(task(t, 'friday_feedback').status).toBe('unknown');
  });

  it('counts only this month Fridays that were missed', () => {
    const t = boardTasks({
      month: '2023-09', parts: parts(), citySpotChecked: 0,
      explanation: { ...emptyExplanation, missedFridays: [{ hazard: 'JC-1', friday: '2023-08-25' }, { hazard: 'JC-1', friday: '2023-09-08' }, { hazard: 'JC-2', friday: '2023-09-15' }] },
    });
    expect(task(t, 'friday_feedback')).toMatchObject({ status: 'late', detail: '2 项次未反馈：JC-1、JC-2' });
  });

  it('follows coverage through July and August, and calls a shortfall late afterwards', () => {
    const status = (month: string, checked: number) => task(boardTasks({ month, parts: parts({ checked }), explanation: emptyExplanation, citySpotChecked: null }), 'coverage').status;
    expect(status('2023-06', 4)).toBe('pending');
    expect(status('2023-07', 4)).toBe('open');
    expect(status('2023-08', 10)).toBe('done');
    expect(status('2023-09', 9)).toBe('late');
    expect(task(boardTasks({ month: '2023-08', parts: parts({ checked: 4 }), explanation: emptyExplanation, citySpotChecked: null }), 'coverage').progress).toBe(0.4);
  });

  it('asks the city for at least 20% of the scope, rounded up, by 30 November', () => {
    const spot = (month: string, n: number | null) => task(boardTasks({ month, parts: parts({ scope: 11 }), explanation: emptyExplanation, citySpotChecked: n }), 'spot_check');
    expect(spot('2023-08', null).status).toBe('pending');
    expect(spot('2023-09', 1)).toMatchObject({ status: 'open', detail: '市级已抽查 1 / 应抽查 3 家' });
    expect(spot('2023-10', 3).status).toBe('done');
    expect(spot('2023-11', 2).status).toBe('late');
    expect(spot('2023-10', null).status).toBe('unknown');
  });

  it('counts distinct in-scope enterprises of the jurisdiction within the window', () => {
    const enterprises = [
      { creditCode: 'A', name: 'a', unitCode: '140525', inScope: true },
      { creditCode: 'B', name: 'b', unitCode: '140525', inScope: true },
      { creditCode: 'C', name: 'c', unitCode: '140502', inScope: true },
    ];
    const ins = (code: string, on: string) => ({ inspectionId: `${code}${on}`, unitCode: '140500', enterpriseCreditCode: code, inspectedOn: on });
    const inspections = [ins('A', '2023-09-02'), ins('A', '2023-10-02'), ins('B', '2023-08-31'), ins('C', '2023-09-05'), ins('B', '2023-12-01')];
    expect(spotCheckedCount(inspections, enterprises, '140525', { from: '2023-09-01', to: '2023-11-30' })).toBe(1);
  });

  it('tallies statuses for the headline', () => {
    const t = boardTasks({ month: '2023-06', parts: parts(), explanation: emptyExplanation, citySpotChecked: null });
    expect(statusCounts(t)).toEqual({ done: 2, open: 0, late: 0, pending: 2, unknown: 0 });
  });
});
