import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { call, creditCode, type Client } from '../support/ledger-api.js';

// Every route of the router with a `:param`, called by the city office (who may read and write every
// unit's records) with a record that does not exist: each answers 404 with a machine code and a Chinese
// message, never 500 or 200. The routes come from the router itself, so a new `:param` route is tried
// without being listed here; a new write route needs its valid body below (an invalid body would be
// refused with 400 before the record is looked up, and would test nothing).

const UNKNOWN = 'NO-SUCH-RECORD-404';
const UNKNOWN_CREDIT_CODE = creditCode('91149999MA0XXXXX0');
const MONTH = '2023-08';
const HAN = /\p{Script=Han}/u;

/** the value of a path parameter that names no record (a well-formed one, so that only existence is tested) */
const unknownParam = (name: string): string =>
  ({ creditCode: UNKNOWN_CREDIT_CODE, unit: '149999', unitCode: '149999', code: '149999', month: MONTH, id: '987654321' } as Record<string, string>)[name] ?? UNKNOWN;

const signedBy = '张三';
/** a body the route accepts, so that the answer is about the record named in the path */
const BODIES: Record<string, unknown> = {
  'POST /api/hazards/:ledgerNo/confirm': { signedBy, step: 'enterprise' },
  'POST /api/hazards/:ledgerNo/list': { signedBy, level: 'county', tracker: '李四' },
  'POST /api/hazards/:ledgerNo/assign': { signedBy, unitCode: '140525' },
  'POST /api/hazards/:ledgerNo/feedback': { signedBy, documentNo: '泽危废〔2023〕1号' },
  'POST /api/hazards/:ledgerNo/plan': { signedBy, responsiblePerson: '王五', measures: '更换防渗层', fundsWan: 1, deadline: '2023-12-31', contingencyPlan: '应急预案' },
  'POST /api/hazards/:ledgerNo/rectify': { signedBy },
  'POST /api/hazards/:ledgerNo/close': { signedBy },
  'PATCH /api/users/:username': { disabled: true },
  'POST /api/users/:username/password': { password: 'a-long-enough-password-2023' },
  'PATCH /api/actions/:actionId': { crime: false },
  'POST /api/inspections/:id/corrections': { reason: '更正签字人', signedBy: [signedBy] },
  'PATCH /api/enterprises/:creditCode': { name: '某某化工有限公司' },
  'PATCH /api/leaders/:unitCode/:name': { role: 'member' },
  'POST /api/alerts/:id/acknowledge': { note: '已安排整改' },
  'PUT /api/alerts/webhooks/:unit': { url: 'https://im.example/bot' },
  'PUT /api/campaigns/:code/phases': { phases: [{ key: 'all', name: '全程', startOn: '2023-04-25', endOn: '2023-12-31' }] },
};

/** the query a read needs besides its path (the month of a unit's scores) */
const QUERIES: Record<string, string> = {
  'GET /api/scores/:unit': `?month=${MONTH}`,
};

/** routes whose parameter names no record, each with the reason */
const NOT_RECORDS: Record<string, string> = {
  // a month is a period of the campaign, not a record: publishing an assessed month is the route's purpose,
  // and a month outside the campaign is refused with 400 BAD_MONTH
  'POST /api/rankings/:month/publish': 'publishes a month',
};

describeWith([], 'unknown records', () => {
  let s: TestServer;
  let city: Client;

  beforeAll(async () => {
    s = await startTestServer();
    city = await s.login('admin', s.adminPassword);
  }, 120_000);
  afterAll(async () => { await s?.close(); });

  const paramRoutes = () => {
    const stack = (s.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
    const routes = stack.filter((l) => l.route?.path.includes('/:')).flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`));
    return [...new Set(routes)].sort();
  };

  it('knows a body for every write route with a parameter', () => {
    const writes = paramRoutes().filter((r) => !r.startsWith('GET ') && !NOT_RECORDS[r]);
    expect(writes.filter((r) => !(r in BODIES))).toEqual([]);
    expect(paramRoutes().length).toBeGreaterThan(20);
  });

  it('answers 404 with a code and a Chinese message for an unknown record on every :param route', async () => {
    const answers: { route: string; status: number; code?: string; chinese: boolean }[] = [];
    for (const route of paramRoutes().filter((r) => !NOT_RECORDS[r])) {
      const [method, pattern] = route.split(' ');
      const path = pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(unknownParam(name)));
      const r = await call(city, method, path + (QUERIES[route] ?? ''), method === 'GET' ? undefined : BODIES[route]);
      const body = (typeof r.body === 'object' && r.body) || {};
      answers.push({ route, status: r.status, code: body.code, chinese: HAN.test(String(body.message ?? '')) });
    }
    console.log(`${answers.length} :param routes tried with unknown records; answers: ${JSON.stringify(Object.fromEntries(answers.map((a) => [a.route, `${a.status} ${a.code}`])))}`);
    expect(answers.filter((a) => a.status !== 404 || !a.code || !a.chinese)).toEqual([]);
  }, 120_000);
});
