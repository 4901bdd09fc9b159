import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { bytesNeeded, diskProblem, freeBytes } from '../../../seeds/disk-check.js';

describe('the generator CLI disk check', () => {
  it('estimates more room for bigger scales: ~2.4 GB for the nation', () => {
    expect(bytesNeeded('city')).toBeLessThan(bytesNeeded('province'));
    expect(bytesNeeded('nation') / 1e9).toBeGreaterThan(2);
    expect(bytesNeeded('nation') / 1e9).toBeLessThan(3);
  });

  it('refuses with the sizes and what to do when df shows too little', () => {
    const msg = diskProblem('nation', '/data/out', 300e6);
    expect(msg).toMatch(/nation scale needs about 2,\d{3} MB free for \/data\/out, but only 300 MB is free/);
    expect(msg).toMatch(/smaller --scale/);
    expect(diskProblem('city', '/data/out', 300e6)).toBeUndefined();
  });

  it('reads free space from the nearest existing parent of a folder not yet made', () => {
    expect(freeBytes(path.join(os.tmpdir(), 'not', 'yet', 'made'))).toBeGreaterThan(0);
  });
});
