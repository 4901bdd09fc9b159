import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { get, hazardSnapshot, post, signIn, type Client } from '../support/ledger-api.js';

// Each transition of the hazard lifecycle, legal and illegal: an illegal one answers its code and changes
// nothing (the hazard, its signatures, assignment, feedback and the audit trail are as before).
describeWith([], 'hazard lifecycle transitions', () => {
  let s: TestServer;
  let city: Client;
  let leader: Client;
  let county: Client;
  let enterprise: { credit_code: string; main_leader: string };
  const NO = 'T-140525-LIFE-0001';
  const SPOT = 'T-140525-LIFE-0002';
  const FOUND = '2024-03-01';
  const at = (step: string, no = NO) => `/api/hazards/${encodeURIComponent(no)}/${step}`;

  beforeAll(async () => {
    s = await startTestServer();
    city = await s.login('admin', s.adminPassword);
    leader = await signIn(s, 'group_leader');
    county = await signIn(s, 'county_branch', '140525');
    [enterprise] = await s.t.db.dataSource.query(`SELECT credit_code, main_leader FROM enterprises WHERE unit_code = '140525' AND main_leader IS NOT NULL ORDER BY credit_code LIMIT 1`);
  });
  afterAll(async () => { await s?.close(); });

  /** The request is refused with that status and code, and nothing about the hazard changed. */
  async function refused(c: Client, path: string, body: unknown, status: number, code: string | RegExp, no = NO) {
    const before = await hazardSnapshot(s.t.db.dataSource, no);
    const r = await post(c, path, body);
    expect({ path, status: r.status, code: r.body.code }).toEqual({ path, status, code: typeof code === 'string' ? code : expect.stringMatching(code) });
    expect(await hazardSnapshot(s.t.db.dataSource, no)).toEqual(before);
    return r;
  }

  async function ok(c: Client, path: string, body: unknown, status = 200) {
    const r = await post(c, path, body);
    expect({ path, status: r.status, body: r.status === status ? null : r.body }).toEqual({ path, status, body: null });
    return r.body as Record<string, unknown> & { timeline: { event: string; by: string | null }[]; signoffs: { step: string; signer: string }[] };
  }

  describe('report', () => {
    it('reports a hazard with its signer; the same ledger number again is a conflict', async () => {
      const h = await ok(county, '/api/hazards', { ledgerNo: NO, enterpriseCreditCode: enterprise.credit_code, source: 'self_check', foundOn: FOUND, category: '贮存', signedBy: '检查员甲' }, 201);
      expect(h).toMatchObject({ ledgerNo: NO, unitCode: '140525', confirmedOn: null, signoffs: [{ step: 'report', signer: '检查员甲' }] });
      await refused(county, '/api/hazards', { ledgerNo: NO, enterpriseCreditCode: enterprise.credit_code, source: 'self_check', foundOn: FOUND, signedBy: '检查员甲' }, 409, 'CONFLICT');
    });

    it('refuses a wrong field with 400 naming it, a future date, and an inspection signed clean', async () => {
      const bad = await post(county, '/api/hazards', { ledgerNo: 'X-1', enterpriseCreditCode: enterprise.credit_code, source: 'rumour', foundOn: FOUND, signedBy: 'a' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/source/);
      const noSigner = await post(county, '/api/hazards', { ledgerNo: 'X-1', enterpriseCreditCode: enterprise.credit_code, source: 'self_check', foundOn: FOUND });
      expect(noSigner.body.message).toMatch(/signedBy/);
      const future = await post(county, '/api/hazards', { ledgerNo: 'X-1', enterpriseCreditCode: enterprise.credit_code, source: 'self_check', foundOn: '2999-01-01', signedBy: 'a' });
      expect([future.status, future.body.message]).toEqual([400, expect.stringMatching(/foundOn.*future/)]);
      const [clean] = await s.t.db.dataSource.query(`SELECT inspection_id, enterprise_credit_code, inspected_on FROM inspections WHERE unit_code = '140525' AND major_hazards_found = 0 LIMIT 1`);
      const r = await post(county, '/api/hazards', { ledgerNo: 'X-1', enterpriseCreditCode: clean.enterprise_credit_code, source: 'enforcement', foundOn: clean.inspected_on, inspectionId: clean.inspection_id, signedBy: 'a' });
      expect([r.status, r.body.code, r.body.message]).toEqual([400, 'BAD_REFERENCE', expect.stringMatching(/signed clean/)]);
      const [{ n }] = await s.t.db.dataSource.query(`SELECT count(*)::int AS n FROM hazards WHERE ledger_no = 'X-1'`);
      expect(n).toBe(0);
    });
  });

  describe('before confirmation', () => {
    it('refuses every later step with its code', async () => {
      await refused(county, at('confirm'), { step: 'unit', signedBy: '分局甲', on: FOUND }, 409, 'HAZARD_AWAITING_ENTERPRISE_CONFIRMATION');
      await refused(county, at('list'), { level: 'county', tracker: '督办甲', signedBy: '分局甲', listedOn: FOUND }, 409, 'HAZARD_NOT_CONFIRMED');
      await refused(county, at('plan'), { responsiblePerson: '甲', measures: 'm', fundsWan: 1, deadline: '2024-04-01', contingencyPlan: 'p', signedBy: '分局甲' }, 409, 'HAZARD_NOT_CONFIRMED');
      await refused(county, at('rectify'), { rectifiedOn: FOUND, signedBy: '分局甲' }, 409, 'HAZARD_NOT_CONFIRMED');
      await refused(county, at('close'), { closedOn: FOUND, signedBy: '分局甲' }, 409, 'HAZARD_NOT_RECTIFIED');
      await refused(county, at('feedback'), { documentNo: '泽环发〔2024〕1号', signedBy: '分局甲', feedbackOn: FOUND }, 409, 'HAZARD_NOT_ASSIGNED');
    });
  });

  describe('两级确认', () => {
    it("is signed first by the enterprise's main leader, then by the unit", async () => {
      await refused(county, at('confirm'), { step: 'enterprise', signedBy: '别人', on: FOUND }, 409, 'SIGNER_NOT_MAIN_LEADER');
      await refused(county, at('confirm'), { step: 'enterprise', signedBy: enterprise.main_leader, on: '2024-02-01' }, 409, 'DATES_OUT_OF_ORDER');
      await refused(county, at('confirm'), { step: 'both', signedBy: enterprise.main_leader }, 400, 'BAD_REQUEST');
      const h1 = await ok(county, at('confirm'), { step: 'enterprise', signedBy: enterprise.main_leader, on: '2024-03-02' });
      expect(h1.confirmedOn).toBeNull();
      await refused(county, at('confirm'), { step: 'enterprise', signedBy: enterprise.main_leader, on: '2024-03-02' }, 409, 'HAZARD_ALREADY_CONFIRMED');
      await refused(county, at('confirm'), { step: 'unit', signedBy: '分局甲', on: '2024-03-01' }, 409, 'DATES_OUT_OF_ORDER');
      const h2 = await ok(county, at('confirm'), { step: 'unit', signedBy: '分局甲', on: '2024-03-03' });
      expect(h2.confirmedOn).toBe('2024-03-03');
      expect(h2.timeline.find((e) => e.event === 'confirmed')?.by).toBe(`${enterprise.main_leader}、分局甲`);
      await refused(county, at('confirm'), { step: 'unit', signedBy: '分局甲', on: '2024-03-03' }, 409, 'HAZARD_ALREADY_CONFIRMED');
    });
  });

  describe('挂牌督办', () => {
    it('needs level and tracker, and lists once', async () => {
      const r = await refused(county, at('list'), { level: 'county', signedBy: '分局甲' }, 400, 'BAD_REQUEST');
      expect(r.body.message).toMatch(/tracker/);
      await refused(county, at('list'), { level: 'province', tracker: '督办甲', signedBy: '分局甲' }, 400, 'BAD_REQUEST');
      const h = await ok(county, at('list'), { level: 'county', tracker: '督办甲', signedBy: '分局甲', listedOn: '2024-03-04' });
      expect(h).toMatchObject({ listedLevel: 'county', listedOn: '2024-03-04', tracker: '督办甲' });
      await refused(city, at('list'), { level: 'city', tracker: '督办乙', signedBy: '市办' }, 409, 'HAZARD_ALREADY_LISTED');
    });
  });

  describe('交办 and weekly feedback', () => {
    it('is assigned by a city role only, to a county-level unit, once', async () => {
      await refused(county, at('assign'), { unitCode: '140525', signedBy: '分局甲' }, 403, 'FORBIDDEN');
      await refused(city, at('assign'), { unitCode: '140500', signedBy: '市办', assignedOn: '2024-03-05' }, 400, 'NOT_COUNTY_LEVEL');
      await refused(city, at('assign'), { unitCode: '140525', signedBy: '市办', assignedOn: '2024-02-05' }, 409, 'DATES_OUT_OF_ORDER');
      const h = await ok(city, at('assign'), { unitCode: '140525', signedBy: '市办', assignedOn: '2024-03-05' });
      expect(h.assignment).toEqual({ unitCode: '140525', unitName: '泽州县', assignedOn: '2024-03-05' });
      await refused(leader, at('assign'), { unitCode: '140502', signedBy: '组长' }, 409, 'HAZARD_ALREADY_ASSIGNED');
    });

    it('takes feedback with a document number, from the assigned unit', async () => {
      const r = await refused(county, at('feedback'), { signedBy: '分局甲', feedbackOn: '2024-03-08' }, 400, 'BAD_REQUEST');
      expect(r.body.message).toMatch(/documentNo/);
      await refused(county, at('feedback'), { documentNo: '泽环发〔2024〕1号', signedBy: '分局甲', feedbackOn: '2024-03-04' }, 409, 'DATES_OUT_OF_ORDER');
      const other = await signIn(s, 'county_branch', '140502');
      await refused(other, at('feedback'), { documentNo: '泽环发〔2024〕1号', signedBy: '别人', feedbackOn: '2024-03-08' }, 403, 'OUT_OF_SCOPE');
      const h = await ok(county, at('feedback'), { documentNo: '泽环发〔2024〕1号', progress: '整改推进中', signedBy: '分局甲', feedbackOn: '2024-03-08' });
      expect(h.timeline.filter((e) => e.event === 'feedback')).toHaveLength(1);
      await ok(county, at('feedback'), { documentNo: '泽环发〔2024〕2号', signedBy: '分局甲', feedbackOn: '2024-03-15' });
    });
  });

  describe('整改', () => {
    it('needs the whole plan unless rectified on the spot; a plan is made once', async () => {
      const r = await refused(county, at('rectify'), { rectifiedOn: '2024-03-20', signedBy: '分局甲', measures: '清理' }, 409, 'HAZARD_PLAN_INCOMPLETE');
      expect(r.body.message).toMatch(/responsiblePerson, fundsWan, deadline, contingencyPlan/);
      const missing = await refused(county, at('plan'), { responsiblePerson: '责任人甲', measures: '清理', deadline: '2024-04-01', contingencyPlan: '预案', signedBy: '分局甲' }, 400, 'BAD_REQUEST');
      expect(missing.body.message).toMatch(/fundsWan/);
      await refused(county, at('plan'), { responsiblePerson: '责任人甲', measures: '清理', fundsWan: 3.5, deadline: '2024-02-01', contingencyPlan: '预案', signedBy: '分局甲' }, 409, 'DATES_OUT_OF_ORDER');
      const h = await ok(county, at('plan'), { responsiblePerson: '责任人甲', measures: '清理', fundsWan: 3.5, deadline: '2024-04-01', contingencyPlan: '预案', signedBy: '分局甲' });
      expect(h).toMatchObject({ responsiblePerson: '责任人甲', fundsWan: 3.5, deadline: '2024-04-01' });
      await refused(county, at('plan'), { responsiblePerson: '乙', measures: '清理', fundsWan: 1, deadline: '2024-06-01', contingencyPlan: '预案', signedBy: '分局甲' }, 409, 'HAZARD_ALREADY_PLANNED');
      await refused(county, at('rectify'), { rectifiedOn: '2024-02-20', signedBy: '分局甲' }, 409, 'DATES_OUT_OF_ORDER');
      const done = await ok(county, at('rectify'), { rectifiedOn: '2024-03-20', signedBy: '责任人甲' });
      expect(done.rectifiedOn).toBe('2024-03-20');
      await refused(county, at('rectify'), { rectifiedOn: '2024-03-21', signedBy: '责任人甲' }, 409, 'HAZARD_ALREADY_RECTIFIED');
    });

    it('takes a hazard rectified the day it was found without a plan', async () => {
      await ok(county, '/api/hazards', { ledgerNo: SPOT, enterpriseCreditCode: enterprise.credit_code, source: 'self_check', foundOn: '2024-05-06', signedBy: '检查员乙' }, 201);
      await ok(county, at('confirm', SPOT), { step: 'enterprise', signedBy: enterprise.main_leader, on: '2024-05-06' });
      await ok(county, at('confirm', SPOT), { step: 'unit', signedBy: '分局甲', on: '2024-05-06' });
      await refused(county, at('rectify', SPOT), { rectifiedOn: '2024-05-07', signedBy: '分局甲' }, 409, 'HAZARD_PLAN_INCOMPLETE', SPOT);
      const h = await ok(county, at('rectify', SPOT), { rectifiedOn: '2024-05-06', signedBy: '分局甲' });
      expect(h).toMatchObject({ rectifiedOn: '2024-05-06', deadline: null });
    });
  });

  describe('办结销号', () => {
    it('closes an assigned hazard only by the group leader, once, and then nothing changes', async () => {
      await refused(county, at('close'), { closedOn: '2024-03-25', signedBy: '分局甲' }, 403, 'GROUP_LEADER_REQUIRED');
      await refused(city, at('close'), { closedOn: '2024-03-25', signedBy: '市办' }, 403, 'GROUP_LEADER_REQUIRED');
      await refused(leader, at('close'), { closedOn: '2024-03-19', signedBy: '组长甲' }, 409, 'DATES_OUT_OF_ORDER');
      const h = await ok(leader, at('close'), { closedOn: '2024-03-25', signedBy: '组长甲' });
      expect(h).toMatchObject({ closedOn: '2024-03-25', closedBy: '组长甲' });
      expect(h.signoffs.map((x) => x.step)).toEqual(['report', 'confirm_enterprise', 'confirm_unit', 'list', 'assign', 'feedback', 'feedback', 'plan', 'rectify', 'close']);
      await refused(leader, at('close'), { closedOn: '2024-03-26', signedBy: '组长乙' }, 409, 'HAZARD_ALREADY_CLOSED');
      await refused(county, at('feedback'), { documentNo: '泽环发〔2024〕3号', signedBy: '分局甲', feedbackOn: '2024-03-29' }, 409, 'HAZARD_ALREADY_CLOSED');
      await refused(county, at('rectify'), { rectifiedOn: '2024-03-29', signedBy: '分局甲' }, 409, 'HAZARD_ALREADY_CLOSED');
      await refused(city, at('list'), { level: 'city', tracker: '督办乙', signedBy: '市办' }, 409, 'HAZARD_ALREADY_CLOSED');
    });

    it('lets the unit close its own hazard that was not assigned', async () => {
      await refused(leader, at('close', SPOT), { closedOn: '2024-05-05', signedBy: '组长甲' }, 409, 'DATES_OUT_OF_ORDER', SPOT);
      const h = await ok(county, at('close', SPOT), { closedOn: '2024-05-08', signedBy: '分局甲' });
      expect(h.closedBy).toBe('分局甲');
    });

    it('answers 404 for a hazard that does not exist', async () => {
      const r = await post(leader, at('close', 'NO-SUCH-HAZARD'), { signedBy: '组长甲' });
      expect([r.status, r.body.code]).toEqual([404, 'UNKNOWN_HAZARD']);
    });

    it('shows every signer on the timeline', async () => {
      const h = (await get<{ timeline: { event: string; by: string | null }[] }>(county, `/api/hazards/${NO}`)).body;
      expect(h.timeline.map((e) => [e.event, e.by])).toEqual([
        ['found', '检查员甲'], ['confirmed', `${enterprise.main_leader}、分局甲`], ['listed', '督办甲'], ['assigned', '市办'], ['feedback', null], ['feedback', null],
        // in date order: the plan's deadline (2024-04-01) came after the close-out
        ['rectified', '责任人甲'], ['closed', '组长甲'], ['deadline', '责任人甲'],
      ]);
    });
  });
});
