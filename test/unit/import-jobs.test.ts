import { describe, expect, it } from '@jest/globals';
import { JobStore, type ImportJob } from '../../api/src/imports/import-job.js';

const job = (id: string, problems = 0): ImportJob => ({
  id, status: 'refused', fileName: 'b.zip', unit: null, actor: 'a', rowsTotal: 0, rowsChecked: 0, rowsWritten: 0,
  problems: Array.from({ length: problems }, () => ({ file: 'f', line: 1, column: null, message: 'm', messageZh: 'z', text: 't' })),
  counts: null, error: null, startedAt: '', finishedAt: null,
});

describe('the in-memory job store', () => {
  it('keeps the last jobs, newest first, dropping the oldest past the bound', () => {
    const s = new JobStore(3);
    for (const id of ['a', 'b', 'c', 'd']) s.add(job(id));
    expect(s.list(() => true, 10).map((j) => j.id)).toEqual(['d', 'c', 'b']);
    expect(s.get('a')).toBeUndefined();
  });

  it('drops old jobs while the problems kept pass their bound, never the newest', () => {
    const s = new JobStore(100, 10);
    s.add(job('a', 6));
    s.add(job('b', 6));
    expect(s.list(() => true, 10).map((j) => j.id)).toEqual(['b']);
    s.add(job('c', 50));
    expect(s.list(() => true, 10).map((j) => j.id)).toEqual(['c']);
  });
});
