import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { post, signIn, type Client } from '../support/ledger-api.js';
import type { Engine } from '../support/databases.js';

// Several users close one hazard at the same moment: exactly one close-out is signed, the others answer
// 409 HAZARD_ALREADY_CLOSED, and the audit trail holds one close.
for (const engine of ['embedded', 'postgres'] as Engine[]) {
  describeWith(engine === 'postgres' ? ['postgres'] : [], `closing one hazard at once (${engine})`, () => {
    let s: TestServer;
    let county: Client;
    const NO = 'T-140522-RACE-0001';

    beforeAll(async () => {
      s = await startTestServer({ engine });
      county = await signIn(s, 'county_branch', '140522');
      const [e] = await s.t.db.dataSource.query(`SELECT credit_code, main_leader FROM enterprises WHERE unit_code = '140522' AND main_leader IS NOT NULL LIMIT 1`);
      const steps: [string, unknown][] = [
        ['/api/hazards', { ledgerNo: NO, enterpriseCreditCode: e.credit_code, source: 'self_check', foundOn: '2024-06-03', signedBy: '检查员' }],
        [`/api/hazards/${NO}/confirm`, { step: 'enterprise', signedBy: e.main_leader, on: '2024-06-03' }],
        [`/api/hazards/${NO}/confirm`, { step: 'unit', signedBy: '分局', on: '2024-06-03' }],
        [`/api/hazards/${NO}/rectify`, { rectifiedOn: '2024-06-03', signedBy: '分局' }],
      ];
      for (const [path, body] of steps) expect((await post(county, path, body)).status).toBeLessThan(300);
    });
    afterAll(async () => { await s?.close(); });

    it('signs one close-out and refuses the others with 409', async () => {
      const leaders = await Promise.all([1, 2, 3, 4, 5].map(() => signIn(s, 'group_leader')));
      const answers = await Promise.all(leaders.map((c, i) => post(c, `/api/hazards/${NO}/close`, { closedOn: '2024-06-04', signedBy: `组长${i}` })));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe('HAZARD_ALREADY_CLOSED');
      const winner = answers.findIndex((a) => a.status === 200);
      const ds = s.t.db.dataSource;
      const [h] = await ds.query(`SELECT closed_by FROM hazards WHERE ledger_no = $1`, [NO]);
      expect(h.closed_by).toBe(`组长${winner}`);
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'hazard.close' AND record_key = $1`, [NO]);
      expect(n).toBe(1);
      const [{ k }] = await ds.query(`SELECT count(*)::int AS k FROM hazard_signoffs WHERE hazard_ledger_no = $1 AND step = 'close'`, [NO]);
      expect(k).toBe(1);
    });
  });
}
