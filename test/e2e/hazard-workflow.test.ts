// A hazard's whole life in the browser, by the people it is for: the county reports it,
// confirms it in two steps and files its plan; the city assigns and lists it; the county gives Friday
// feedback and rectifies it, and cannot close it; the group leader closes it. Clicks and typing only;
// the API is read after each step to check what was written. One browser, one sign-in per role.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import type { HazardDetail, Page as ListPage } from '../../dashboard/src/api/types.js';
import type { EnterpriseView } from '../../api/src/ledger/enterprises/enterprises.service.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import * as steps from './steps/hazard-steps.js';
import { launchChromium } from '../support/chromium.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const ZEZHOU = '140525';
const LEDGER_NO = 'E2E-ZZ-2023-0915-01';
const FOUND_ON = '2023-09-15';
const o = { artifacts: ARTIFACTS };

type Api = (p: string, init?: RequestInit) => Promise<Response>;

describeWith(['chromium'], 'hazard workflow in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Api;
  let countyApi: Api;
  let county: Page;
  let city: Page;
  let leader: Page;
  let enterprise: EnterpriseView;

  const hazard = async (): Promise<HazardDetail> => {
    const r = await admin(`/api/hazards/${encodeURIComponent(LEDGER_NO)}`);
    expect(r.status).toBe(200);
    return (await r.json()) as HazardDetail;
  };
  const signers = async () => Object.fromEntries(((await hazard()).signoffs ?? []).map((s) => [s.step, s.signer]));

  beforeAll(async () => {
    // the server serves dashboard/dist when it exists at start: build it first, from the sources under test
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    admin = await server.login('admin', server.adminPassword);
    const countyPassword = await server.createUser('zezhou-clerk', 'county_branch', ZEZHOU);
    const leaderPassword = await server.createUser('group-leader', 'group_leader');
    countyApi = await server.login('zezhou-clerk', countyPassword);
    const list = (await (await admin(`/api/enterprises?unit=${ZEZHOU}&pageSize=500`)).json()) as ListPage<EnterpriseView>;
    const withLeader = list.items.find((e) => e.mainLeader);
    if (!withLeader) throw new Error(`the sample ledger has no enterprise of ${ZEZHOU} with a main leader`);
    enterprise = withLeader;
    browser = await launchChromium();
    county = await steps.signIn(browser, server.baseUrl, 'zezhou-clerk', countyPassword);
    city = await steps.signIn(browser, server.baseUrl, 'admin', server.adminPassword);
    leader = await steps.signIn(browser, server.baseUrl, 'group-leader', leaderPassword);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the county reports the hazard (上报隐患) and confirms it in two steps', async () => {
    expect((await admin(`/api/hazards/${encodeURIComponent(LEDGER_NO)}`)).status).toBe(404);
    await steps.reportHazard(county, {
      ledgerNo: LEDGER_NO, enterpriseCreditCode: enterprise.creditCode, source: '企业自查', foundOn: FOUND_ON,
      category: '贮存', description: '危废贮存库防渗层破损，渗滤液收集池满溢', signedBy: '县局 张明',
    }, o);
    let h = await hazard();
    expect({ unit: h.unitCode, enterprise: h.enterpriseCreditCode, source: h.source, foundOn: h.foundOn, category: h.category, confirmed: h.confirmedOn })
      .toEqual({ unit: ZEZHOU, enterprise: enterprise.creditCode, source: 'self_check', foundOn: FOUND_ON, category: '贮存', confirmed: null });

    // before the enterprise has confirmed, 单位确认 waits, and says why
    expect(await steps.buttonState(county, LEDGER_NO, '单位确认')).toEqual({ shown: true, enabled: false, reason: '须先完成企业确认' });

    // a refusal of the server (409): a signer who is not the main leader; shown by the button, the typed name kept
    const form = await steps.openStep(county, LEDGER_NO, '企业确认', 'form-confirm-enterprise');
    expect(await form.getByLabel('签字人').inputValue()).toBe(enterprise.mainLeader);
    await form.getByLabel('签字人').fill('办公室 李某');
    await form.getByRole('button', { name: '提交' }).click();
    await expect(form.locator('.form-refusal').textContent()).resolves.toContain('企业确认须由企业主要负责人签字');
    expect(await form.getByLabel('签字人').inputValue()).toBe('办公室 李某');
    await county.screenshot({ path: path.join(ARTIFACTS, 'hazard-confirm-enterprise-refused.png'), fullPage: true });
    await form.getByRole('button', { name: '取消' }).click();
    expect((await hazard()).enterpriseConfirmedOn).toBeNull();

    expect(await steps.confirmByEnterprise(county, LEDGER_NO, undefined, o)).toBe(enterprise.mainLeader);
    h = await hazard();
    expect(h.enterpriseConfirmedOn).not.toBeNull();
    expect(h.confirmedOn).toBeNull();
    expect(await steps.buttonState(county, LEDGER_NO, '企业确认')).toEqual({ shown: true, enabled: false, reason: '企业已确认' });

    await steps.confirmByUnit(county, LEDGER_NO, '县局 王强', o);
    h = await hazard();
    expect(h.confirmedOn).not.toBeNull();
    expect(await signers()).toMatchObject({ report: '县局 张明', confirm_enterprise: enterprise.mainLeader, confirm_unit: '县局 王强' });
  }, 300_000);

  it('the county files the plan (整改方案); funds "abc" are refused beside the field, nothing typed lost', async () => {
    const plan = { responsiblePerson: '赵刚', measures: '更换防渗层；清理收集池', fundsWan: 'abc', deadline: '2023-10-31', contingencyPlan: '泄漏应急处置预案', signedBy: '县局 张明' };
    const form = await steps.openStep(county, LEDGER_NO, '整改方案', 'form-plan');
    await steps.fillPlan(form, plan);
    await form.getByRole('button', { name: '提交' }).click();
    const funds = form.getByLabel('资金（万元）');
    await expect(funds.getAttribute('aria-invalid')).resolves.toBe('true');
    const problemId = (await funds.getAttribute('aria-describedby'))!;
    await expect(county.locator(`[id="${problemId}"]`).textContent()).resolves.toContain('须为不小于 0 的数字');
    expect(await form.getByLabel('措施').inputValue()).toBe(plan.measures);
    expect(await form.getByLabel('责任人').inputValue()).toBe(plan.responsiblePerson);
    expect(await funds.inputValue()).toBe('abc');
    await county.screenshot({ path: path.join(ARTIFACTS, 'hazard-plan-refused.png'), fullPage: true });
    expect((await hazard()).deadline).toBeNull();

    await funds.fill('12.5');
    await county.screenshot({ path: path.join(ARTIFACTS, 'hazard-plan.png'), fullPage: true });
    await form.getByRole('button', { name: '提交' }).click();
    await form.waitFor({ state: 'detached' });
    const h = await hazard();
    expect({ p: h.responsiblePerson, m: h.measures, f: h.fundsWan, d: h.deadline, c: h.contingencyPlan })
      .toEqual({ p: '赵刚', m: plan.measures, f: 12.5, d: plan.deadline, c: plan.contingencyPlan });
    expect(await steps.buttonState(county, LEDGER_NO, '整改方案')).toEqual({ shown: true, enabled: false, reason: '已制定整改方案' });
  }, 300_000);

  it('a county user sees no button it may not use', async () => {
    expect(await steps.buttonState(county, LEDGER_NO, '交办')).toEqual({ shown: false });
    expect(await steps.buttonState(county, LEDGER_NO, '反馈')).toEqual({ shown: true, enabled: false, reason: '尚未交办' });
    // and a forged assignment is refused by the server
    const forged = await countyApi(`/api/hazards/${encodeURIComponent(LEDGER_NO)}/assign`, { method: 'POST', body: JSON.stringify({ unitCode: ZEZHOU, signedBy: 'x' }) });
    expect(forged.status).toBe(403);
    expect((await hazard()).assignment).toBeNull();
  }, 300_000);

  it('the city assigns it (交办) and lists it (挂牌督办)', async () => {
    await steps.assignHazard(city, LEDGER_NO, ZEZHOU, '市办 刘伟', o);
    let h = await hazard();
    expect(h.assignment?.unitCode).toBe(ZEZHOU);
    expect(await steps.buttonState(city, LEDGER_NO, '交办')).toEqual({ shown: true, enabled: false, reason: '已交办' });

    await steps.listHazard(city, LEDGER_NO, { level: '市级', tracker: '市办 陈静', signedBy: '市办 刘伟' }, o);
    h = await hazard();
    expect({ level: h.listedLevel, tracker: h.tracker, listed: h.listedOn !== null }).toEqual({ level: 'city', tracker: '市办 陈静', listed: true });
  }, 300_000);

  it('the county gives Friday feedback (反馈) and rectifies (整改), and cannot close it', async () => {
    await steps.giveFeedback(county, LEDGER_NO, { documentNo: '泽环函〔2023〕41号', progress: '防渗层已开挖，材料进场', signedBy: '县局 张明' }, o);
    const timeline = (await hazard()).timeline.filter((t) => t.event === 'feedback');
    expect(timeline.map((t) => t.detail)).toEqual(['泽环函〔2023〕41号：防渗层已开挖，材料进场']);

    expect(await steps.buttonState(county, LEDGER_NO, '办结销号')).toEqual({ shown: true, enabled: false, reason: '尚未整改' });
    await steps.rectifyHazard(county, LEDGER_NO, '县局 张明', '2023-10-20', o);
    expect((await hazard()).rectifiedOn).toBe('2023-10-20');

    expect(await steps.buttonState(county, LEDGER_NO, '办结销号')).toEqual({ shown: true, enabled: false, reason: '交办隐患须由领导小组组长办结销号' });
    await county.screenshot({ path: path.join(ARTIFACTS, 'hazard-close-blocked-county.png'), fullPage: true });
    const forged = await countyApi(`/api/hazards/${encodeURIComponent(LEDGER_NO)}/close`, { method: 'POST', body: JSON.stringify({ signedBy: '县局 张明' }) });
    expect(forged.status).toBe(403);
    expect((await hazard()).closedOn).toBeNull();
  }, 300_000);

  it('the group leader closes it (办结销号)', async () => {
    await steps.closeHazard(leader, LEDGER_NO, '组长 周强', o);
    const h = await hazard();
    expect(h.closedOn).not.toBeNull();
    expect(h.closedBy).toBe('组长 周强');
    expect(await steps.buttonState(leader, LEDGER_NO, '办结销号')).toEqual({ shown: true, enabled: false, reason: '已办结销号' });
    // the page shows the new state
    await expect(leader.locator('.card-title .badge').first().textContent()).resolves.toBe('已办结销号');
  }, 300_000);

  it('at 390×844 the report and plan forms fit the phone without sideways scrolling', async () => {
    await county.setViewportSize({ width: 390, height: 844 });
    // the page's width, and when it is too wide the element that sticks out furthest (for the failure message)
    const noSideways = async () =>
      county.evaluate(() => {
        type El = { tagName: string; className: string; getBoundingClientRect(): { right: number } };
        const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): El[] } }).document;
        const width = d.documentElement.scrollWidth;
        if (width <= 390) return 'fits';
        const widest = [...d.querySelectorAll('body *')].sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0];
        return `${width} (widest: ${widest.tagName}.${widest.className})`;
      });

    await steps.goTo(county, '台账');
    await county.getByRole('button', { name: '上报隐患' }).click();
    await county.getByTestId('form-report').waitFor();
    await steps.settled(county);
    expect(await noSideways()).toBe('fits');
    await county.screenshot({ path: path.join(ARTIFACTS, 'hazard-report-390.png'), fullPage: true });

    // a second hazard through the phone: reported, confirmed twice, and its plan form open
    const phoneNo = `${LEDGER_NO}-M`;
    await steps.reportHazard(county, {
      ledgerNo: phoneNo, enterpriseCreditCode: enterprise.creditCode, source: '群众举报', foundOn: FOUND_ON,
      category: '转移联单', description: '转移联单与台账不符', signedBy: '县局 张明',
    });
    await steps.confirmByEnterprise(county, phoneNo);
    await steps.confirmByUnit(county, phoneNo, '县局 王强');
    await steps.openStep(county, phoneNo, '整改方案', 'form-plan');
    expect(await noSideways()).toBe('fits');
    await county.screenshot({ path: path.join(ARTIFACTS, 'hazard-plan-390.png'), fullPage: true });
    const r = await admin(`/api/hazards/${encodeURIComponent(phoneNo)}`);
    expect(((await r.json()) as HazardDetail).confirmedOn).not.toBeNull();
  }, 300_000);
});
