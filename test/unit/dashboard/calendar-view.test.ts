import { describe, expect, it } from '@jest/globals';
import type { CalendarDue } from '../../../analytics/src/contracts.js';
import { dueRows, monthWeeks } from '../../../dashboard/src/features/calendar/calendar-view.js';

describe('the month calendar arrangement', () => {
  it('lays a month out Monday first, blanks outside it', () => {
    const sept = monthWeeks('2023-09'); // 2023-09-01 is a Friday
    expect(sept[0]).toEqual([null, null, null, null, '2023-09-01', '2023-09-02', '2023-09-03']);
    expect(sept.at(-1)).toEqual(['2023-09-25', '2023-09-26', '2023-09-27', '2023-09-28', '2023-09-29', '2023-09-30', null]);
    expect(sept.flat().filter(Boolean)).toHaveLength(30);
    expect(monthWeeks('2024-02').flat().filter(Boolean)).toHaveLength(29);
    expect(monthWeeks('2023-05')[0][0]).toBe('2023-05-01'); // a Monday
  });

  it('groups due dates by day and duty, counting each state', () => {
    const d = (unit: string, due: string, kind: CalendarDue['kind'], state: CalendarDue['state']): CalendarDue => ({ unit, due, kind, state, period: null, doneOn: null, owed: null, missing: null });
    const rows = dueRows([d('A', '2023-09-29', 'monthly_report', 'overdue'), d('B', '2023-09-29', 'monthly_report', 'met'), d('A', '2023-09-01', 'feedback', 'met'), d('A', '2023-09-29', 'feedback', 'open')]);
    expect(rows.map((r) => `${r.due} ${r.kind}`)).toEqual(['2023-09-01 feedback', '2023-09-29 feedback', '2023-09-29 monthly_report']);
    expect(rows[2].counts).toEqual({ met: 1, open: 0, overdue: 1 });
    expect([...rows[2].byUnit.keys()]).toEqual(['A', 'B']);
  });
});
