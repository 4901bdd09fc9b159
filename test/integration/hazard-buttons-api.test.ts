import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { HazardDetail } from '../../dashboard/src/api/types.js';
import { HAZARD_ACTIONS, stateOf, verdict, type HazardAction } from '../../dashboard/src/features/hazard-workflow/transitions.js';
import type { Role } from '../../api/src/auth/roles.js';
import { chinaDay } from '../../api/src/common/china-time.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { get, post, signIn, type Client } from '../support/ledger-api.js';

// The hazard page's buttons against the real server: for each state a hazard can be in, each user and
// each button, the dashboard's verdict (computed from GET /api/hazards/:ledgerNo) is what the server
// answers to the button's request. A refusal is tried on one hazard per state (it changes nothing); an
// accepted request on a fresh hazard brought to that state.

const ROUTE: Record<HazardAction, string> = {
  confirmEnterprise: 'confirm', confirmUnit: 'confirm', list: 'list', assign: 'assign', feedback: 'feedback', plan: 'plan', rectify: 'rectify', close: 'close',
};
const PLAN = { responsiblePerson: '李四', measures: '更换防渗层', fundsWan: 3, deadline: '2024-12-31', contingencyPlan: '泄漏应急预案' };

/** the request each button's form sends (hazard-forms.tsx), dates left to the server's today */
function bodyOf(a: HazardAction, h: HazardDetail, mainLeader: string): Record<string, unknown> {
  switch (a) {
    case 'confirmEnterprise': return { step: 'enterprise', signedBy: mainLeader };
    case 'confirmUnit': return { step: 'unit', signedBy: '赵六' };
    case 'list': return { level: 'county', tracker: '钱七', signedBy: '钱七' };
    case 'assign': return { unitCode: '140581', signedBy: '孙八' };
    case 'feedback': return { documentNo: '晋环函〔2024〕1号', signedBy: '周九' };
    case 'plan': return { ...PLAN, signedBy: '吴十' };
    case 'rectify': return { signedBy: '郑一', ...(h.deadline ? {} : PLAN) };
    case 'close': return { signedBy: '冯二' };
  }
}

/** the steps (by the city office, the close by the group leader) that bring a new hazard to each state */
const STATES: Record<string, HazardAction[]> = {
  reported: [],
  enterpriseConfirmed: ['confirmEnterprise'],
  confirmed: ['confirmEnterprise', 'confirmUnit'],
  listed: ['confirmEnterprise', 'confirmUnit', 'list'],
  planned: ['confirmEnterprise', 'confirmUnit', 'plan'],
  assigned: ['confirmEnterprise', 'confirmUnit', 'plan', 'assign'],
  rectified: ['confirmEnterprise', 'confirmUnit', 'plan', 'rectify'],
  rectifiedAssigned: ['confirmEnterprise', 'confirmUnit', 'plan', 'assign', 'rectify'],
  closed: ['confirmEnterprise', 'confirmUnit', 'plan', 'rectify', 'close'],
};

describeWith([], 'hazard page buttons against the server', () => {
  let s: TestServer;
  let city: Client;
  let leader: Client;
  const users: Record<string, { client: Client; role: Role; unit: string | null }> = {};
  let enterprise: { credit_code: string; main_leader: string };
  let n = 0;

  beforeAll(async () => {
    s = await startTestServer();
    city = await s.login('admin', s.adminPassword);
    leader = await signIn(s, 'group_leader');
    users.city = { client: city, role: 'city_office', unit: null };
    users.leader = { client: leader, role: 'group_leader', unit: null };
    users.viewer = { client: await signIn(s, 'viewer'), role: 'viewer', unit: null };
    users.reportingCounty = { client: await signIn(s, 'county_branch', '140525'), role: 'county_branch', unit: '140525' };
    users.assignedCounty = { client: await signIn(s, 'county_branch', '140581'), role: 'county_branch', unit: '140581' };
    users.otherCounty = { client: await signIn(s, 'county_branch', '140522'), role: 'county_branch', unit: '140522' };
    [enterprise] = await s.t.db.dataSource.query(`SELECT credit_code, main_leader FROM enterprises WHERE unit_code = '140525' AND main_leader IS NOT NULL ORDER BY credit_code LIMIT 1`);
  });
  afterAll(async () => { await s?.close(); });

  const detail = async (no: string) => (await get<HazardDetail>(city, `/api/hazards/${encodeURIComponent(no)}`)).body;

  async function hazardIn(state: string): Promise<HazardDetail> {
    const no = `T-BTN-${++n}`;
    const r = await post(city, '/api/hazards', { ledgerNo: no, enterpriseCreditCode: enterprise.credit_code, unitCode: '140525', source: 'self_check', foundOn: '2024-03-01', signedBy: '张三' });
    expect(r.status).toBe(201);
    for (const a of STATES[state]) {
      const step = await post(a === 'close' ? leader : city, `/api/hazards/${encodeURIComponent(no)}/${ROUTE[a]}`, bodyOf(a, await detail(no), enterprise.main_leader));
      expect({ state, a, status: step.status }).toEqual({ state, a, status: 200 });
    }
    return detail(no);
  }

  it('answers each button as the dashboard predicts, for every state × user', async () => {
    const today = chinaDay(new Date());
    const differ: string[] = [];
    let accepted = 0;
    for (const state of Object.keys(STATES)) {
      const probe = await hazardIn(state);
      for (const [who, u] of Object.entries(users)) {
        for (const a of HAZARD_ACTIONS) {
          const v = verdict(a, stateOf(probe), { role: u.role, unit: u.unit }, today);
          const target = v.outcome === 'ok' ? await hazardIn(state) : probe;
          const r = await post(u.client, `/api/hazards/${encodeURIComponent(target.ledgerNo)}/${ROUTE[a]}`, bodyOf(a, target, enterprise.main_leader));
          const answered = r.status === 200 ? 'ok' : String(r.body.code);
          if (answered === 'ok') accepted++;
          if (answered !== v.outcome) differ.push(`${state} / ${who} / ${a}: dashboard ${v.outcome}, server ${r.status} ${answered}`);
        }
      }
      // the refusals changed nothing
      expect(await detail(probe.ledgerNo)).toEqual(probe);
    }
    expect(differ).toEqual([]);
    expect(accepted).toBeGreaterThan(20);
  }, 600_000);
});
