// The 记录 forms in a real Chromium against the real server (sample ledger, embedded database): a county
// branch of 泽州县 writes an enterprise, an inspection and its correction, a penalty, a leader and a leader
// inspection, a drill and its monthly reports; each write checked against the API, one refusal of each
// family shown in Chinese beside its field with what was typed kept. An inspector sees only the inspection
// form, a viewer none. Screenshots of every form go to test/artifacts/records-*.png.
import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { creditCodeCheckChar } from '../../api/src/bundle/credit-code.js';
import { formatScore } from '../../dashboard/src/format.js';
import { todayCst } from '../../dashboard/src/months.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from '../support/chromium.js';
import { signIn as signInAs } from '../support/sign-in.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const ZEZHOU = '140525';
const SLOW = 120_000;

// a credit code of GB 32100-2015 made here, and the same with a wrong check character
const FIRST17 = '91140525MA0RECT01';
const CODE = FIRST17 + creditCodeCheckChar(FIRST17)!;
const BAD_CODE = FIRST17 + (CODE.endsWith('1') ? '2' : '1');
const KINDS = ['enterprises', 'inspections', 'actions', 'leaders', 'leader-inspections', 'drills', 'submissions'];

interface Listed<T> { items: T[]; total: number }

describeWith(['chromium'], 'records (记录) forms in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let api: (p: string) => Promise<Response>;
  let county: Page;
  // an error thrown in the page (the error boundary catches it) fails the test that caused it
  const pageErrors: string[] = [];

  const json = async <T>(p: string): Promise<T> => {
    const r = await api(p);
    expect(r.status).toBe(200);
    return (await r.json()) as T;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    api = await server.login('admin', server.adminPassword);
    browser = await launchChromium();
    county = await signIn('zezhou-records', await server.createUser('zezhou-records', 'county_branch', ZEZHOU));
  }, 300_000);

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // short enough that a missing element fails its step, not the whole test
  const signIn = (username: string, password: string) => signInAs(browser, server.baseUrl, username, password, { viewport: { width: 1366, height: 900 }, timeout: 15_000, onPageError: (m) => pageErrors.push(m) });

  /** waits (up to 20 s) for a write sent by a click to be seen by the API */
  async function until(check: () => Promise<boolean>) {
    for (let i = 0; i < 80 && !(await check()); i++) await new Promise((r) => setTimeout(r, 250));
    expect(await check()).toBe(true);
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `records-${name}.png`), fullPage: true });
  const escape = (label: string) => label.replace(/[()（）*]/g, (c) => `\\${c}`);
  // a required field's label ends in " *"
  const input = (form: Locator, label: string) => form.getByLabel(new RegExp(`^${escape(label)}\\s*\\*?$`));
  /** the problem written beside the field labelled `label` */
  const problem = (form: Locator, label: string) => form.locator('.form-field').filter({ has: form.page().locator('label', { hasText: new RegExp(`^${escape(label)}`) }) }).locator('.field-problem');
  const row = (page: Page, table: string, col: string, value: string) => page.getByTestId(table).locator('tbody tr').filter({ has: page.locator(`td[data-col="${col}"]`, { hasText: new RegExp(`^${value}$`) }) });

  async function openTab(page: Page, kind: string, label: string) {
    await page.getByRole('navigation', { name: '记录类别' }).getByRole('link', { name: label, exact: true }).click();
    await page.waitForURL(new RegExp(`/records/${kind}`));
  }

  it('adds an enterprise; a bad credit code is refused beside 统一社会信用代码, the rest kept', async () => {
    await county.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '记录' }).click();
    const form = county.getByTestId('form-enterprise');
    await input(form, '统一社会信用代码').fill(BAD_CODE);
    await input(form, '企业名称').fill('晋城记录测试危废处置有限公司');
    await input(form, '行业').selectOption({ label: '危废收集贮存利用处置' });
    await input(form, '环境风险等级').selectOption({ label: '较大' });
    await input(form, '高危行业').check();
    await input(form, '主要负责人').fill('赵总');
    await form.getByRole('button', { name: '提交' }).click();
    await expect(problem(form, '统一社会信用代码').textContent()).resolves.toContain('统一社会信用代码不正确');
    await expect(input(form, '企业名称').inputValue()).resolves.toBe('晋城记录测试危废处置有限公司');
    await shot(county, 'enterprise');
    expect((await api(`/api/enterprises/${BAD_CODE}`)).status).toBe(404);

    await input(form, '统一社会信用代码').fill(CODE);
    await form.getByRole('button', { name: '提交' }).click();
    await row(county, 'enterprises', 'creditCode', CODE).waitFor();
    const e = await json<Record<string, unknown>>(`/api/enterprises/${CODE}`);
    expect(e).toMatchObject({ name: '晋城记录测试危废处置有限公司', unitCode: ZEZHOU, industry: 'hw_operator', riskLevel: 'larger', highRisk: true, mainLeader: '赵总' });
  }, SLOW);

  it('records an inspection with two signers and two findings; a future date is refused beside 检查日期', async () => {
    await openTab(county, 'inspections', '检查');
    const form = county.getByTestId('form-inspection');
    await input(form, '检查编号').fill('REC-INS-1');
    await input(form, '企业 (统一社会信用代码)').fill(CODE);
    await input(form, '检查日期').fill('2099-01-01');
    await input(form, '签字人').fill('张三；李四');
    await input(form, '发现重大事故隐患数').fill('0');
    await input(form, '主要负责人未带队检查').check();
    await input(form, '特种作业无证上岗').check();
    await form.getByRole('button', { name: '提交' }).click();
    await expect(problem(form, '检查日期').textContent()).resolves.toContain('日期不能晚于今天');
    await expect(input(form, '签字人').inputValue()).resolves.toBe('张三；李四');
    await expect(input(form, '特种作业无证上岗').isChecked()).resolves.toBe(true);
    await shot(county, 'inspection');

    await input(form, '检查日期').fill('2023-08-10');
    await form.getByRole('button', { name: '提交' }).click();
    await row(county, 'inspections', 'id', 'REC-INS-1').waitFor();
    const i = await json<Record<string, unknown>>('/api/inspections/REC-INS-1');
    expect(i).toMatchObject({ unitCode: ZEZHOU, enterpriseCreditCode: CODE, inspectedOn: '2023-08-10', signedBy: ['张三', '李四'], majorHazardsFound: 0, correctsInspectionId: null });
    expect([...(i.findings as string[])].sort()).toEqual(['no_leader_inspection', 'uncertified_special_work']);
  }, SLOW);

  it('corrects the signed inspection by a new record that the list shows correcting the old', async () => {
    await row(county, 'inspections', 'id', 'REC-INS-1').getByRole('button', { name: '更正' }).click();
    const form = county.getByTestId('form-correction');
    await input(form, '更正理由').fill('重大事故隐患数填写错误');
    await input(form, '签字人').fill('张三');
    await input(form, '新记录检查编号').fill('REC-INS-2');
    await input(form, '发现重大事故隐患数').fill('1');
    await input(form, '特种作业无证上岗').uncheck();
    await shot(county, 'correction');
    await form.getByRole('button', { name: '提交' }).click();
    await row(county, 'inspections', 'id', 'REC-INS-2').locator('td[data-col="correction"]', { hasText: '更正 REC-INS-1' }).waitFor();
    await row(county, 'inspections', 'id', 'REC-INS-1').locator('td[data-col="correction"]', { hasText: '已被 REC-INS-2 更正' }).waitFor();

    const corrected = await json<Record<string, unknown>>('/api/inspections/REC-INS-2');
    expect(corrected).toMatchObject({ correctsInspectionId: 'REC-INS-1', signedBy: ['张三'], majorHazardsFound: 1, inspectedOn: '2023-08-10', findings: ['no_leader_inspection'] });
    const current = await json<Listed<{ inspectionId: string }>>(`/api/inspections?enterprise=${CODE}&current=true`);
    expect(current.items.map((x) => x.inspectionId)).toEqual(['REC-INS-2']);
    const original = await json<Record<string, unknown>>('/api/inspections/REC-INS-1');
    expect(original).toMatchObject({ correctedBy: 'REC-INS-2', majorHazardsFound: 0, signedBy: ['张三', '李四'] });
  }, SLOW);

  it('records a penalty with its amount; the same id again is refused (CONFLICT) beside 执法编号', async () => {
    await openTab(county, 'actions', '执法');
    const box = county.getByTestId('form-action');
    await box.getByLabel('执法类型').selectOption({ label: '行政处罚' });
    const fill = async () => {
      await input(box, '执法编号').fill('REC-ACT-1');
      await input(box, '执法日期').fill('2023-08-12');
      await input(box, '企业 (统一社会信用代码)').fill(CODE);
      await input(box, '罚款（万元）').fill('2.5');
    };
    await fill();
    // a penalty needs no target unit and no persons
    await expect(box.getByLabel('对象单位').count()).resolves.toBe(0);
    await expect(box.getByLabel('人数').count()).resolves.toBe(0);
    await box.getByRole('button', { name: '提交' }).click();
    await row(county, 'actions', 'id', 'REC-ACT-1').waitFor();
    const a = await json<Record<string, unknown>>('/api/actions/REC-ACT-1');
    expect(a).toMatchObject({ unitCode: ZEZHOU, kind: 'penalty', actedOn: '2023-08-12', enterpriseCreditCode: CODE, amountWan: 2.5, persons: 1 });

    await fill();
    await input(box, '罚款（万元）').fill('9');
    await box.getByRole('button', { name: '提交' }).click();
    await expect(problem(box, '执法编号').textContent()).resolves.toContain('记录已存在');
    await expect(input(box, '罚款（万元）').inputValue()).resolves.toBe('9');
    await shot(county, 'action');
    expect((await json<Record<string, unknown>>('/api/actions/REC-ACT-1')).amountWan).toBe(2.5);
  }, SLOW);

  it('corrects the penalty in place (更正): a future date refused beside 执法日期, then the new date and amount saved', async () => {
    await row(county, 'actions', 'id', 'REC-ACT-1').getByRole('button', { name: '更正' }).click();
    const form = county.getByTestId('form-action-correction');
    // the form starts from the action as the API holds it
    const before = await json<{ actedOn: string; amountWan: number; enterpriseCreditCode: string }>('/api/actions/REC-ACT-1');
    await expect(input(form, '执法日期').inputValue()).resolves.toBe(before.actedOn);
    await expect(input(form, '罚款（万元）').inputValue()).resolves.toBe(String(before.amountWan));
    await expect(input(form, '企业 (统一社会信用代码)').inputValue()).resolves.toBe(before.enterpriseCreditCode);
    await input(form, '执法日期').fill('2099-01-01');
    await input(form, '罚款（万元）').fill('3.75');
    await form.getByRole('button', { name: '保存' }).click();
    await expect(problem(form, '执法日期').textContent()).resolves.toContain('日期不能晚于今天');
    await expect(input(form, '罚款（万元）').inputValue()).resolves.toBe('3.75');
    await shot(county, 'action-correction');
    expect(await json<Record<string, unknown>>('/api/actions/REC-ACT-1')).toMatchObject({ actedOn: '2023-08-12', amountWan: 2.5 });

    await input(form, '执法日期').fill('2023-08-14');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    const after = await json<{ actedOn: string; amountWan: number }>('/api/actions/REC-ACT-1');
    expect(after).toMatchObject({ unitCode: ZEZHOU, kind: 'penalty', actedOn: '2023-08-14', enterpriseCreditCode: CODE, amountWan: 3.75, persons: 1 });
    // the list shows what the API now holds
    const listed = row(county, 'actions', 'id', 'REC-ACT-1');
    await listed.locator('td[data-col="date"]', { hasText: after.actedOn }).waitFor();
    await expect(listed.locator('td[data-col="amount"]').textContent()).resolves.toBe(formatScore(after.amountWan));
  }, SLOW);

  it('adds a leader, changes the role, and records the leader inspection with a leader of the roster', async () => {
    await openTab(county, 'leaders', '领导');
    const form = county.getByTestId('form-leader');
    await input(form, '姓名').fill('王记录');
    await input(form, '职务').selectOption({ label: '主要负责同志' });
    await shot(county, 'leader');
    await form.getByRole('button', { name: '提交' }).click();
    const leaderRow = row(county, 'leaders', 'name', '王记录');
    await leaderRow.getByRole('button', { name: '改为班子成员' }).click();
    await leaderRow.locator('td[data-col="role"]', { hasText: '班子成员' }).waitFor();
    const roster = await json<Listed<{ name: string; role: string }>>(`/api/leaders?unit=${ZEZHOU}&pageSize=500`);
    expect(roster.items.find((l) => l.name === '王记录')).toEqual({ unitCode: ZEZHOU, name: '王记录', role: 'member' });

    await openTab(county, 'leader-inspections', '领导检查');
    const li = county.getByTestId('form-leader-inspection');
    await input(li, '领导').selectOption({ label: '王记录（班子成员）' });
    await input(li, '检查日期').fill('2023-08-15');
    await input(li, '企业 (统一社会信用代码)').fill(CODE);
    await shot(county, 'leader-inspection');
    await li.getByRole('button', { name: '提交' }).click();
    await row(county, 'leader-inspections', 'leader', '王记录').waitFor();
    const done = await json<Listed<Record<string, unknown>>>(`/api/leader-inspections?unit=${ZEZHOU}&leader=${encodeURIComponent('王记录')}`);
    expect(done.items).toEqual([expect.objectContaining({ unitCode: ZEZHOU, leaderName: '王记录', inspectedOn: '2023-08-15', enterpriseCreditCode: CODE })]);
  }, SLOW);

  it('records a drill and a monthly report, and the month’s report from the county page', async () => {
    await openTab(county, 'drills', '演练');
    const drill = county.getByTestId('form-drill');
    await input(drill, '企业 (统一社会信用代码)').fill(CODE);
    await input(drill, '演练日期').fill('2023-08-20');
    await shot(county, 'drill');
    await drill.getByRole('button', { name: '提交' }).click();
    await row(county, 'drills', 'enterprise', CODE).waitFor();
    const drills = await json<Listed<Record<string, unknown>>>(`/api/drills?enterprise=${CODE}`);
    expect(drills.items).toEqual([expect.objectContaining({ enterpriseCreditCode: CODE, unitCode: ZEZHOU, drilledOn: '2023-08-20' })]);

    const sent = `/api/submissions?unit=${ZEZHOU}&kind=monthly_report&period=2023-09`;
    const before = (await json<Listed<unknown>>(sent)).total;
    await openTab(county, 'submissions', '报送');
    const box = county.getByTestId('form-submission');
    await box.getByLabel('类型').selectOption('monthly_report');
    await input(box, '所属月份').fill('2023-09');
    await input(box, '报送日期').fill('2023-09-27');
    await shot(county, 'submission');
    await box.getByRole('button', { name: '提交' }).click();
    await until(async () => (await json<Listed<unknown>>(sent)).total === before + 1);
    expect((await json<Listed<{ submittedOn: string }>>(sent)).items.map((s) => s.submittedOn)).toContain('2023-09-27');

    // the shortcut on the county page: this month's report, sent once
    const month = todayCst().slice(0, 7);
    await county.goto(`${server.baseUrl}/county/${ZEZHOU}`);
    await county.getByTestId('monthly-report').getByRole('button', { name: '报送' }).click();
    await shot(county, 'monthly-report');
    await county.getByTestId('form-monthly-report').getByRole('button', { name: '提交' }).click();
    await county.getByTestId('monthly-report-done').waitFor();
    const now = await json<Listed<{ submittedOn: string }>>(`/api/submissions?unit=${ZEZHOU}&kind=monthly_report&period=${month}`);
    expect(now.items.map((s) => s.submittedOn)).toEqual([todayCst()]);
  }, SLOW);

  it('shows an inspector only the inspection form, the city office the unit to pick, a viewer no form at all', async () => {
    // seen on a phone (390 px): the records page itself never scrolls sideways (tables scroll inside their
    // frame; the top bar's phone layout is the shell's)
    const formsOn = async (page: Page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      const shown: string[] = [];
      for (const kind of KINDS) {
        await page.goto(`${server.baseUrl}/records/${kind}`);
        await page.locator('.table, .empty-line').first().waitFor();
        if (await page.locator('form, [data-testid^="form-"]').count()) shown.push(kind);
        const [wide, room] = (await page.evaluate(`[document.querySelector('.page').scrollWidth, document.querySelector('.page').clientWidth]`)) as number[];
        expect([kind, wide <= room && room < 390]).toEqual([kind, true]);
      }
      return shown;
    };
    const inspector = await signIn('zezhou-inspector', await server.createUser('zezhou-inspector', 'inspector', ZEZHOU));
    expect(await formsOn(inspector)).toEqual(['inspections']);
    await inspector.goto(`${server.baseUrl}/records/inspections`);
    await inspector.getByTestId('form-inspection').waitFor();
    await shot(inspector, 'inspector');
    await inspector.close();

    // the city office picks the unit a record is written for
    const admin = await signIn('admin', server.adminPassword);
    await admin.goto(`${server.baseUrl}/records/enterprises`);
    await input(admin.getByTestId('form-enterprise'), '属地单位').locator('option', { hasText: '泽州县' }).waitFor({ state: 'attached' });
    await admin.goto(`${server.baseUrl}/records/inspections`);
    await input(admin.getByTestId('form-inspection'), '检查单位').waitFor();
    await shot(admin, 'city');
    await admin.close();

    const viewerPassword = await server.createUser('records-viewer', 'viewer');
    const viewer = await signIn('records-viewer', viewerPassword);
    expect(await formsOn(viewer)).toEqual([]);
    // no 更正 beside an action for a reader, and its forged PATCH refused
    await viewer.goto(`${server.baseUrl}/records/actions`);
    await viewer.getByTestId('actions').locator('tbody tr').first().waitFor();
    expect(await viewer.getByRole('button', { name: '更正' }).count()).toBe(0);
    const forged = await (await server.login('records-viewer', viewerPassword))('/api/actions/REC-ACT-1', { method: 'PATCH', body: JSON.stringify({ amountWan: 99 }) });
    expect(forged.status).toBe(403);
    expect((await json<{ amountWan: number }>('/api/actions/REC-ACT-1')).amountWan).toBe(3.75);
    await shot(viewer, 'viewer');
    await viewer.close();
  }, SLOW * 2);
});
