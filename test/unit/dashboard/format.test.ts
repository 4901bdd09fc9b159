import { describe, expect, it } from '@jest/globals';
import { formatCount, formatDate, formatDateLong, formatDateTime, formatMonth, formatPercent, formatScore, formatSignedScore, formatWan, movementText } from '../../../dashboard/src/format.js';

describe('number formatting for Chinese readers', () => {
  it('writes scores with two decimals and zh-CN grouping', () => {
    expect(formatScore(74.76)).toBe('74.76');
    expect(formatScore(69)).toBe('69.00');
    expect(formatScore(0)).toBe('0.00');
    expect(formatScore(1234.5)).toBe('1,234.50');
    expect(formatScore(null)).toBe('–');
    expect(formatScore(Number.NaN)).toBe('–');
  });

  it('writes counts, shares and money', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(undefined)).toBe('–');
    expect(formatPercent(0.75)).toBe('75%');
    expect(formatPercent(2 / 3)).toBe('66.7%');
    expect(formatWan(12.5)).toBe('12.50 万元');
  });

  it('signs changes with a true minus', () => {
    expect(formatSignedScore(12.78)).toBe('+12.78');
    expect(formatSignedScore(-3)).toBe('−3.00');
    expect(formatSignedScore(0)).toBe('0.00');
  });

  it('writes months and dates', () => {
    expect(formatMonth('2023-08')).toBe('2023年8月');
    expect(formatDateLong('2023-08-31')).toBe('2023年8月31日');
    expect(formatDate('2023-08-31')).toBe('2023-08-31');
    expect(formatDate(null)).toBe('–');
    // a UTC timestamp late in the day is the next day in China
    expect(formatDate('2023-08-31T20:00:00.000Z')).toBe('2023-09-01');
    expect(formatDateTime('2023-08-31T20:30:00.000Z')).toBe('2023-09-01 04:30');
  });
});

describe('movement arrows', () => {
  it('points up for a positive rank change, down for a negative one', () => {
    expect(movementText({ rankChange: 2 })).toEqual({ text: '↑2', direction: 'up', label: '上升2位' });
    expect(movementText({ rankChange: -1 })).toEqual({ text: '↓1', direction: 'down', label: '下降1位' });
  });

  it('shows – for no change and for the first month', () => {
    expect(movementText({ rankChange: 0 }).text).toBe('–');
    expect(movementText({ rankChange: 0 }).label).toBe('名次不变');
    expect(movementText(null).text).toBe('–');
    expect(movementText(null).label).toBe('首月，无上月名次');
  });
});
