import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { call, get, patch, post, type Client } from '../support/ledger-api.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { CalendarJobs } from '../../api/src/schedule/calendar.jobs.js';
import { AlertNotifier } from '../../api/src/alerts/alert-notifier.js';
import { loadGraceDays } from '../../api/src/alerts/alert-lifecycle.js';
import type { AlertView } from '../../api/src/alerts/alerts.dto.js';

// Issue 15 items 3 and 4 on the sample ledger: an overdue alert left open escalates to the city office
// on the day after its grace period (3 days, the default scheme) and not before, and to the group
// leader after another grace period; an acknowledged one does not; a duty met resolves its alert. The
// mail goes through a real SMTP server to the unit's users (as the users API lists them), and the
// unit's webhook is retried after a first failure.

const CHENGQU = '140502';
const OVERDUE = 'JC-140502-2023-0001'; // deadline 2023-07-17, rectified 2023-08-07

interface Hook { status: number; body: { event: string; unit: { code: string }; alerts: AlertView[]; text: string } | null }

describeWith([], 'alerts that reach people and escalate', () => {
  let s: TestServer;
  let smtp: TestSmtp;
  let hooks: Hook[];
  let receiver: http.Server;
  let jobs: CalendarJobs;
  let admin: Client;
  let county: Client;

  const alertOf = async (ref: string, kind = 'hazard_overdue') =>
    ((await get<AlertView[]>(admin, `/api/alerts?unit=${CHENGQU}&kind=${kind}`)).body).find((a) => a.recordRef === ref)!;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    // the bot's receiver: the first delivery fails, the next ones are accepted
    hooks = [];
    receiver = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => { data += c.toString('utf8'); });
      req.on('end', () => {
        const status = hooks.length === 0 ? 503 : 200;
        hooks.push({ status, body: data ? JSON.parse(data) : null });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    s = await startTestServer({ env: { SMTP_URL: smtp.url, WEBHOOK_RETRY_BASE_MS: '50' } });
    jobs = s.app.get(CalendarJobs);
    admin = await s.login('admin', s.adminPassword);
    // the unit's users: two with an address (one set on create, one on edit), one without, one disabled;
    // another unit's user and the city roles, each with an address
    const strong = 'Alerts-test-9-password';
    const mk = async (username: string, role: string, unitCode?: string, email?: string) =>
      expect((await post(admin, '/api/users', { username, role, password: strong, ...(unitCode ? { unitCode } : {}), ...(email ? { email } : {}) })).status).toBe(201);
    await mk('cq-branch', 'county_branch', CHENGQU, 'cq-branch@chengqu.example');
    await mk('cq-inspector', 'inspector', CHENGQU);
    expect((await patch(admin, '/api/users/cq-inspector', { email: 'cq-inspector@chengqu.example' })).body).toMatchObject({ email: 'cq-inspector@chengqu.example' });
    await mk('cq-noaddress', 'inspector', CHENGQU);
    await mk('cq-gone', 'inspector', CHENGQU, 'cq-gone@chengqu.example');
    expect((await patch(admin, '/api/users/cq-gone', { disabled: true })).status).toBe(200);
    await mk('qs-branch', 'county_branch', '140521', 'qs-branch@qinshui.example');
    await mk('office', 'city_office', undefined, 'office@jincheng.example');
    await mk('leader', 'group_leader', undefined, 'leader@jincheng.example');
    expect((await patch(admin, '/api/users/cq-branch', { email: 'not an address' })).status).toBe(400);
    county = await s.login('cq-branch', strong);
    const { port } = receiver.address() as { port: number };
    expect((await call(county, 'PUT', `/api/alerts/webhooks/${CHENGQU}`, { url: `http://127.0.0.1:${port}/bot` })).status).toBe(200);
    expect((await call(county, 'PUT', '/api/alerts/webhooks/140521', { url: `http://127.0.0.1:${port}/bot` })).status).toBe(403);
  }, 120_000);

  afterAll(async () => {
    await s?.close();
    await smtp?.close();
    await new Promise((r) => receiver?.close(r));
  });

  it('mails the day\'s new alerts to the unit\'s users with an address, in Chinese, and posts them to its webhook after a retry', async () => {
    await jobs.runDay('2023-07-18');
    const open = (await get<AlertView[]>(county, '/api/alerts?state=open')).body;
    expect(open.map((a) => a.recordRef)).toContain(OVERDUE);
    expect(new Set(open.map((a) => a.unitCode))).toEqual(new Set([CHENGQU]));

    // recipients: the unit's enabled users with an address, as the users API lists them
    const users = (await get<{ items: { email: string | null; disabled: boolean }[] }>(admin, `/api/users?unit=${CHENGQU}&pageSize=100`)).body.items;
    const want = users.filter((u) => u.email && !u.disabled).map((u) => u.email!).sort();
    expect(want).toEqual(['cq-branch@chengqu.example', 'cq-inspector@chengqu.example']);
    const mail = smtp.mails.find((m) => m.subject.includes('城区'));
    expect(mail).toBeDefined();
    expect(mail!.to).toEqual(want);
    expect(mail!.subject).toBe(`【危险废物隐患排查整治】城区：${open.length} 条新预警（2023-07-18）`);
    expect(mail!.text).toContain(`隐患 ${OVERDUE} 已超过整改期限 2023-07-17 仍未整改`);
    expect(mail!.text).toContain('【隐患逾期未整改】');
    for (const a of open) expect(mail!.text).toContain(a.message);
    // no other unit's mail reached 城区's users, nor 城区's mail anyone else
    for (const m of smtp.mails.filter((x) => x !== mail)) expect(m.to.some((t) => t.endsWith('@chengqu.example'))).toBe(false);

    // the webhook: refused once (503), delivered on the retry, with the same alerts as the API
    expect(hooks.map((h) => h.status)).toEqual([503, 200]);
    expect(hooks[1].body!.unit.code).toBe(CHENGQU);
    expect(hooks[1].body!.alerts.map((a) => a.id).sort()).toEqual(open.map((a) => a.id).sort());

    // running the day again sends nothing twice
    const sent = smtp.mails.length;
    await jobs.runDay('2023-07-18');
    expect(smtp.mails.length).toBe(sent);
    expect(hooks.length).toBe(2);
  }, 120_000);

  it('escalates an overdue alert left open on the day after its grace period, not before, and again after another', async () => {
    // another unit's overdue alert, within its grace period on 07-18 and acknowledged by the city office: it does not escalate
    const all = (await get<AlertView[]>(admin, '/api/alerts?state=open&kind=hazard_overdue')).body;
    const other = all.find((a) => a.unitCode !== CHENGQU && a.escalatedTo === null && a.dueOn >= '2023-07-15' && a.dueOn <= '2023-07-17')!;
    expect(other).toBeDefined();
    expect((await post(county, `/api/alerts/${other.id}/acknowledge`, { note: '不是本单位' })).status).toBe(403);
    const acked = await post<AlertView>(admin, `/api/alerts/${other.id}/acknowledge`, { note: '已约谈企业，限期整改' });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'admin', note: '已约谈企业，限期整改' });
    expect((await post(admin, `/api/alerts/${other.id}/acknowledge`, { note: '再次' })).status).toBe(409);
    const otherNow = async () => (await get<AlertView[]>(admin, `/api/alerts?unit=${other.unitCode}&kind=hazard_overdue`)).body.find((a) => a.id === other.id)!;

    const due = (await alertOf(OVERDUE)).dueOn;
    expect(due).toBe('2023-07-17');
    const before = smtp.mails.length;
    await jobs.runDay('2023-07-20'); // due date + 3: the last day of grace
    expect((await alertOf(OVERDUE)).escalatedTo).toBeNull();
    await jobs.runDay('2023-07-21'); // the day after the grace period
    expect(await alertOf(OVERDUE)).toMatchObject({ state: 'open', escalatedTo: 'city_office', escalatedOn: '2023-07-21' });
    expect((await otherNow()).escalatedTo).toBeNull();
    const toOffice = smtp.mails.slice(before).find((m) => m.subject.startsWith('【危险废物隐患排查整治】预警升级'));
    expect(toOffice!.to).toEqual(['office@jincheng.example']);
    expect(toOffice!.subject).toContain('已升级至市领导小组办公室');
    expect(toOffice!.text).toContain(`城区【隐患逾期未整改】隐患 ${OVERDUE}`);

    await jobs.runDay('2023-07-23');
    expect((await alertOf(OVERDUE)).escalatedTo).toBe('city_office');
    const beforeLeader = smtp.mails.length;
    await jobs.runDay('2023-07-24'); // the day after a second grace period
    expect(await alertOf(OVERDUE)).toMatchObject({ escalatedTo: 'group_leader', escalatedOn: '2023-07-24' });
    const toLeader = smtp.mails.slice(beforeLeader).find((m) => m.to.includes('leader@jincheng.example'));
    expect(smtp.mails.slice(before, beforeLeader).some((m) => m.to.includes('leader@jincheng.example') && m.text.includes(OVERDUE))).toBe(false);
    expect(toLeader!.to).toEqual(['leader@jincheng.example']);
    expect(toLeader!.text).toContain(OVERDUE);
    // the city office may acknowledge any alert; a group leader those escalated to them
    const leader = await s.login('leader', 'Alerts-test-9-password');
    const own = (await get<AlertView[]>(leader, '/api/alerts?state=open&kind=hazard_overdue')).body;
    const notYet = own.find((a) => a.escalatedTo !== 'group_leader');
    if (notYet) expect((await post(leader, `/api/alerts/${notYet.id}/acknowledge`, { note: '知悉' })).status).toBe(403);
    // the unit acknowledges its escalated alert; it stays where it reached
    const ack = await post<AlertView>(county, `/api/alerts/${(await alertOf(OVERDUE)).id}/acknowledge`, { note: '企业已停产整改，8月上旬完成' });
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'cq-branch', escalatedTo: 'group_leader' });
  }, 180_000);

  it('filters by unit, kind and state, within the caller\'s unit', async () => {
    const all = (await get<AlertView[]>(admin, '/api/alerts')).body;
    const mine = (await get<AlertView[]>(county, '/api/alerts')).body;
    expect(mine.length).toBe(all.filter((a) => a.unitCode === CHENGQU).length);
    const acked = (await get<AlertView[]>(county, '/api/alerts?state=acknowledged')).body;
    expect(acked.map((a) => a.state)).toEqual(acked.map(() => 'acknowledged'));
    expect(acked.length).toBe(mine.filter((a) => a.state === 'acknowledged').length);
    expect((await get(county, '/api/alerts?unit=140521')).status).toBe(403);
    expect((await get(county, '/api/alerts?kind=nonsense')).status).toBe(400);
  });

  it('resolves an alert when its duty is met: the hazard rectified on 08-07', async () => {
    await jobs.runDay('2023-08-06');
    expect((await alertOf(OVERDUE)).state).toBe('acknowledged');
    await jobs.runDay('2023-08-07');
    expect(await alertOf(OVERDUE)).toMatchObject({ state: 'resolved', resolvedOn: '2023-08-07' });
    expect((await post(admin, `/api/alerts/${(await alertOf(OVERDUE)).id}/acknowledge`, { note: '晚了' })).status).toBe(409);
  }, 120_000);

  it('sends the city office a daily digest of every unresolved alert', async () => {
    await s.app.get(AlertNotifier).digest('2023-08-08');
    const digest = smtp.mails.find((m) => m.subject.includes('每日预警汇总'))!;
    const unresolved = (await get<AlertView[]>(admin, '/api/alerts')).body.filter((a) => a.state !== 'resolved');
    expect(digest.to).toEqual(['office@jincheng.example']);
    expect(digest.subject).toBe(`【危险废物隐患排查整治】每日预警汇总（2023-08-08）：未办结 ${unresolved.length} 条，其中未确认 ${unresolved.filter((a) => a.state === 'open').length} 条`);
    expect(unresolved.length).toBeGreaterThan(0);
    for (const a of unresolved) expect(digest.text).toContain(a.message);
  });

  it('takes the grace period from the newest scheme version that sets alertGraceDays (3 until one does)', async () => {
    const ds = s.t.db.dataSource;
    expect(await loadGraceDays(ds)).toBe(3);
    expect((await post(admin, '/api/schemes', { version: 'grace-bad', basedOn: 'default', params: { alertGraceDays: 2.5 } })).status).toBe(400);
    expect((await post(admin, '/api/schemes', { version: 'grace-5', basedOn: 'default', params: { alertGraceDays: 5 }, note: '预警宽限 5 天' })).status).toBe(201);
    expect(await loadGraceDays(ds)).toBe(5);
    await ds.query(`DELETE FROM scoring_schemes WHERE version = 'grace-5'`);
  });

  describe('every duty of the notice alerts on its day', () => {
    const q = <T>(sql: string, params: unknown[] = []) => s.t.db.dataSource.query(sql, params) as Promise<T[]>;
    const alertsOn = async (kind: string, due: string) =>
      (await get<AlertView[]>(admin, `/api/alerts?kind=${kind}`)).body.filter((a) => a.dueOn === due).map((a) => `${a.unitCode} ${a.recordRef}`).sort();
    const countyLevel = async () => (await q<{ code: string }>(`SELECT code FROM units WHERE level IN ('county','zone') ORDER BY code`)).map((u) => u.code);

    it('leaders below their monthly inspections and the city without a typical case, on the month\'s last day', async () => {
      const leaders = await q<{ unit_code: string; name: string; role: string }>(`SELECT unit_code, name, role FROM leaders`);
      const visits = await q<{ unit_code: string; leader_name: string; day: string }>(`SELECT unit_code, leader_name, to_char(inspected_on, 'YYYY-MM-DD') AS day FROM leader_inspections`);
      const short = leaders.filter((l) => visits.filter((v) => v.unit_code === l.unit_code && v.leader_name === l.name && v.day.startsWith('2023-07')).length < (l.role === 'main' ? 1 : 2))
        .map((l) => `${l.unit_code} 2023-07 ${l.name}`).sort();
      const cases = await q<{ unit_code: string; day: string }>(`SELECT a.unit_code, to_char(a.acted_on, 'YYYY-MM-DD') AS day FROM actions a JOIN units u ON u.code = a.unit_code WHERE u.level = 'city' AND a.kind = 'typical_case'`);
      await jobs.runDay('2023-07-30');
      expect(await alertsOn('leader_inspections_short', '2023-07-30')).toEqual([]);
      await jobs.runDay('2023-07-31');
      expect(await alertsOn('leader_inspections_short', '2023-07-31')).toEqual(short);
      expect(await alertsOn('typical_case_missing', '2023-07-31')).toEqual(cases.some((c) => c.day.startsWith('2023-07')) ? [] : ['140500 2023-07']);
    }, 120_000);

    it('the stage report on its due day from the campaign (MonthWindow.stageReportDue), not the day before', async () => {
      const sent = await q<{ unit_code: string }>(`SELECT DISTINCT unit_code FROM submissions WHERE kind = 'stage_report' AND submitted_on <= '2023-08-09'`);
      await jobs.runDay('2023-08-08');
      expect(await alertsOn('stage_report_missing', '2023-08-08')).toEqual([]);
      await jobs.runDay('2023-08-09');
      const want = (await countyLevel()).filter((u) => !sent.some((x) => x.unit_code === u)).map((u) => `${u} jincheng-2023`);
      expect(await alertsOn('stage_report_missing', '2023-08-09')).toEqual(want);
    }, 120_000);

    it('coverage behind in July–August on 08-31: 城区 inspected 7 of its 14 in-scope enterprises', async () => {
      await jobs.runDay('2023-08-31');
      const cq = (await get<AlertView[]>(admin, `/api/alerts?unit=${CHENGQU}&kind=coverage_behind`)).body;
      expect(cq).toHaveLength(1);
      expect(cq[0].message).toMatch(/^7–8月排查覆盖 7\/14 家（应 100%），未检查：/);
      const missing = cq[0].message.split('：')[1].split('、');
      expect(missing).toHaveLength(7);

      // inspections of the seven, recorded late but dated in August, meet the duty: resolved on the next run
      const codes = await q<{ credit_code: string }>(`SELECT credit_code FROM enterprises WHERE unit_code = $1 AND name = ANY($2::text[])`, [CHENGQU, missing]);
      expect(codes).toHaveLength(7);
      await jobs.runDay('2023-09-02');
      expect((await get<AlertView[]>(admin, `/api/alerts?unit=${CHENGQU}&kind=coverage_behind`)).body[0].state).not.toBe('resolved');
      for (const [i, c] of codes.entries()) {
        await q(`INSERT INTO inspections (inspection_id, unit_code, enterprise_credit_code, inspected_on, signed_by, major_hazards_found) VALUES ($1, $2, $3, '2023-08-30', '{补录检查员}', 0)`, [`T-COVERAGE-${i}`, CHENGQU, c.credit_code]);
      }
      await jobs.runDay('2023-09-03');
      expect((await get<AlertView[]>(admin, `/api/alerts?unit=${CHENGQU}&kind=coverage_behind`)).body[0]).toMatchObject({ state: 'resolved', resolvedOn: '2023-09-03' });
    }, 120_000);

    it('high-risk enterprises without two drills, and the city\'s spot checks, on 11-30', async () => {
      const drills = await q<{ unit_code: string; credit_code: string; n: number }>(
        `SELECT e.unit_code, e.credit_code, (SELECT count(*)::int FROM drills d WHERE d.enterprise_credit_code = e.credit_code AND d.drilled_on BETWEEN '2023-04-25' AND '2023-11-30') AS n FROM enterprises e WHERE e.high_risk`);
      await jobs.runDay('2023-11-30');
      expect(await alertsOn('drills_missing', '2023-11-30')).toEqual(drills.filter((d) => d.n < 2).map((d) => `${d.unit_code} ${d.credit_code}`).sort());
      const spot = (await get<AlertView[]>(admin, '/api/alerts?kind=coverage_behind')).body.filter((a) => a.dueOn === '2023-11-30');
      for (const a of spot) {
        expect(a.unitCode).toBe('140500');
        const [, inspected, scope, required] = /(\d+)\/(\d+) 家，应至少 (\d+) 家/.exec(a.message)!.map(Number);
        expect(inspected).toBeLessThan(required);
        expect(required).toBe(Math.ceil(scope * 0.2));
      }
    }, 120_000);
  });
});
