import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { call, creditCode, type Client } from '../support/ledger-api.js';

// Every write through the API appends to the audit trail, in the same transaction, naming who wrote,
// what, and the record before and after. The list of writes below is checked against the server's
// router, so a new write route without an audit test fails here.

// Writes that are not ledger writes: sign-in writes nothing, what-if and the stability search store
// nothing; reconciliations are the office's records about the ledger, kept by their own module, and are
// not (yet) audited; signing out everywhere, like signing in, is a session event for the security log and
// changes no record. A route added here needs a reason. (Schemes and publications are audited.)
// POST /api/imports is a ledger write sent as a multipart job, not a JSON body: importBundle writes its
// entries (one per file, with the digest of its rows), checked by imports-http and audit-anchored tests.
const NOT_LEDGER_WRITES = ['POST /api/imports', 'POST /api/auth/login', 'POST /api/auth/logout-all', 'POST /api/scores/what-if', 'POST /api/scores/stability', 'POST /api/reconciliations'];

interface Write { route: string; path: string; body: unknown; actions: string[]; as?: 'leader'; status?: number }

const CC = creditCode('91140522MA0AUD001');
const A = 'T-AUDIT-A';
const B = 'T-AUDIT-B';

function writes(): Write[] {
  const sign = (s: string) => `hazard.sign.${s}`;
  return [
    { route: 'POST /api/enterprises', path: '/api/enterprises', body: { creditCode: CC, name: '审计企业', unitCode: '140522', industry: 'hw_operator', riskLevel: 'larger', highRisk: false, mainLeader: '钱七' }, actions: ['enterprise.create'] },
    { route: 'PATCH /api/enterprises/:creditCode', path: `/api/enterprises/${CC}`, body: { highRisk: true }, actions: ['enterprise.update'] },
    { route: 'POST /api/hazards', path: '/api/hazards', body: { ledgerNo: A, enterpriseCreditCode: CC, unitCode: '140522', source: 'self_check', foundOn: '2024-04-01', signedBy: '检查员' }, actions: ['hazard.report', sign('report')] },
    { route: 'POST /api/hazards/:ledgerNo/confirm', path: `/api/hazards/${A}/confirm`, body: { step: 'enterprise', signedBy: '钱七', on: '2024-04-01' }, actions: [sign('confirm_enterprise')] },
    { route: 'POST /api/hazards/:ledgerNo/confirm', path: `/api/hazards/${A}/confirm`, body: { step: 'unit', signedBy: '分局', on: '2024-04-02' }, actions: ['hazard.confirm', sign('confirm_unit')] },
    { route: 'POST /api/hazards/:ledgerNo/list', path: `/api/hazards/${A}/list`, body: { level: 'city', tracker: '督办', signedBy: '市办', listedOn: '2024-04-02' }, actions: ['hazard.list', sign('list')] },
    { route: 'POST /api/hazards/:ledgerNo/plan', path: `/api/hazards/${A}/plan`, body: { responsiblePerson: '责任人', measures: '转移', fundsWan: 2, deadline: '2024-05-01', contingencyPlan: '预案', signedBy: '分局' }, actions: ['hazard.plan', sign('plan')] },
    { route: 'POST /api/hazards/:ledgerNo/rectify', path: `/api/hazards/${A}/rectify`, body: { rectifiedOn: '2024-04-20', signedBy: '责任人' }, actions: ['hazard.rectify', sign('rectify')] },
    { route: 'POST /api/hazards/:ledgerNo/close', path: `/api/hazards/${A}/close`, body: { closedOn: '2024-04-21', signedBy: '市办' }, actions: ['hazard.close', sign('close')] },
    { route: 'POST /api/hazards', path: '/api/hazards', body: { ledgerNo: B, enterpriseCreditCode: CC, unitCode: '140500', source: 'public_report', foundOn: '2024-04-03', signedBy: '接报人' }, actions: ['hazard.report', sign('report')] },
    { route: 'POST /api/hazards/:ledgerNo/assign', path: `/api/hazards/${B}/assign`, body: { unitCode: '140522', signedBy: '组长', assignedOn: '2024-04-04' }, actions: ['hazard.assign', sign('assign')], as: 'leader' },
    { route: 'POST /api/hazards/:ledgerNo/feedback', path: `/api/hazards/${B}/feedback`, body: { documentNo: '阳环发〔2024〕9号', signedBy: '分局', feedbackOn: '2024-04-05' }, actions: ['hazard.feedback', sign('feedback')] },
    { route: 'POST /api/inspections', path: '/api/inspections', body: { unitCode: '140522', enterpriseCreditCode: CC, inspectedOn: '2024-04-06', signedBy: ['检查员'], majorHazardsFound: 0 }, actions: ['inspection.create'] },
    { route: 'POST /api/inspections/:id/corrections', path: `/api/inspections/{inspection}/corrections`, body: { signedBy: ['检查员'], majorHazardsFound: 1, reason: '更正' }, actions: ['inspection.correct'] },
    { route: 'POST /api/actions', path: '/api/actions', body: { unitCode: '140522', kind: 'interview', actedOn: '2024-04-07', enterpriseCreditCode: CC }, actions: ['action.create'] },
    { route: 'PATCH /api/actions/:actionId', path: `/api/actions/{action}`, body: { persons: 2 }, actions: ['action.update'] },
    { route: 'POST /api/leaders', path: '/api/leaders', body: { unitCode: '140522', name: '审计班子成员', role: 'member' }, actions: ['leader.create'] },
    { route: 'PATCH /api/leaders/:unitCode/:name', path: `/api/leaders/140522/${encodeURIComponent('审计班子成员')}`, body: { role: 'main' }, actions: ['leader.update'] },
    { route: 'POST /api/leader-inspections', path: '/api/leader-inspections', body: { unitCode: '140522', leaderName: '审计班子成员', inspectedOn: '2024-04-08' }, actions: ['leader_inspection.create'] },
    { route: 'POST /api/drills', path: '/api/drills', body: { enterpriseCreditCode: CC, drilledOn: '2024-04-09' }, actions: ['drill.create'] },
    { route: 'POST /api/submissions', path: '/api/submissions', body: { unitCode: '140522', kind: 'dispatch_table', period: '2024-03', submittedOn: '2024-04-01' }, actions: ['submission.create'] },
    { route: 'POST /api/schemes', path: '/api/schemes', body: { version: 'audited', basedOn: 'default', params: { I4: { main: 20 } }, note: '审计' }, actions: ['scheme.create'] },
    { route: 'POST /api/rankings/:month/publish', path: '/api/rankings/2023-08/publish', body: undefined, actions: ['ranking.publish'] },
    { route: 'POST /api/users', path: '/api/users', body: { username: 'audited-user', role: 'viewer', password: 'a-long-password' }, actions: ['user.create'] },
    { route: 'PATCH /api/users/:username', path: '/api/users/audited-user', body: { role: 'group_leader' }, actions: ['user.update'] },
    { route: 'POST /api/users/:username/password', path: '/api/users/audited-user/password', body: { password: 'another-long-password' }, actions: ['user.password_reset'], status: 204 },
    // alerts (issue 15): the alert is made by beforeAll, the first of a fresh database
    { route: 'POST /api/alerts/:id/acknowledge', path: '/api/alerts/1/acknowledge', body: { note: '已安排整改' }, actions: ['alert.acknowledge'], status: 200 },
    { route: 'PUT /api/alerts/webhooks/:unit', path: '/api/alerts/webhooks/140522', body: { url: 'https://im.example/bot?token=secret' }, actions: ['alert.webhook'], status: 200 },
    // campaigns and their phases, and a month released to the public (三公开)
    { route: 'POST /api/campaigns', path: '/api/campaigns', body: { code: 'audit-2030', name: '审计行动', startOn: '2030-04-25', endOn: '2030-12-31', firstMonth: '2030-05', lastMonth: '2030-12' }, actions: ['campaign.create'] },
    { route: 'PUT /api/campaigns/:code/phases', path: '/api/campaigns/audit-2030/phases', body: { phases: [{ key: 'all', name: '全程', startOn: '2030-04-25', endOn: '2030-12-31' }] }, actions: ['campaign.phases'], status: 200 },
    { route: 'POST /api/public/releases', path: '/api/public/releases', body: { month: '2023-08' }, actions: ['public.release'] },
    { route: 'POST /api/me/password', path: '/api/me/password', body: { currentPassword: 'audit-leader-password', newPassword: 'leader-own-new-password' }, actions: ['user.password_change'], as: 'leader', status: 204 },
  ];
}

/** The path with the ids of records made earlier in the list. */
const resolve = (path: string, ids: { inspection: string; action: string }) => path.replace('{inspection}', ids.inspection).replace('{action}', ids.action);

describeWith([], 'audit trail of ledger writes', () => {
  let s: TestServer;
  let admin: Client;
  let leader: Client;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin', s.adminPassword);
    const pw = await s.createUser('audit-leader', 'group_leader');
    await s.t.db.dataSource.query(`INSERT INTO alerts (id, unit_code, kind, due_on, message) VALUES (1, '140522', 'hazard_overdue', '2023-07-17', '审计用预警')`);
    leader = await s.login('audit-leader', pw);
  });
  afterAll(async () => { await s?.close(); });

  it('appends who, what, before and after for every write route, in order', async () => {
    const ds = s.t.db.dataSource;
    const ids = { inspection: '', action: '' };
    const list = writes();
    const routes = (s.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack
      .filter((l) => l.route && !l.route.methods.get).map((l) => `${Object.keys(l.route!.methods)[0].toUpperCase()} ${l.route!.path}`);
    expect([...new Set(list.map((w) => w.route))].sort()).toEqual(routes.filter((r) => !NOT_LEDGER_WRITES.includes(r)).sort());

    for (const w of list) {
      const [{ last }] = await ds.query(`SELECT coalesce(max(id), 0)::text AS last FROM audit_log`);
      const method = w.route.split(' ')[0];
      const r = await call<{ inspectionId?: string; actionId?: string }>(w.as === 'leader' ? leader : admin, method, resolve(w.path, ids), w.body);
      expect({ route: w.route, status: r.status, body: r.status < 300 ? null : r.body }).toEqual({ route: w.route, status: w.status ?? (method === 'PATCH' || w.route.includes(':ledgerNo/') ? 200 : 201), body: null });
      if (w.route === 'POST /api/inspections') ids.inspection = r.body.inspectionId!;
      if (w.route === 'POST /api/actions') ids.action = r.body.actionId!;
      const entries = await ds.query(`SELECT actor, action, table_name, record_key, before, after FROM audit_log WHERE id > $1::bigint ORDER BY id`, [last]);
      expect({ route: w.route, actions: entries.map((e: { action: string }) => e.action) }).toEqual({ route: w.route, actions: w.actions });
      for (const e of entries) {
        expect(e.actor).toBe(w.as === 'leader' ? 'audit-leader' : 'admin');
        expect(e.after).not.toBeNull();
        if (w.route.startsWith('PATCH')) expect(e.before).not.toBeNull();
        expect(e.record_key).not.toBe('');
        // an account's entry never holds its password or hash
        expect(JSON.stringify(e)).not.toMatch(/argon2|password"?:\s*"/i);
        // a typed-in signer name is recorded with the signed-in user who entered it
        if (e.action.startsWith('hazard.sign.')) {
          expect({ signedBy: e.after.signedBy, signer: e.after.signer, enteredBy: e.after.enteredBy, recordedBy: e.after.recorded_by })
            .toEqual({ signedBy: (w.body as { signedBy: string }).signedBy, signer: (w.body as { signedBy: string }).signedBy, enteredBy: e.actor, recordedBy: e.actor });
        }
      }
    }
  });
});
