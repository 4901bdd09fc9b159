// The mark-to-mark stage timer the importer uses (HW_IMPORT_STAGES, api/src/bundle/import-stages.ts):
// one stderr line a stage, with its wall and the process's CPU since the previous mark.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { stageMarks } from '../../../analytics/src/stage-trace.js';

describe('stageMarks', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('writes one line a mark, timed from the previous mark', () => {
    const mark = stageMarks(true, 'import stage');
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const spent = () => { const u = process.cpuUsage(cpu); return (u.user + u.system) / 1000; };
    // 30 ms of wall and 30 ms of this process's CPU in the first stage: the process's other threads (the
    // garbage collector's, jest's) add CPU, so one does not follow from the other (27 ms of wall was seen)
    while (spent() < 30 || performance.now() - wall < 30);
    mark('read');
    mark('write');
    expect(written).toHaveLength(2);
    const [read, write] = written.map((l) => /^import stage (\w+): (\d+) ms wall, (\d+) ms node CPU\n$/.exec(l));
    expect(read?.[1]).toBe('read');
    expect(Number(read?.[2])).toBeGreaterThanOrEqual(30);
    expect(Number(read?.[3])).toBeGreaterThanOrEqual(30);
    expect(write?.[1]).toBe('write');
    expect(Number(write?.[3])).toBeLessThan(30);
  });

  it('writes nothing when off', () => {
    const mark = stageMarks(false, 'import stage');
    mark('read');
    expect(written).toEqual([]);
  });
});
