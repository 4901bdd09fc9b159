import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { auditCount, creditCode, get, patch, post, signIn, type Client } from '../support/ledger-api.js';

type Page<T = Record<string, unknown>> = { items: T[]; total: number; page: number; pageSize: number };

// The REST API of each ledger record: create and correct through validated DTOs (a wrong field answers
// 400 naming it), lists with pages, filters and sorting, every write audited.
describeWith([], 'ledger records through the API', () => {
  let s: TestServer;
  let city: Client;
  let county: Client;
  let inspector: Client;
  const CC = creditCode('91140525MA0TEXT01');

  beforeAll(async () => {
    s = await startTestServer();
    city = await s.login('admin', s.adminPassword);
    county = await signIn(s, 'county_branch', '140525');
    inspector = await signIn(s, 'inspector', '140525');
  });
  afterAll(async () => { await s?.close(); });

  describe('lists', () => {
    it('pages, filters and sorts', async () => {
      const p1 = (await get<Page<{ creditCode: string; name: string }>>(city, '/api/enterprises?pageSize=5&sort=-name')).body;
      const p2 = (await get<Page<{ creditCode: string; name: string }>>(city, '/api/enterprises?pageSize=5&page=2&sort=-name')).body;
      const [{ n }] = await s.t.db.dataSource.query(`SELECT count(*)::int AS n FROM enterprises`);
      expect([p1.total, p1.page, p1.pageSize, p1.items.length, p2.page]).toEqual([n, 1, 5, 5, 2]);
      const names = [...p1.items, ...p2.items].map((e) => e.name);
      expect(names).toEqual([...names].sort().reverse());
      expect(new Set([...p1.items, ...p2.items].map((e) => e.creditCode)).size).toBe(10);
      const penalties = (await get<Page<{ kind: string; unitCode: string }>>(city, '/api/actions?kind=penalty&unit=140525&pageSize=500')).body;
      expect(penalties.items.length).toBeGreaterThan(0);
      expect(penalties.items.every((a) => a.kind === 'penalty' && a.unitCode === '140525')).toBe(true);
      const clean = (await get<Page<{ majorHazardsFound: number; inspectedOn: string }>>(city, '/api/inspections?clean=true&from=2023-09-01&to=2023-09-30&pageSize=500')).body;
      expect(clean.items.every((i) => i.majorHazardsFound === 0 && i.inspectedOn.startsWith('2023-09'))).toBe(true);
      const subs = (await get<Page<{ period: string; kind: string }>>(city, '/api/submissions?kind=monthly_report&period=2023-08&pageSize=500')).body;
      expect(subs.items.length).toBeGreaterThan(0);
      expect(subs.items.every((x) => x.kind === 'monthly_report' && x.period === '2023-08')).toBe(true);
    });

    it('answers 400 naming a wrong parameter', async () => {
      for (const [path, field] of [['/api/enterprises?sort=colour', 'sort'], ['/api/inspections?pageSize=0', 'pageSize'], ['/api/actions?from=2023-02-30', 'from'],
        ['/api/drills?color=red', 'color'], ['/api/submissions?period=2023-13', 'period'], ['/api/findings?finding=rust', 'finding']]) {
        const r = await get(city, path);
        expect([path, r.status, r.body.message]).toEqual([path, 400, expect.stringContaining(field)]);
      }
    });
  });

  describe('enterprises', () => {
    it('creates one with a checked credit code and corrects it, auditing both', async () => {
      const bad = await post(county, '/api/enterprises', { creditCode: CC.slice(0, 17) + (CC[17] === '0' ? '1' : '0'), name: '测试企业', unitCode: '140525', industry: 'steel', riskLevel: 'general', highRisk: false });
      expect([bad.status, bad.body.message]).toEqual([400, expect.stringMatching(/creditCode.*check digit/)]);
      const audit = await auditCount(s.t.db.dataSource);
      const r = await post(county, '/api/enterprises', { creditCode: CC, name: '测试企业', unitCode: '140525', industry: 'steel', riskLevel: 'general', highRisk: false, mainLeader: '王五' });
      expect([r.status, r.body]).toEqual([201, expect.objectContaining({ creditCode: CC, inScope: true, mainLeader: '王五' })]);
      const u = await patch(county, `/api/enterprises/${CC}`, { mainLeader: '赵六', riskLevel: 'major' });
      expect(u.body).toMatchObject({ mainLeader: '赵六', riskLevel: 'major' });
      expect((await patch(county, `/api/enterprises/${CC}`, { creditCode: 'X' })).status).toBe(400);
      expect((await patch(county, `/api/enterprises/${CC}`, { unitCode: '140500' })).body.code).toBe('OUT_OF_SCOPE');
      expect((await patch(city, `/api/enterprises/${CC}`, { unitCode: '140500' })).body.code).toBe('NOT_COUNTY_LEVEL');
      const entries = await s.t.db.dataSource.query(`SELECT action, before->>'main_leader' AS b, after->>'mainLeader' AS a FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log) ORDER BY id`);
      expect(await auditCount(s.t.db.dataSource)).toBe(audit + 2);
      expect(entries.map((e: { action: string }) => e.action)).toEqual(['enterprise.create', 'enterprise.update']);
    });
  });

  describe('inspections', () => {
    let id: string;

    it('records every signer and its findings; the inspector of the unit may file it', async () => {
      const noSigner = await post(inspector, '/api/inspections', { enterpriseCreditCode: CC, inspectedOn: '2024-02-01', signedBy: [], majorHazardsFound: 0 });
      expect([noSigner.status, noSigner.body.message]).toEqual([400, expect.stringMatching(/signedBy/)]);
      const r = await post<{ inspectionId: string; signedBy: string[]; findings: string[]; unitCode: string }>(inspector, '/api/inspections',
        { enterpriseCreditCode: CC, inspectedOn: '2024-02-01', signedBy: ['检查员甲', '检查员乙'], majorHazardsFound: 0, findings: ['no_drill', 'no_duty_list'] });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ unitCode: '140525', signedBy: ['检查员甲', '检查员乙'], findings: ['no_drill', 'no_duty_list'] });
      id = r.body.inspectionId;
    });

    it('is never edited: a correction is a new record naming it, and only the latest can be corrected', async () => {
      const c = await post<{ inspectionId: string; correctsInspectionId: string; majorHazardsFound: number; findings: string[] }>(inspector, `/api/inspections/${id}/corrections`,
        { signedBy: ['检查员甲', '检查员乙'], majorHazardsFound: 1, reason: '漏记一项重大隐患' });
      expect(c.status).toBe(201);
      expect(c.body).toMatchObject({ correctsInspectionId: id, majorHazardsFound: 1, findings: ['no_drill', 'no_duty_list'] });
      const original = (await get<{ correctedBy: string; majorHazardsFound: number }>(county, `/api/inspections/${id}`)).body;
      expect(original).toMatchObject({ correctedBy: c.body.inspectionId, majorHazardsFound: 0 });
      const again = await post(inspector, `/api/inspections/${id}/corrections`, { signedBy: ['检查员甲'], reason: '再改' });
      expect([again.status, again.body.code]).toEqual([409, 'INSPECTION_ALREADY_CORRECTED']);
      const current = (await get<Page<{ inspectionId: string }>>(county, `/api/inspections?enterprise=${CC}&current=true`)).body;
      expect(current.items.map((i) => i.inspectionId)).toEqual([c.body.inspectionId]);
      const [entry] = await s.t.db.dataSource.query(`SELECT action, after->>'reason' AS reason FROM audit_log ORDER BY id DESC LIMIT 1`);
      expect(entry).toEqual({ action: 'inspection.correct', reason: '漏记一项重大隐患' });
      expect((await patch(county, `/api/inspections/${id}`, { majorHazardsFound: 3 })).status).toBe(404);
    });
  });

  describe('actions, leaders, drills, submissions', () => {
    it('checks what an action kind needs', async () => {
      const noAmount = await post(county, '/api/actions', { kind: 'penalty', actedOn: '2024-02-02', enterpriseCreditCode: CC });
      expect([noAmount.status, noAmount.body.message]).toEqual([400, expect.stringMatching(/amountWan/)]);
      const r = await post<{ actionId: string; amountWan: number }>(county, '/api/actions', { kind: 'penalty', actedOn: '2024-02-02', enterpriseCreditCode: CC, amountWan: 12.5 });
      expect([r.status, r.body.amountWan]).toEqual([201, 12.5]);
      const u = await patch(county, `/api/actions/${r.body.actionId}`, { amountWan: 13 });
      expect(u.body).toMatchObject({ amountWan: 13 });
      expect((await patch(county, `/api/actions/${r.body.actionId}`, { kind: 'interview_unit' })).body.message).toMatch(/targetUnitCode/);
    });

    it('keeps the roster and its leaders\' inspections', async () => {
      expect((await post(county, '/api/leaders', { name: '新班子成员', role: 'member' })).status).toBe(201);
      expect((await post(county, '/api/leaders', { name: '新班子成员', role: 'member' })).body.code).toBe('CONFLICT');
      expect((await patch(county, `/api/leaders/140525/${encodeURIComponent('新班子成员')}`, { role: 'main' })).body).toMatchObject({ role: 'main' });
      const li = await post(county, '/api/leader-inspections', { leaderName: '新班子成员', inspectedOn: '2024-02-03', enterpriseCreditCode: CC });
      expect(li.status).toBe(201);
      expect((await post(county, '/api/leader-inspections', { leaderName: '不在名册', inspectedOn: '2024-02-03' })).body.code).toBe('BAD_REFERENCE');
      expect((await get(county, `/api/leader-inspections/${li.body.id}`)).body).toMatchObject({ leaderName: '新班子成员', unitCode: '140525' });
    });

    it('files drills and submissions', async () => {
      expect((await post(county, '/api/drills', { enterpriseCreditCode: CC, drilledOn: '2024-02-04' })).status).toBe(201);
      expect((await post(county, '/api/drills', { enterpriseCreditCode: CC, drilledOn: '2024-02-04' })).body.code).toBe('CONFLICT');
      expect((await post(county, '/api/submissions', { kind: 'monthly_report', submittedOn: '2024-02-04' })).body.message).toMatch(/period/);
      const sub = await post(county, '/api/submissions', { kind: 'summary', submittedOn: '2024-02-04' });
      expect([sub.status, sub.body]).toEqual([201, expect.objectContaining({ unitCode: '140525', kind: 'summary', period: null })]);
    });
  });

  describe('users', () => {
    it('are created by the city office with a hashed password, and can sign in', async () => {
      const r = await post(city, '/api/users', { username: 'zezhou-clerk', role: 'county_branch', unitCode: '140525', password: 'a-long-password' });
      expect([r.status, r.body]).toEqual([201, expect.objectContaining({ username: 'zezhou-clerk', role: 'county_branch', unitCode: '140525' })]);
      expect(JSON.stringify(r.body)).not.toMatch(/password|argon/);
      expect((await post(city, '/api/users', { username: 'no-unit', role: 'inspector', password: 'a-long-password' })).body.message).toMatch(/unitCode/);
      expect((await post(city, '/api/users', { username: 'zezhou-clerk', role: 'viewer', password: 'a-long-password' })).body.code).toBe('CONFLICT');
      expect((await post(city, '/api/users', { username: 'short', role: 'viewer', password: 'short' })).body.message).toMatch(/password/);
      const [row] = await s.t.db.dataSource.query(`SELECT password_hash FROM users WHERE username = 'zezhou-clerk'`);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      const [entry] = await s.t.db.dataSource.query(`SELECT after FROM audit_log WHERE action = 'user.create' ORDER BY id DESC LIMIT 1`);
      expect(JSON.stringify(entry.after)).not.toMatch(/password|argon/);
      const clerk = await s.login('zezhou-clerk', 'a-long-password');
      expect((await get(clerk, '/api/me')).body).toMatchObject({ role: 'county_branch', unitCode: '140525' });
      const list = (await get<Page<{ username: string }>>(city, '/api/users?role=county_branch')).body;
      expect(list.items.map((u) => u.username)).toContain('zezhou-clerk');
      expect(JSON.stringify(list)).not.toMatch(/argon/);
    });
  });

  it('serves the OpenAPI description of every route at /api/docs', async () => {
    const doc = (await get<{ paths: Record<string, object> }>(city, '/api/docs-json')).body;
    for (const p of ['/api/enterprises', '/api/hazards/{ledgerNo}/close', '/api/inspections/{id}/corrections', '/api/users']) expect(Object.keys(doc.paths)).toContain(p);
    const html = await fetch(`${s.baseUrl}/api/docs`);
    expect(html.status).toBe(200);
  });
});
