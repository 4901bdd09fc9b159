import { describe, expect, it } from '@jest/globals';
import { chinaDateTime, chinaDay, chinaDayStart, chinaMonth, endOfMonth } from '../../../api/src/common/china-time.js';

describe('China time', () => {
  it('puts an instant on China’s calendar day, which starts at 16:00 UTC the day before', () => {
    expect(chinaDay(new Date('2023-08-31T15:59:59Z'))).toBe('2023-08-31');
    expect(chinaDay(new Date('2023-08-31T16:00:00Z'))).toBe('2023-09-01');
    expect(chinaDay(Date.parse('2023-12-31T17:00:00Z'))).toBe('2024-01-01');
    expect(chinaMonth(Date.parse('2023-12-31T17:00:00Z'))).toBe('2024-01');
  });

  it('shows the wall-clock minute in China', () => {
    expect(chinaDateTime(new Date('2023-09-01T00:30:00Z'))).toBe('2023-09-01 08:30');
  });

  it('finds the instant a China day begins, the inverse of chinaDay', () => {
    const start = chinaDayStart('2023-09-01');
    expect(start.toISOString()).toBe('2023-08-31T16:00:00.000Z');
    expect(chinaDay(start)).toBe('2023-09-01');
    expect(chinaDay(start.getTime() - 1)).toBe('2023-08-31');
  });

  it('knows the last day of a month, leap years included', () => {
    expect(endOfMonth('2023-02')).toBe('2023-02-28');
    expect(endOfMonth('2024-02')).toBe('2024-02-29');
    expect(endOfMonth('2023-12')).toBe('2023-12-31');
  });
});
