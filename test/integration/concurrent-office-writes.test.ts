import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { post, type Client } from '../support/ledger-api.js';

// What a double click or a script would send at once to the office's one-off writes: campaigns whose
// months overlap (the check reads what the insert relies on, under a table lock), and the release of one
// month to the public (once). Exactly one of each may win; the others are refused with their codes.
describeWith(['postgres'], 'office writes sent at once', () => {
  let s: TestServer;
  let office: Client;
  beforeAll(async () => {
    s = await startTestServer({ engine: 'postgres' });
    office = await s.login('admin', s.adminPassword);
  }, 180_000);
  afterAll(async () => { await s?.close(); });

  const tally = (rs: { status: number; body: unknown }[]) => {
    const out: Record<string, number> = {};
    for (const r of rs) {
      const k = `${r.status}${r.status >= 400 ? ` ${(r.body as { code?: string }).code}` : ''}`;
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  };

  it('creates one of eight overlapping campaigns sent at once, refusing the seven others as CAMPAIGN_OVERLAP', async () => {
    const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => post(office, '/api/campaigns', {
      code: `race-2031-${i}`, name: `并发${i}`, startOn: '2031-04-20', endOn: '2031-12-31', firstMonth: `2031-0${5 + (i % 3)}`, lastMonth: '2031-12',
    })));
    console.log(`8 overlapping campaigns at once: ${JSON.stringify(tally(rs))}`);
    expect(tally(rs)).toEqual({ 201: 1, '409 CAMPAIGN_OVERLAP': 7 });
    const [n] = await s.t.db.dataSource.query(`SELECT count(*)::int AS n FROM campaigns WHERE code LIKE 'race-2031-%'`);
    expect(n.n).toBe(1);
  });

  it('releases a month to the public once when six releases are sent at once', async () => {
    const rs = await Promise.all(Array.from({ length: 6 }, () => post(office, '/api/public/releases', { month: '2023-09' })));
    console.log(`6 releases of 2023-09 at once: ${JSON.stringify(tally(rs))}`);
    expect(tally(rs)).toEqual({ 201: 1, '409 ALREADY_PUBLISHED': 5 });
    const audit = await s.t.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'public.release' AND record_key = '2023-09'`);
    expect(audit[0].n).toBe(1);
  });
});
