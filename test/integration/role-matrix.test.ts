import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { auditCount, call, creditCode, signIn, type Client } from '../support/ledger-api.js';
import { forbiddenTokens, leaks, VISIBLE_COUNT } from '../support/visibility.js';
import { CalendarJobs } from '../../api/src/schedule/calendar.jobs.js';

// Every route of the server, called as every role, against another unit's records. The unit-bound roles
// (county_branch, inspector) belong to 沁水县 140521; the records are 城区 140502's. Expected:
// - every write by a unit-bound role or the viewer is refused with 403 and changes nothing; a city role
//   that the route admits passes the guard (its probe, the same request with one unknown field, is
//   refused by validation with 400, so the matrix writes nothing); a role the route does not admit: 403;
// - a read of one record of the other unit: 403 for unit-bound roles, 200 for city roles; every list a
//   unit-bound role reads holds exactly the records "who sees what" allows (its total is checked), and
//   no answer to a unit-bound role names any record it may not read.
// The list of routes is checked against the router, so a new route cannot be left out.

const ROLES = ['city_office', 'group_leader', 'viewer', 'county_branch', 'inspector'] as const;
type Role = (typeof ROLES)[number];
const UNIT = '140521';
const OTHER = '140502';
const isUnitRole = (r: Role) => r === 'county_branch' || r === 'inspector';

interface Fixtures { hazard: string; enterprise: string; newEnterprise: string; inspection: string; action: string; leader: string; leaderInspection: string; drill: string; submission: string; alert: string }
interface Req { path: string; body?: unknown }
interface Case {
  kind: 'read' | 'write';
  request: (f: Fixtures) => Req;
  /** reads: the status each role gets (default 200) */
  status?: Partial<Record<Role, number>>;
  /** writes: the roles the route admits */
  admits?: Role[];
  /** writes: the request a city role it admits sends instead (default: the same with an unknown field) */
  probe?: (f: Fixtures) => Req;
}

const everyone = (n: number): Partial<Record<Role, number>> => Object.fromEntries(ROLES.map((r) => [r, n]));
const CITY_ONLY = { county_branch: 403, inspector: 403 };
const read = (path: string | ((f: Fixtures) => string), status: Partial<Record<Role, number>> = {}): Case => ({ kind: 'read', request: (f) => ({ path: typeof path === 'string' ? path : path(f) }), status });
const write = (admits: Role[], request: (f: Fixtures) => Req, probe?: (f: Fixtures) => Req): Case => ({ kind: 'write', admits, request, probe });
const CITY_AND_COUNTY: Role[] = ['city_office', 'county_branch'];
const DAY = '2024-01-05';

const CASES: Record<string, Case> = {
  // the OpenAPI description: public, and it describes routes, not records
  'GET /api/docs': read('/api/docs'),
  'GET /api/docs/': read('/api/docs/'),
  'GET /api/docs/index.html': read('/api/docs/index.html'),
  // registered by @nestjs/swagger, but swagger-ui-dist ships no LICENSE file to serve
  'GET /api/docs/LICENSE': read('/api/docs/LICENSE', everyone(404)),
  'GET /api/docs/swagger-ui-init.js': read('/api/docs/swagger-ui-init.js'),
  'GET /api/docs/docs/swagger-ui-init.js': read('/api/docs/docs/swagger-ui-init.js'),
  'GET /api/docs-json': read('/api/docs-json'),
  'GET /api/docs-yaml': read('/api/docs-yaml'),
  'POST /api/auth/login': { kind: 'read', request: () => ({ path: '/api/auth/login', body: { username: 'nobody-here', password: 'wrong-password' } }), status: everyone(401) },
  'GET /api/me': read('/api/me'),
  // for operators and healthchecks: public, names no record
  'GET /api/health': read('/api/health'),
  'GET /api/units': read('/api/units'),
  'GET /api/units/:code': read(`/api/units/${OTHER}`),
  'GET /api/campaign': read('/api/campaign'),
  'GET /api/campaigns': read('/api/campaigns'),
  'POST /api/campaigns': write(['city_office'], () => ({ path: '/api/campaigns', body: { code: 'matrix-2030', name: '矩阵', startOn: '2030-01-01', endOn: '2030-12-31', firstMonth: '2030-01', lastMonth: '2030-12' } })),
  'GET /api/scores': read('/api/scores?month=2023-08'),
  'GET /api/scores/:unit': read(`/api/scores/${OTHER}?month=2023-08`, CITY_ONLY),
  'GET /api/scores/:unit/trend': read(`/api/scores/${OTHER}/trend`, CITY_ONLY),
  'POST /api/scores/what-if': write(['city_office', 'group_leader'], () => ({ path: '/api/scores/what-if', body: { month: '2023-08', params: {} } })),
  'POST /api/scores/stability': write(['city_office', 'group_leader'], () => ({ path: '/api/scores/stability', body: { month: '2023-08', params: {} } })),
  'GET /api/schemes': read('/api/schemes'),
  'POST /api/schemes': write(['city_office'], () => ({ path: '/api/schemes', body: { version: 'matrix', basedOn: 'default', params: {} } })),
  'POST /api/rankings/:month/publish': write(['city_office'], () => ({ path: '/api/rankings/2023-09/publish' }), () => ({ path: '/api/rankings/2099-01/publish' })),
  'GET /api/rankings/:month/published': read('/api/rankings/2023-08/published'),
  'GET /api/dispatch': read('/api/dispatch?month=2023-08'),
  'GET /api/trace': read('/api/trace?month=2023-12', CITY_ONLY),
  'GET /api/trace/hazards/:ledgerNo': read((f) => `/api/trace/hazards/${f.hazard}`, CITY_ONLY),
  'GET /api/alerts': read('/api/alerts'),
  // a unit's users get their own unit's due dates (the answer names units, no other unit's records)
  'GET /api/calendar': read('/api/calendar?month=2023-09'),
  // coverage names the enterprises still to inspect: a unit's users get their own unit only
  'GET /api/coverage': read('/api/coverage?month=2023-10'),
  'PUT /api/campaigns/:code/phases': write(['city_office'], () => ({ path: '/api/campaigns/jincheng-2023/phases', body: { phases: [{ key: 'all', name: '全程', startOn: '2023-04-25', endOn: '2023-12-31' }] } })),
  'POST /api/alerts/:id/acknowledge': write(['city_office', 'group_leader', 'county_branch'], (f) => ({ path: `/api/alerts/${f.alert}/acknowledge`, body: { note: '已知悉' } })),
  'PUT /api/alerts/webhooks/:unit': write(CITY_AND_COUNTY, () => ({ path: `/api/alerts/webhooks/${OTHER}`, body: { url: 'http://127.0.0.1:9/hook' } })),
  'GET /api/hazards': read('/api/hazards?pageSize=500'),
  'GET /api/hazards/:ledgerNo': read((f) => `/api/hazards/${f.hazard}`, CITY_ONLY),
  'POST /api/hazards': write(CITY_AND_COUNTY, (f) => ({ path: '/api/hazards', body: { ledgerNo: 'T-MATRIX-1', enterpriseCreditCode: f.enterprise, unitCode: OTHER, source: 'self_check', foundOn: DAY, signedBy: '某人' } })),
  'POST /api/hazards/:ledgerNo/confirm': write(CITY_AND_COUNTY, (f) => ({ path: `/api/hazards/${f.hazard}/confirm`, body: { step: 'enterprise', signedBy: '某人' } })),
  'POST /api/hazards/:ledgerNo/list': write(['city_office', 'group_leader', 'county_branch'], (f) => ({ path: `/api/hazards/${f.hazard}/list`, body: { level: 'county', tracker: '某人', signedBy: '某人' } })),
  'POST /api/hazards/:ledgerNo/assign': write(['city_office', 'group_leader'], (f) => ({ path: `/api/hazards/${f.hazard}/assign`, body: { unitCode: UNIT, signedBy: '某人' } })),
  'POST /api/hazards/:ledgerNo/feedback': write(CITY_AND_COUNTY, (f) => ({ path: `/api/hazards/${f.hazard}/feedback`, body: { documentNo: '某文号', signedBy: '某人' } })),
  'POST /api/hazards/:ledgerNo/plan': write(CITY_AND_COUNTY, (f) => ({ path: `/api/hazards/${f.hazard}/plan`, body: { responsiblePerson: '某人', measures: 'm', fundsWan: 1, deadline: '2024-12-01', contingencyPlan: 'p', signedBy: '某人' } })),
  'POST /api/hazards/:ledgerNo/rectify': write(CITY_AND_COUNTY, (f) => ({ path: `/api/hazards/${f.hazard}/rectify`, body: { signedBy: '某人' } })),
  'POST /api/hazards/:ledgerNo/close': write(['city_office', 'group_leader', 'county_branch'], (f) => ({ path: `/api/hazards/${f.hazard}/close`, body: { signedBy: '某人' } })),
  'GET /api/enterprises': read('/api/enterprises?pageSize=500'),
  'GET /api/enterprises/:creditCode': read((f) => `/api/enterprises/${f.enterprise}`, CITY_ONLY),
  'POST /api/enterprises': write(CITY_AND_COUNTY, (f) => ({ path: '/api/enterprises', body: { creditCode: f.newEnterprise, name: '矩阵企业', unitCode: OTHER, industry: 'steel', riskLevel: 'general', highRisk: false } })),
  'PATCH /api/enterprises/:creditCode': write(CITY_AND_COUNTY, (f) => ({ path: `/api/enterprises/${f.enterprise}`, body: { mainLeader: '某人' } })),
  'GET /api/inspections': read('/api/inspections?pageSize=500'),
  'GET /api/inspections/:id': read((f) => `/api/inspections/${f.inspection}`, CITY_ONLY),
  'POST /api/inspections': write(['city_office', 'county_branch', 'inspector'], (f) => ({ path: '/api/inspections', body: { unitCode: OTHER, enterpriseCreditCode: f.enterprise, inspectedOn: DAY, signedBy: ['某人'], majorHazardsFound: 0 } })),
  'POST /api/inspections/:id/corrections': write(['city_office', 'county_branch', 'inspector'], (f) => ({ path: `/api/inspections/${f.inspection}/corrections`, body: { signedBy: ['某人'], reason: '某因' } })),
  'GET /api/findings': read('/api/findings?pageSize=500'),
  'GET /api/actions': read('/api/actions?pageSize=500'),
  'GET /api/actions/:actionId': read((f) => `/api/actions/${f.action}`, CITY_ONLY),
  'POST /api/actions': write(CITY_AND_COUNTY, (f) => ({ path: '/api/actions', body: { unitCode: OTHER, kind: 'interview', actedOn: DAY, enterpriseCreditCode: f.enterprise } })),
  'PATCH /api/actions/:actionId': write(CITY_AND_COUNTY, (f) => ({ path: `/api/actions/${f.action}`, body: { persons: 3 } })),
  'GET /api/leaders': read('/api/leaders?pageSize=500'),
  'POST /api/leaders': write(CITY_AND_COUNTY, () => ({ path: '/api/leaders', body: { unitCode: OTHER, name: '矩阵成员', role: 'member' } })),
  'PATCH /api/leaders/:unitCode/:name': write(CITY_AND_COUNTY, (f) => ({ path: `/api/leaders/${OTHER}/${encodeURIComponent(f.leader)}`, body: { role: 'main' } })),
  'GET /api/leader-inspections': read('/api/leader-inspections?pageSize=500'),
  'GET /api/leader-inspections/:id': read((f) => `/api/leader-inspections/${f.leaderInspection}`, CITY_ONLY),
  'POST /api/leader-inspections': write(CITY_AND_COUNTY, (f) => ({ path: '/api/leader-inspections', body: { unitCode: OTHER, leaderName: f.leader, inspectedOn: DAY } })),
  'GET /api/assignments': read('/api/assignments?pageSize=500'),
  'GET /api/feedback': read('/api/feedback?pageSize=500'),
  'GET /api/drills': read('/api/drills?pageSize=500'),
  'GET /api/drills/:id': read((f) => `/api/drills/${f.drill}`, CITY_ONLY),
  'POST /api/drills': write(CITY_AND_COUNTY, (f) => ({ path: '/api/drills', body: { enterpriseCreditCode: f.enterprise, drilledOn: DAY } })),
  'GET /api/submissions': read('/api/submissions?pageSize=500'),
  'GET /api/submissions/:id': read((f) => `/api/submissions/${f.submission}`, CITY_ONLY),
  'POST /api/submissions': write(CITY_AND_COUNTY, () => ({ path: '/api/submissions', body: { unitCode: OTHER, kind: 'summary', submittedOn: DAY } })),
  'GET /api/users': read('/api/users', { group_leader: 403, viewer: 403, county_branch: 403, inspector: 403 }),
  'POST /api/users': write(['city_office'], () => ({ path: '/api/users', body: { username: 'matrix-user', role: 'viewer', password: 'a-long-password' } })),
  'PATCH /api/users/:username': write(['city_office'], () => ({ path: '/api/users/admin', body: { disabled: false } })),
  'POST /api/users/:username/password': write(['city_office'], () => ({ path: '/api/users/admin/password', body: { password: 'matrix-long-password' } })),
  // every signed-in user changes their own password; a wrong current one is refused and changes nothing
  'POST /api/me/password': { kind: 'read', request: () => ({ path: '/api/me/password', body: { currentPassword: 'not-the-password', newPassword: 'matrix-long-password' } }), status: everyone(400) },
  // the office's files: figures for everyone, the briefing (with the traceback) for city roles,
  // the hazards CSV within the reader's scope; a county branch checks only its own hand-filled tables
  'GET /api/exports/dispatch.xlsx': read('/api/exports/dispatch.xlsx?month=2023-08'),
  'GET /api/exports/briefing.docx': read('/api/exports/briefing.docx?month=2023-12', CITY_ONLY),
  'GET /api/exports/dispatch.csv': read('/api/exports/dispatch.csv?month=2023-08'),
  'GET /api/exports/scores.csv': read('/api/exports/scores.csv?month=2023-08'),
  'GET /api/exports/hazards.csv': read('/api/exports/hazards.csv?month=2023-12'),
  'GET /api/exports/trace.xlsx': read('/api/exports/trace.xlsx?month=2023-12', CITY_ONLY),
  'GET /api/exports/typical-cases.csv': read('/api/exports/typical-cases.csv?month=2023-12'),
  'GET /api/exports/figures.parquet': read('/api/exports/figures.parquet?month=2023-08'),
  // 三公开: the released months and their lists are public (2023-08 is released in beforeAll); releasing is the office's
  'GET /api/public/releases': read('/api/public/releases'),
  'POST /api/public/releases': write(['city_office'], () => ({ path: '/api/public/releases', body: { month: '2023-09' } })),
  'GET /api/public/hazards': read('/api/public/hazards?month=2023-08'),
  'GET /api/public/hazards.csv': read('/api/public/hazards.csv?month=2023-08'),
  'GET /api/reconciliations': read('/api/reconciliations'),
  // the probe sends no file: refused with 400 before anything is read or stored
  'POST /api/reconciliations': write(CITY_AND_COUNTY, () => ({ path: `/api/reconciliations?unit=${OTHER}&month=2023-08`, body: {} })),
  // bundle import over HTTP (导入): the probe sends no file, refused with 400 before a job starts; a
  // county's bundle that touches another unit's records is refused naming them (imports-http.test.ts)
  'POST /api/imports': { kind: 'read', request: () => ({ path: '/api/imports', body: {} }), status: { city_office: 400, county_branch: 400, group_leader: 403, viewer: 403, inspector: 403 } },
  'GET /api/imports': read('/api/imports'),
  'GET /api/imports/:id': read('/api/imports/no-such-job', everyone(404)),
  'GET /api/imports/:id/problems.csv': read('/api/imports/no-such-job/problems.csv', everyone(404)),
  // last: every role signs itself out everywhere, which ends the tokens this matrix uses
  'POST /api/auth/logout-all': { kind: 'read', request: () => ({ path: '/api/auth/logout-all' }), status: everyone(204) },
};

// what a caller without a token gets from the routes that need none (every other route: 401)
const PUBLIC_ROUTES: Record<string, number> = {
  'GET /api/docs': 200, 'GET /api/docs/': 200, 'GET /api/docs/index.html': 200, 'GET /api/docs/LICENSE': 404, 'GET /api/docs/swagger-ui-init.js': 200,
  'GET /api/docs/docs/swagger-ui-init.js': 200, 'GET /api/docs-json': 200, 'GET /api/docs-yaml': 200, 'GET /api/health': 200,
  'GET /api/public/releases': 200, 'GET /api/public/hazards': 200, 'GET /api/public/hazards.csv': 200,
};

async function fixtures(s: TestServer): Promise<Fixtures> {
  const one = async (sql: string) => {
    const [r] = (await s.t.db.dataSource.query(sql, sql.includes('$2') ? [OTHER, UNIT] : [OTHER])) as { v: string }[];
    if (!r) throw new Error(`no fixture: ${sql}`);
    return String(r.v);
  };
  const notAboutUnit = (col: string) => `coalesce(${col} NOT IN (SELECT credit_code FROM enterprises WHERE unit_code = $2), true)`;
  return {
    hazard: await one(`SELECT h.ledger_no AS v FROM hazards h JOIN assignments a ON a.hazard_ledger_no = h.ledger_no WHERE h.unit_code = $1 AND a.unit_code = $1 AND h.closed_on IS NULL ORDER BY 1 LIMIT 1`),
    enterprise: await one(`SELECT credit_code AS v FROM enterprises WHERE unit_code = $1 ORDER BY 1 LIMIT 1`),
    newEnterprise: creditCode('91140502MA0MATRX1'),
    inspection: await one(`SELECT inspection_id AS v FROM inspections WHERE unit_code = $1 ORDER BY 1 LIMIT 1`),
    action: await one(`SELECT action_id AS v FROM actions WHERE unit_code <> $2 AND coalesce(target_unit_code, '') <> $2 AND ${notAboutUnit('enterprise_credit_code')} ORDER BY unit_code = $1 DESC, 1 LIMIT 1`),
    leader: await one(`SELECT name AS v FROM leaders WHERE unit_code = $1 AND role = 'main'`),
    leaderInspection: await one(`SELECT id::text AS v FROM leader_inspections WHERE unit_code = $1 AND ${notAboutUnit('enterprise_credit_code')} ORDER BY id LIMIT 1`),
    drill: await one(`SELECT d.id::text AS v FROM drills d JOIN enterprises e ON e.credit_code = d.enterprise_credit_code WHERE e.unit_code = $1 ORDER BY d.id LIMIT 1`),
    submission: await one(`SELECT id::text AS v FROM submissions WHERE unit_code = $1 ORDER BY id LIMIT 1`),
    alert: await one(`SELECT id::text AS v FROM alerts WHERE unit_code = $1 ORDER BY id LIMIT 1`),
  };
}

describeWith([], 'role matrix: every route as every role against another unit\'s records', () => {
  let s: TestServer;
  const as: Partial<Record<Role, Client>> = {};
  let f: Fixtures;
  let tokens: Set<string>;

  beforeAll(async () => {
    s = await startTestServer();
    as.city_office = await s.login('admin', s.adminPassword);
    for (const r of ROLES.filter((x) => x !== 'city_office')) as[r] = await signIn(s, r, isUnitRole(r) ? UNIT : undefined);
    // alerts and a published ranking, so that those reads have something to show (or leak)
    const jobs = s.app.get(CalendarJobs);
    for (const day of ['2023-08-26', '2023-09-01', '2023-09-29']) await jobs.runDay(day);
    expect((await call(as.city_office, 'POST', '/api/rankings/2023-08/publish')).status).toBe(201);
    expect((await call(as.city_office, 'POST', '/api/public/releases', { month: '2023-08' })).status).toBe(201);
    f = await fixtures(s);
    tokens = await forbiddenTokens(s.t.db.dataSource, UNIT);
  });
  afterAll(async () => { await s?.close(); });

  it('covers every route of the router', () => {
    const stack = (s.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
    const routes = stack.filter((l) => l.route).flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`));
    expect([...new Set(routes)].sort()).toEqual(Object.keys(CASES).sort());
  });

  it('recognises records of other units in an answer (the check below can fail)', async () => {
    expect(tokens.size).toBeGreaterThan(100);
    const all = await call(as.city_office!, 'GET', '/api/inspections?pageSize=500');
    expect(leaks(JSON.stringify(all.body), tokens, '').length).toBeGreaterThan(10);
    const own = await call(as.county_branch!, 'GET', '/api/inspections?pageSize=500');
    expect((own.body as { total: number }).total).toBeGreaterThan(0);
  });

  it('answers 401 without a token on every route but the public ones', async () => {
    const problems: string[] = [];
    // the sign-in itself takes no token; one more wrong password here would lock the account the matrix tries below
    for (const [route, c] of Object.entries(CASES).filter(([r]) => r !== 'POST /api/auth/login')) {
      const method = route.split(' ')[0];
      const req = c.request(f);
      const r = await fetch(`${s.baseUrl}${req.path}`, { method, headers: { 'content-type': 'application/json' }, body: req.body === undefined ? undefined : JSON.stringify(req.body) });
      const want = PUBLIC_ROUTES[route] ?? 401;
      if (r.status !== want) problems.push(`${route} without a token: ${r.status} (want ${want})`);
    }
    console.log(`role matrix without a token: ${Object.keys(CASES).length} routes, ${Object.keys(CASES).length - Object.keys(PUBLIC_ROUTES).length - 1} of them answered 401`);
    expect(problems).toEqual([]);
  });

  it('refuses every write outside the caller\'s rights and shows each role only what it may read', async () => {
    const ds = s.t.db.dataSource;
    const version = async () => (await ds.query(`SELECT last_value::text || is_called::text AS v FROM ledger_version`))[0].v as string;
    const auditBefore = await auditCount(ds);
    const problems: string[] = [];
    let pairs = 0;
    let requests = 0;
    for (const [route, c] of Object.entries(CASES)) {
      const method = route.split(' ')[0];
      for (const role of ROLES) {
        pairs++;
        let req = c.request(f);
        let want: number;
        if (c.kind === 'read') {
          want = c.status?.[role] ?? 200;
        } else if (!c.admits!.includes(role)) {
          want = 403;
        } else if (isUnitRole(role)) {
          want = 403;
        } else {
          req = c.probe ? c.probe(f) : { ...req, body: { ...(req.body as object), __probe: true } };
          want = 400;
        }
        // a unit-bound role the route admits is refused by the service (out of its unit), any other by the guard
        const code = c.kind === 'read' ? undefined : want === 400 ? undefined : c.admits!.includes(role) ? 'OUT_OF_SCOPE' : 'FORBIDDEN';
        const [audit, v] = [await auditCount(ds), await version()];
        const r = await call(as[role]!, method, req.path, req.body);
        requests++;
        const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        if (r.status !== want) problems.push(`${route} as ${role}: ${r.status} (want ${want}) ${text.slice(0, 200)}`);
        if (code && r.body.code !== code) problems.push(`${route} as ${role}: code ${r.body.code} (want ${code})`);
        if (c.kind === 'write' && (await auditCount(ds) !== audit || await version() !== v)) problems.push(`${route} as ${role}: the refused write changed the ledger or its audit trail`);
        // the same write about the other unit's enterprise without naming the unit (the writer's own unit
        // is then assumed) is refused too
        const body = req.body as Record<string, unknown> | undefined;
        if (code === 'OUT_OF_SCOPE' && body && 'unitCode' in body && 'enterpriseCreditCode' in body) {
          const { unitCode: _u, ...rest } = body;
          const again = await call(as[role]!, method, req.path, rest);
          requests++;
          if (again.status !== 403 || await auditCount(ds) !== audit) problems.push(`${route} as ${role} without unitCode: ${again.status} ${JSON.stringify(again.body).slice(0, 200)}`);
        }
        // 三公开 is the released list for everyone, names of other units' records included; public-hazards.test.ts checks what it holds
        if (!isUnitRole(role) || route.startsWith('GET /api/public/')) continue;
        const leaked = leaks(text, tokens, JSON.stringify(req));
        if (leaked.length) problems.push(`${route} as ${role}: names records of other units: ${leaked.slice(0, 5).join(', ')}${leaked.length > 5 ? ` and ${leaked.length - 5} more` : ''}`);
        const listPath = req.path.split('?')[0];
        if (c.kind === 'read' && r.status === 200 && VISIBLE_COUNT[listPath] && route === `GET ${listPath}`) {
          const [{ n }] = await ds.query(VISIBLE_COUNT[listPath], [UNIT]);
          const body = r.body as { total: number; items: unknown[] };
          if (body.total !== n || body.items.length !== Math.min(n, 500)) problems.push(`${route} as ${role}: total ${body.total} with ${body.items.length} items, want ${n}`);
        }
      }
    }
    console.log(`role matrix: ${Object.keys(CASES).length} routes × ${ROLES.length} roles = ${pairs} route-role pairs tried (${requests} requests; ${tokens.size} names of other units' records watched for)`);
    expect(problems).toEqual([]);
    expect(await auditCount(ds)).toBe(auditBefore);
  });
});
