import { describe, expect, it } from '@jest/globals';
import { calendarDateProblem, isCalendarDate } from '../../../api/src/common/calendar-date.js';
import { parseCell } from '../../../api/src/bundle/cell-values.js';

// The API's dates are the days the bundle's cells accept and PostgreSQL can store: year 0000 exists in
// JavaScript's calendar, not in PostgreSQL's (a drill dated 0000-01-01 was answered 500).
const CASES: [unknown, boolean][] = [
  ['2024-02-29', true], ['2023-02-29', false], ['2023-13-01', false], ['2023-04-31', false], ['0001-01-01', true], ['2000-02-29', true],
  ['1900-02-29', false], ['9999-12-31', true], ['0000-01-01', false], ['0000-12-31', false], ['2023-7-01', false], [' 2023-07-01', false], [20230701, false],
];

describe('isCalendarDate', () => {
  it.each(CASES)('%s: %s', (v, ok) => {
    expect(isCalendarDate(v)).toBe(ok);
  });

  it('tells a date written wrong from one that does not exist', () => {
    expect(['2023-7-01', '2023-02-30', '2023-02-28'].map(calendarDateProblem)).toEqual(['format', 'nonexistent', undefined]);
  });

  it("a bundle's date cell accepts exactly the same days", () => {
    for (const [v, ok] of CASES) {
      // a cell is trimmed first: ' 2023-07-01' is a date there
      if (typeof v !== 'string' || v !== v.trim()) continue;
      const cell = parseCell({ name: 'found_on', type: 'date', required: true }, v);
      expect([v, 'value' in cell]).toEqual([v, ok]);
    }
  });
});
