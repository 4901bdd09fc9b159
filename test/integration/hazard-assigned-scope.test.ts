import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { get, hazardSnapshot, post, signIn, type Client } from '../support/ledger-api.js';

// A county that a hazard is assigned to (交办) but that does not report it may read the hazard and give
// feedback (反馈), nothing else on it: confirming, listing, planning, rectifying or
// closing another unit's hazard would sign for an enterprise it does not oversee. The reporting unit
// keeps its steps, and the city office all of them.

const REPORTING = '140502';
const ASSIGNED = '140521';
const NO = 'T-SCOPE-ASSIGNED-1';
const FOUND = '2023-11-01';

describeWith([], 'an assigned county on another unit\'s hazard', () => {
  let s: TestServer;
  let city: Client;
  let assigned: Client;
  let reporting: Client;

  beforeAll(async () => {
    s = await startTestServer();
    city = await s.login('admin', s.adminPassword);
    assigned = await signIn(s, 'county_branch', ASSIGNED);
    reporting = await signIn(s, 'county_branch', REPORTING);
    const [e] = (await s.t.db.dataSource.query(`SELECT credit_code, main_leader FROM enterprises WHERE unit_code = $1 AND main_leader IS NOT NULL ORDER BY credit_code LIMIT 1`, [REPORTING])) as { credit_code: string; main_leader: string }[];
    const step = async (path: string, body: unknown, status = 200) => {
      const r = await post(city, path, body);
      expect([path, r.status, r.status === status ? null : r.body]).toEqual([path, status, null]);
    };
    await step('/api/hazards', { ledgerNo: NO, enterpriseCreditCode: e.credit_code, unitCode: REPORTING, source: 'public_report', foundOn: FOUND, signedBy: '接报人' }, 201);
    await step(`/api/hazards/${NO}/confirm`, { step: 'enterprise', signedBy: e.main_leader, on: FOUND });
    await step(`/api/hazards/${NO}/confirm`, { step: 'unit', signedBy: '市办', on: FOUND });
    await step(`/api/hazards/${NO}/assign`, { unitCode: ASSIGNED, signedBy: '组长', assignedOn: '2023-11-02' });
  });
  afterAll(async () => { await s?.close(); });

  it('reads the hazard, in its list too', async () => {
    const one = await get<{ ledgerNo: string; assignment: { unitCode: string } }>(assigned, `/api/hazards/${NO}`);
    expect([one.status, one.body.assignment?.unitCode]).toEqual([200, ASSIGNED]);
    const list = await get<{ items: { ledgerNo: string }[] }>(assigned, '/api/hazards?pageSize=500&status=open');
    expect(list.body.items.map((h) => h.ledgerNo)).toContain(NO);
  });

  it('is refused every step but feedback, with 403 OUT_OF_SCOPE, and nothing changes', async () => {
    const steps: [string, unknown][] = [
      ['confirm', { step: 'unit', signedBy: '分局' }],
      ['list', { level: 'county', tracker: '某人', signedBy: '分局' }],
      ['plan', { responsiblePerson: '某人', measures: '转移', fundsWan: 1, deadline: '2024-12-01', contingencyPlan: '预案', signedBy: '分局' }],
      ['rectify', { rectifiedOn: '2023-11-10', signedBy: '分局' }],
      ['close', { closedOn: '2023-11-11', signedBy: '分局' }],
    ];
    for (const [what, body] of steps) {
      const before = await hazardSnapshot(s.t.db.dataSource, NO);
      const r = await post(assigned, `/api/hazards/${NO}/${what}`, body);
      expect([what, r.status, r.body.code, r.body.message]).toEqual([what, 403, 'OUT_OF_SCOPE', expect.stringMatching(/assigned to yours.*feedback/)]);
      expect(await hazardSnapshot(s.t.db.dataSource, NO)).toEqual(before);
    }
  });

  it('gives feedback; the reporting county may not give it, but plans its own hazard', async () => {
    const notMine = await post(reporting, `/api/hazards/${NO}/feedback`, { documentNo: '城环发〔2024〕1号', signedBy: '分局', feedbackOn: '2023-11-03' });
    expect([notMine.status, notMine.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const fb = await post<{ signoffs: { step: string; signer: string }[] }>(assigned, `/api/hazards/${NO}/feedback`, { documentNo: '沁环发〔2024〕5号', progress: '已约谈', signedBy: '沁水分局', feedbackOn: '2023-11-04' });
    expect([fb.status, fb.body.signoffs?.some((x) => x.step === 'feedback' && x.signer === '沁水分局')]).toEqual([200, true]);
    const plan = await post(reporting, `/api/hazards/${NO}/plan`, { responsiblePerson: '责任人', measures: '转移', fundsWan: 2, deadline: '2024-12-01', contingencyPlan: '预案', signedBy: '城区分局' });
    expect(plan.status).toBe(200);
  });
});
