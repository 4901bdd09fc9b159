import { expect, it } from '@jest/globals';
import { describeWith, TEST_DATABASE_URL } from '../support/requires.js';
import { formatReport, runLoad } from './load-run.js';

// Load, as CI runs it: the same run as `npm run load`, shortened (LOAD_SECONDS, default 15 here).
const seconds = Number(process.env.LOAD_SECONDS || 15);
const clients = Number(process.env.LOAD_CLIENTS || 50);

describeWith(['postgres'], `load: ${clients} clients mixing reads and writes against PostgreSQL`, () => {
  it(`answers every request for ${seconds} s and every acknowledged write is in the database`, async () => {
    const r = await runLoad({ databaseUrl: TEST_DATABASE_URL, clients, seconds, log: (l) => console.log(l) });
    console.log(formatReport(r));
    expect(r.errors).toEqual([]);
    expect(r.errorCount).toBe(0);
    expect(r.lost).toBe(0);
    // the run did work of every kind: reads, feedback, rectifications
    expect(r.latency['all reads']?.n ?? 0).toBeGreaterThan(clients);
    expect(r.acknowledged.feedback).toBeGreaterThan(0);
    expect(r.acknowledged.rectify).toBeGreaterThan(0);
    expect(r.found).toEqual(r.acknowledged);
  }, (seconds + 300) * 1000);
});
