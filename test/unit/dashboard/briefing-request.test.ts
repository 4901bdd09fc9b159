import { describe, expect, it } from '@jest/globals';
import { briefingPath, briefingQuery } from '../../../dashboard/src/features/ranking/briefing-request.js';

describe('the 通报 export form', () => {
  it('sends 文号, 成文日期 and 抄送 as typed, trimmed', () => {
    const v = { docPrefix: ' 晋危废专办 ', docNo: '7', date: '2024-01-03', copyTo: '市生态环境局' };
    expect(briefingQuery('2023-12', v)).toEqual({ month: '2023-12', docPrefix: '晋危废专办', docNo: 7, date: '2024-01-03', copyTo: '市生态环境局' });
    const url = new URL(briefingPath('2023-12', v), 'http://x');
    expect(url.pathname).toBe('/api/exports/briefing.docx');
    expect(Object.fromEntries(url.searchParams)).toEqual({ month: '2023-12', docPrefix: '晋危废专办', docNo: '7', date: '2024-01-03', copyTo: '市生态环境局' });
  });

  it('leaves blank fields out, so that the server\'s defaults apply', () => {
    expect(briefingPath('2023-12', { docPrefix: '', docNo: ' ', date: '', copyTo: '' })).toBe('/api/exports/briefing.docx?month=2023-12');
  });
});
