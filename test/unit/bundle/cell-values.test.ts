import { describe, expect, it } from '@jest/globals';
import { parseCell } from '../../../api/src/bundle/cell-values.js';
import type { ColumnSpec } from '../../../api/src/bundle/bundle-files.js';

const col = (type: ColumnSpec['type'], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name: 'c', type, ...extra });

describe('cell values', () => {
  it('reads booleans as bundle.md lists them', () => {
    for (const [s, v] of [['true', true], ['TRUE', true], ['1', true], ['是', true], ['false', false], ['0', false], ['否', false]] as const) {
      expect(parseCell(col('boolean'), s)).toEqual({ value: v });
    }
    expect(parseCell(col('boolean'), 'yes')).toEqual({ problem: '"yes" is not a boolean (true/false, 1/0, 是/否)' });
  });

  it('refuses dates that do not exist, leap years included', () => {
    expect(parseCell(col('date'), '2024-02-29')).toEqual({ value: '2024-02-29' });
    expect(parseCell(col('date'), '2023-02-29')).toEqual({ problem: '"2023-02-29" is a date that does not exist' });
    expect(parseCell(col('date'), '2023-04-31')).toEqual({ problem: '"2023-04-31" is a date that does not exist' });
    expect(parseCell(col('date'), '0000-01-01')).toEqual({ problem: '"0000-01-01" is a date that does not exist' });
    expect(parseCell(col('date'), '2023-5-7')).toEqual({ problem: '"2023-5-7" is not a date written YYYY-MM-DD' });
  });

  it('rounds money on its decimal digits as numeric(14,2) does, so a re-import compares equal', () => {
    expect(parseCell(col('money'), '4.2')).toEqual({ value: '4.20' });
    expect(parseCell(col('money'), '1.005')).toEqual({ value: '1.01' });
    expect(parseCell(col('money'), '.999')).toEqual({ value: '1.00' });
    expect(parseCell(col('money'), '007')).toEqual({ value: '7.00' });
    expect(parseCell(col('money'), '-0.5')).toEqual({ problem: '-0.5 is negative' });
    expect(parseCell(col('money'), '1e3')).toEqual({ problem: '"1e3" is not a number' });
    expect(parseCell(col('money'), '9999999999999')).toEqual({ problem: '9999999999999 is too large (at most 12 digits before the point)' });
  });

  it('counts are whole numbers from 0 that fit an integer', () => {
    expect(parseCell(col('count'), '0')).toEqual({ value: 0 });
    expect(parseCell(col('count'), '-2')).toEqual({ problem: '-2 is negative' });
    expect(parseCell(col('count'), '1.5')).toEqual({ problem: '"1.5" is not a whole number' });
    expect(parseCell(col('count'), '3000000000')).toEqual({ problem: '3000000000 is too large' });
  });

  it('splits lists on ; and applies fallbacks and required', () => {
    expect(parseCell(col('list'), ' a ; b;;')).toEqual({ value: ['a', 'b'] });
    expect(parseCell(col('list', { required: true }), ' ; ')).toEqual({ problem: 'required value is missing' });
    expect(parseCell(col('count', { fallback: 1 }), '')).toEqual({ value: 1 });
    expect(parseCell(col('text'), '  ')).toEqual({ value: null });
  });

  it('refuses what the database cannot store', () => {
    expect(parseCell(col('text'), 'a\u0000b')).toEqual({ problem: 'contains a NUL character, which the ledger cannot store' });
    expect(parseCell(col('key'), 'x'.repeat(501))).toEqual({ problem: 'is longer than 500 characters' });
    expect(parseCell(col('month'), '2023-13')).toEqual({ problem: '"2023-13" is not a month written YYYY-MM' });
  });
});
