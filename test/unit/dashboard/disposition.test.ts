import { describe, expect, it } from '@jest/globals';
import { fileNameFromDisposition } from '../../../dashboard/src/api/disposition.js';

describe('download file names', () => {
  it('prefers the UTF-8 name', () => {
    expect(fileNameFromDisposition(`attachment; filename="dispatch-2023-08.xlsx"; filename*=UTF-8''%E8%B0%83%E5%BA%A6%E8%A1%A8-2023-08.xlsx`, 'x')).toBe('调度表-2023-08.xlsx');
  });

  it('takes the plain name, quoted or not', () => {
    expect(fileNameFromDisposition('attachment; filename="scores-2023-08.csv"', 'x')).toBe('scores-2023-08.csv');
    expect(fileNameFromDisposition('attachment; filename=scores.csv', 'x')).toBe('scores.csv');
  });

  it('falls back when there is no usable name', () => {
    expect(fileNameFromDisposition(null, 'fallback.csv')).toBe('fallback.csv');
    expect(fileNameFromDisposition('attachment', 'fallback.csv')).toBe('fallback.csv');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E8%ZZ; filename="a.csv"`, 'f')).toBe('a.csv');
  });
});
