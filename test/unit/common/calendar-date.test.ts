import { describe, expect, it } from '@jest/globals';
import { isCalendarDate } from '../../../api/src/ledger/common/validators.js';

// The API's dates are the days the bundle's cells accept and PostgreSQL can store: year 0000 exists in
// JavaScript's calendar, not in PostgreSQL's (a drill dated 0000-01-01 was answered 500).
describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true], ['2023-02-29', false], ['2023-13-01', false], ['2023-04-31', false], ['0001-01-01', true],
    ['9999-12-31', true], ['0000-01-01', false], ['0000-12-31', false], ['2023-7-01', false], [' 2023-07-01', false], [20230701, false],
  ])('%s: %s', (v, ok) => {
    expect(isCalendarDate(v)).toBe(ok);
  });
});
