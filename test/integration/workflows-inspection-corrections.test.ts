import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { get, post, type Client } from '../support/ledger-api.js';

type Trace = { missed: { hazard: string; unit: string; inspections: { id: string; signers: string[] }[] }[] };

// A signed inspection is corrected by a new record, and the figures count the correction in place of the
// original. 城区 signed clean an inspection before the city found a hazard there (该发现而未发现); when 城区
// corrects that inspection to say it found a major hazard, the hazard is no longer a missed one.
describeWith([], 'inspection corrections in the figures', () => {
  let s: TestServer;
  let city: Client;
  beforeAll(async () => {
    s = await startTestServer();
    city = await s.login('admin', s.adminPassword);
  });
  afterAll(async () => { await s?.close(); });

  it('names 城区\'s missed hazard with the clean-signed inspection and its signers', async () => {
    const t = (await get<Trace>(city, '/api/trace?month=2023-12')).body;
    const missed = t.missed.filter((m) => m.unit === '140502');
    expect(missed).toHaveLength(1);
    expect(missed[0].inspections[0].signers.length).toBeGreaterThan(0);
  });

  it('stops counting a missed hazard once the clean inspection is corrected', async () => {
    const before = (await get<Trace>(city, '/api/trace?month=2023-12')).body.missed.find((m) => m.unit === '140502')!;
    const original = before.inspections[0];
    const r = await post(city, `/api/inspections/${original.id}/corrections`, { signedBy: original.signers, majorHazardsFound: 1, reason: '签字时漏记重大隐患' });
    expect(r.status).toBe(201);
    const after = (await get<Trace>(city, '/api/trace?month=2023-12')).body;
    expect(after.missed.find((m) => m.hazard === before.hazard)).toBeUndefined();
  });
});
