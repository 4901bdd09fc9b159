// The month's work of every role, in one Chromium, by clicks and typing only (the API is called only to
// check what the pages did), on the product as a user runs it (the compiled server in its own process):
// PostgreSQL at desktop width, then the embedded default at 390×844. The office creates the users; a
// county clerk imports a bundle with three errors, sees them with file and line, imports the fixed one;
// reports a hazard, confirms it in two steps, files a plan; the city assigns and lists it; the county gives
// Friday feedback and rectifies; the county cannot close it, the group leader can; the office publishes
// the month and the ranking shows the change. Finally the figures the pages showed equal
// `npm run cli -- scores` on the same database. Screenshots: test/artifacts/journey-*.png.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import type { ScoresJson } from '../../analytics/src/contracts.js';
import type { Ranking } from '../../dashboard/src/api/types.js';
import { formatScore } from '../../dashboard/src/format.js';
import { runCli } from '../faults/fault-support.js';
import { countyBundle, zipFolder, type CountyBundle } from '../support/import-bundles.js';
import { describeWith } from '../support/requires.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import * as steps from './steps/hazard-steps.js';
import { launchChromium } from '../support/chromium.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const ZEZHOU = '140525';
const MONTH = '2023-12';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

type Api = (p: string, init?: RequestInit) => Promise<Response>;

async function signedInApi(baseUrl: string, username: string, password: string): Promise<Api> {
  const r = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const { accessToken } = (await r.json()) as { accessToken: string };
  return (p, init = {}) => fetch(`${baseUrl}${p}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}), authorization: `Bearer ${accessToken}` } });
}

describeWith(['chromium', 'postgres'], 'the month of every role, in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const run of [{ engine: 'postgres', viewport: DESKTOP, tag: '61' }, { engine: 'embedded', viewport: PHONE, tag: '62' }] as const) {
    describe(`${run.engine} at ${run.viewport.width}×${run.viewport.height}`, () => {
      let server: ServerProcess;
      let admin: Api;
      let office: Page;
      let county: Page;
      let leader: Page;
      let broken: CountyBundle;
      let fixed: CountyBundle;
      let before: Ranking;
      const ledgerNo = `JC-${ZEZHOU}-2023-J${run.tag}`;
      const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `journey-${run.engine}-${name}.png`), fullPage: true });
      const hazard = async () => (await (await admin(`/api/hazards/${encodeURIComponent(ledgerNo)}`)).json()) as Record<string, unknown> & { signoffs: { step: string; signer: string }[] };
      const users = { county: { username: `zezhou-${run.tag}`, password: `Zezhou-clerk-pass-${run.tag}` }, leader: { username: `leader-${run.tag}`, password: `Group-leader-pass-${run.tag}` } };

      beforeAll(async () => {
        server = await startServerProcess(run.engine);
        admin = await signedInApi(server.baseUrl, 'admin', server.adminPassword);
        before = (await (await admin(`/api/scores?month=${MONTH}`)).json()) as Ranking;
        broken = countyBundle(ZEZHOU, { broken: true, tag: run.tag });
        fixed = countyBundle(ZEZHOU, { tag: run.tag });
        office = await steps.signIn(browser, server.baseUrl, 'admin', server.adminPassword, run.viewport);
      }, 300_000);
      afterAll(async () => {
        for (const p of [office, county, leader]) await p?.context().close();
        await server?.drop();
        broken?.remove();
        fixed?.remove();
      });

      it('the office creates the county clerk and the group leader', async () => {
        await steps.goTo(office, '用户');
        await office.waitForSelector('[data-testid="users-table"]');
        for (const [u, role, unitCode] of [[users.county, '县区分局', ZEZHOU], [users.leader, '领导小组组长', undefined]] as const) {
          await office.getByRole('button', { name: '新建用户' }).click();
          await office.getByLabel('用户名').fill(u.username);
          await office.getByLabel('角色').selectOption({ label: role });
          if (unitCode) await office.getByLabel('所属单位').selectOption(unitCode);
          await office.getByLabel('初始密码').fill(u.password);
          await office.getByRole('button', { name: '提交' }).click();
          await office.waitForSelector(`[data-testid="user-row"][data-username="${u.username}"]`);
        }
        await shot(office, 'users');
        const listed = ((await (await admin('/api/users?pageSize=500')).json()) as { items: { username: string; role: string; unitCode: string | null; disabled: boolean }[] }).items;
        expect(listed.filter((u) => u.username.endsWith(`-${run.tag}`)).map(({ username, role, unitCode, disabled }) => ({ username, role, unitCode, disabled })).sort((a, b) => a.username.localeCompare(b.username)))
          .toEqual([{ username: users.leader.username, role: 'group_leader', unitCode: null, disabled: false }, { username: users.county.username, role: 'county_branch', unitCode: ZEZHOU, disabled: false }]);
        county = await steps.signIn(browser, server.baseUrl, users.county.username, users.county.password, run.viewport);
        leader = await steps.signIn(browser, server.baseUrl, users.leader.username, users.leader.password, run.viewport);
      }, 300_000);

      it('the county imports a bundle with three errors, sees them with file and line, then the fixed one', async () => {
        await steps.goTo(county, '导入');
        await county.waitForURL(/\/import$/);
        await county.getByLabel('台账包文件').setInputFiles({ name: '泽州县台账包.zip', mimeType: 'application/zip', buffer: zipFolder(broken.dir, '泽州县台账包') });
        await county.getByRole('form', { name: '导入台账包' }).getByRole('button', { name: '提交' }).click();
        await county.waitForSelector('[data-testid="import-problems"]');
        const rows = await county.$$eval('[data-testid="import-problems"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent?.trim())));
        expect(rows).toEqual([['enterprises.csv', '3'], ['hazards.csv', '2'], ['hazards.csv', '3']]);
        await shot(county, 'import-refused');
        expect((await admin(`/api/hazards/${encodeURIComponent(`JC-${ZEZHOU}-2023-T${run.tag}1`)}`)).status).toBe(404);

        await county.getByLabel('台账包文件').setInputFiles({ name: '泽州县台账包.zip', mimeType: 'application/zip', buffer: zipFolder(fixed.dir, '泽州县台账包') });
        await county.getByRole('form', { name: '导入台账包' }).getByRole('button', { name: '提交' }).click();
        await county.waitForSelector('[data-testid="import-done"]');
        await expect(county.getByTestId('import-inserted').textContent()).resolves.toBe('4');
        await shot(county, 'import-done');
        expect((await admin(`/api/hazards/${encodeURIComponent(`JC-${ZEZHOU}-2023-T${run.tag}1`)}`)).status).toBe(200);
      }, 300_000);

      it('the county reports a hazard at the imported enterprise, confirms it in two steps and files a plan', async () => {
        const enterprise = ((await (await admin(`/api/enterprises?unit=${ZEZHOU}&q=${encodeURIComponent(`测试企业${run.tag}`)}&pageSize=5`)).json()) as { items: { creditCode: string; name: string; mainLeader: string }[] }).items.find((e) => e.name === `测试企业${run.tag}`)!;
        await steps.reportHazard(county, { ledgerNo, enterpriseCreditCode: enterprise.creditCode, source: '企业自查', foundOn: '2023-12-04', category: '贮存', description: '危废暂存间未设防渗和导流设施', signedBy: '县局 张明' });
        await steps.confirmByEnterprise(county, ledgerNo);
        await steps.confirmByUnit(county, ledgerNo, '县局 王强');
        await steps.filePlan(county, ledgerNo, { responsiblePerson: '赵刚', measures: '建设防渗地面和导流沟', fundsWan: '8.5', deadline: '2023-12-20', contingencyPlan: '泄漏应急处置预案', signedBy: '县局 张明' });
        await shot(county, 'planned');
        const h = await hazard();
        expect({ confirmed: h.confirmedOn, enterprise: h.enterpriseConfirmedOn !== null, deadline: h.deadline, funds: h.fundsWan }).toEqual({ confirmed: expect.any(String), enterprise: true, deadline: '2023-12-20', funds: 8.5 });
        expect(Object.fromEntries(h.signoffs.map((s) => [s.step, s.signer]))).toMatchObject({ report: '县局 张明', confirm_enterprise: enterprise.mainLeader, confirm_unit: '县局 王强' });
      }, 300_000);

      it('the city assigns it and lists it; a county user sees no 交办 and a forged one is refused', async () => {
        expect(await steps.buttonState(county, ledgerNo, '交办')).toEqual({ shown: false });
        const countyApi = await signedInApi(server.baseUrl, users.county.username, users.county.password);
        expect((await countyApi(`/api/hazards/${encodeURIComponent(ledgerNo)}/assign`, { method: 'POST', body: JSON.stringify({ unitCode: ZEZHOU, signedBy: 'x' }) })).status).toBe(403);
        await steps.assignHazard(office, ledgerNo, ZEZHOU, '市办 刘伟');
        await steps.listHazard(office, ledgerNo, { level: '市级', tracker: '市办 陈静', signedBy: '市办 刘伟' });
        await shot(office, 'assigned-listed');
        const h = await hazard();
        expect({ assigned: (h.assignment as { unitCode: string } | null)?.unitCode, level: h.listedLevel, tracker: h.tracker }).toEqual({ assigned: ZEZHOU, level: 'city', tracker: '市办 陈静' });
      }, 300_000);

      it('the county gives Friday feedback and rectifies; it cannot close the assigned hazard, the group leader can', async () => {
        await steps.giveFeedback(county, ledgerNo, { documentNo: `泽环函〔2023〕${run.tag}号`, progress: '防渗地面已施工', signedBy: '县局 张明' });
        await steps.rectifyHazard(county, ledgerNo, '县局 张明', '2023-12-15');
        expect(await steps.buttonState(county, ledgerNo, '办结销号')).toEqual({ shown: true, enabled: false, reason: '交办隐患须由领导小组组长办结销号' });
        await shot(county, 'close-blocked');
        const countyApi = await signedInApi(server.baseUrl, users.county.username, users.county.password);
        expect((await countyApi(`/api/hazards/${encodeURIComponent(ledgerNo)}/close`, { method: 'POST', body: JSON.stringify({ signedBy: '县局 张明' }) })).status).toBe(403);
        expect((await hazard()).closedOn).toBeNull();
        await steps.closeHazard(leader, ledgerNo, '组长 周强');
        await shot(leader, 'closed');
        const h = await hazard();
        expect({ rectified: h.rectifiedOn, closedBy: h.closedBy, closed: h.closedOn !== null }).toEqual({ rectified: '2023-12-15', closedBy: '组长 周强', closed: true });
      }, 300_000);

      it('the office publishes the month, and the ranking shows the change', async () => {
        await steps.goTo(office, '排名');
        await office.getByTestId('month-select').selectOption(MONTH);
        await office.waitForURL(new RegExp(`month=${MONTH}`));
        await office.waitForSelector('[data-testid="ranking-row"]');
        await steps.settled(office);
        await office.getByRole('button', { name: '发布排名' }).click();
        await office.waitForSelector('[data-testid="publish-ranking"]');
        await shot(office, 'publish-confirm');
        await office.getByRole('button', { name: '确认', exact: true }).click();
        await office.waitForSelector('[data-testid="published-mark"]');
        expect((await admin(`/api/rankings/${MONTH}/published`)).status).toBe(200);
        const live = (await (await admin(`/api/scores?month=${MONTH}`)).json()) as Ranking;
        const zz = (r: Ranking) => r.units.find((u) => u.unit === ZEZHOU)!;
        // the county's month moved: its three new hazards (two imported, one reported) are counted
        expect(zz(live).parts.found).toBe(zz(before).parts.found + 3);
        expect(zz(live).total).not.toBe(zz(before).total);
        const shown = await office.$$eval('[data-testid="ranking-row"]', (rows) => rows.map((r) => ({ unit: r.getAttribute('data-unit'), rank: r.querySelector('[data-col="rank"]')?.textContent?.trim(), total: r.querySelector('[data-col="total"]')?.textContent?.trim() })));
        expect(shown).toEqual(live.units.map((u) => ({ unit: u.unit, rank: String(u.rank), total: formatScore(u.total) })));
        await expect(office.getByTestId('publication').textContent()).resolves.toContain('已发布');
        await shot(office, 'ranking-published');
        if (run.viewport.width === PHONE.width) expect(await office.$eval('html', (el) => el.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      }, 300_000);

      it('the figures the pages showed equal `npm run cli -- scores` on the same database', async () => {
        const live = (await (await admin(`/api/scores?month=${MONTH}`)).json()) as Ranking;
        // the embedded DATA_DIR is one process's at a time: the server stops before the CLI opens it
        if (run.engine === 'embedded') await server.stop();
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hw-journey-')), 'scores.json');
        await runCli(['scores', '--month', MONTH, '--out', out], server.dbEnv);
        const cli = JSON.parse(fs.readFileSync(out, 'utf8')) as ScoresJson;
        const figures = (units: ScoresJson['units']) => units.map((u) => ({ unit: u.unit, rank: u.rank, total: u.total, I1: u.I1, I2: u.I2, I3: u.I3, I4: u.I4, D: u.D, parts: u.parts }));
        expect(figures(live.units)).toEqual(figures(cli.units));
        fs.rmSync(path.dirname(out), { recursive: true, force: true });
      }, 300_000);
    });
  }
});
