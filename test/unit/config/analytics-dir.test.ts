import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readEnv } from '../../../api/src/config/env.js';

// Where the server keeps its analytics copy between starts (README, ANALYTICS_DIR).
describe('ANALYTICS_DIR', () => {
  it('is DATA_DIR/analytics unless set, for the embedded folder and DATABASE_URL alike', () => {
    expect(readEnv({ DATA_DIR: '/srv/hw' }).analyticsDir).toBe('/srv/hw/analytics');
    expect(readEnv({ DATA_DIR: '/srv/hw', DATABASE_URL: 'postgres://db/hw' }).analyticsDir).toBe('/srv/hw/analytics');
  });

  it('takes a folder of its own, relative to the working directory, or `memory` for none', () => {
    expect(readEnv({ ANALYTICS_DIR: '/var/cache/hw' }).analyticsDir).toBe('/var/cache/hw');
    expect(readEnv({ ANALYTICS_DIR: 'cache' }).analyticsDir).toBe(path.resolve('cache'));
    expect(readEnv({ ANALYTICS_DIR: 'memory' }).analyticsDir).toBeUndefined();
  });
});
