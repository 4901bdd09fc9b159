// The campaign switcher in a real Chromium (issue 15, item 1): with the 2023 sample and the 2024 campaign's
// bundle in one database, the top bar's 行动 switcher lists GET /api/campaigns, every page's month picker
// lists the months of the chosen campaign, and a page of month m shows the figures of the campaign that
// assesses m (compared with GET /api/scores). The office's 行动设置 on the 方案 page creates a campaign
// (checked with GET /api/campaigns) and sets its phases (checked with GET /api/coverage). One browser,
// the admin signs in once. Screenshots: test/artifacts/campaign-switcher.png, campaign-settings.png.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import type { Campaign, CoverageJson, Ranking } from '../../dashboard/src/api/types.js';
import { formatScore } from '../../dashboard/src/format.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from '../support/chromium.js';
import { signIn } from '../support/sign-in.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const SAMPLE_2024 = path.join(ROOT, 'test/fixtures/jincheng-2024-sample/bundle');
const SLOW = 120_000;

describeWith(['chromium'], 'the campaign switcher in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let api: (p: string) => Promise<Response>;
  let page: Page;
  let campaigns: Campaign[];

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    await importBundle(server.t.db.dataSource, SAMPLE_2024, { actor: 'test' });
    api = await server.login('admin', server.adminPassword);
    campaigns = await json<Campaign[]>('/api/campaigns');
    browser = await launchChromium();
    page = await signIn(browser, server.baseUrl, 'admin', server.adminPassword, { timeout: SLOW });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function json<T>(p: string): Promise<T> {
    const r = await api(p);
    if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }
  const settled = () => page.locator('.state-loading').first().waitFor({ state: 'detached' });
  const options = (testId: string) => page.getByTestId(testId).locator('option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
  const month = () => page.getByTestId('month-select').inputValue();

  /** The ranking table as shown (unit, rank, total) against GET /api/scores of the month shown. */
  async function expectRankingOfApi(): Promise<string> {
    await settled();
    const m = await month();
    const want = await json<Ranking>(`/api/scores?month=${m}`);
    const rows = page.getByTestId('ranking-row');
    await rows.nth(want.units.length - 1).waitFor();
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-unit'), tr.querySelector('[data-col="rank"]')!.textContent!.trim(), tr.querySelector('[data-col="total"]')!.textContent!.trim()]));
    expect(shown).toEqual(want.units.map((u) => [u.unit, String(u.rank), formatScore(u.total)]));
    return m;
  }

  it('lists the campaigns, and the month picker the months of the chosen one', async () => {
    expect(campaigns.map((c) => c.code)).toEqual(['jincheng-2023', 'jincheng-2024']);
    await page.getByRole('link', { name: '排名' }).click();
    await page.waitForURL(/\/ranking/);
    // under load the page may not have drawn its pickers yet: read them once they are there
    await page.getByTestId('month-select').locator('option').first().waitFor({ state: 'attached' });
    expect(await options('campaign-select')).toEqual(campaigns.map((c) => c.code));
    // the latest campaign first
    expect(await page.getByTestId('campaign-select').inputValue()).toBe('jincheng-2024');
    expect(await options('month-select')).toEqual(campaigns[1].months);
    expect(campaigns[1].months[0]).toBe('2024-05');
    expect(await expectRankingOfApi()).toMatch(/^2024-/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'campaign-switcher.png'), fullPage: true });

    await page.getByTestId('campaign-select').selectOption('jincheng-2023');
    await page.waitForURL(/campaign=jincheng-2023/);
    expect(await options('month-select')).toEqual(campaigns[0].months);
    expect(await expectRankingOfApi()).toMatch(/^2023-/);
    await page.getByTestId('month-select').selectOption('2023-08');
    await page.waitForURL(/month=2023-08/);
    expect(await expectRankingOfApi()).toBe('2023-08');
  }, 300_000);

  it('opens a page of month m with the campaign that assesses m', async () => {
    await page.goto(`${server.baseUrl}/ranking?campaign=jincheng-2023&month=2024-08`);
    await settled();
    expect(await page.getByTestId('campaign-select').inputValue()).toBe('jincheng-2024');
    expect(await options('month-select')).toEqual(campaigns[1].months);
    expect(await expectRankingOfApi()).toBe('2024-08');
    await page.goto(`${server.baseUrl}/dispatch?month=2023-10`);
    await settled();
    expect(await page.getByTestId('campaign-select').inputValue()).toBe('jincheng-2023');
    expect(await options('month-select')).toEqual(campaigns[0].months);
  }, 300_000);

  it('creates a campaign through the 行动设置 form and sets its phases', async () => {
    const NEW = { code: 'e2e-2030', name: '危险废物领域重大事故隐患专项排查整治2030行动', startOn: '2030-04-20', endOn: '2030-12-31', firstMonth: '2030-05', lastMonth: '2030-12', stageReportDue: '2030-08-09', summaryDue: '' };
    await page.goto(`${server.baseUrl}/scheme?campaign=jincheng-2024`);
    await page.getByTestId('campaign-settings').waitFor();
    await settled();
    await page.getByTestId('campaign-create').getByRole('button', { name: '新建行动' }).click();
    const form = page.getByTestId('campaign-create-form');
    const labels: Record<keyof typeof NEW, string> = {
      code: '行动代码', name: '行动名称', startOn: '开始日期', endOn: '结束日期', firstMonth: '首个考核月份', lastMonth: '最后考核月份',
      stageReportDue: '阶段性情况报送截止日', summaryDue: '工作总结报送截止日',
    };
    for (const [k, label] of Object.entries(labels)) await form.getByLabel(label).fill(NEW[k as keyof typeof NEW]);
    await form.getByRole('button', { name: '确定' }).click();
    // the page opens afresh on the new campaign: the switcher lists it
    await page.waitForURL(/\/scheme\?campaign=e2e-2030$/);
    await settled();
    expect(await page.getByTestId('campaign-select').inputValue()).toBe('e2e-2030');
    const listed = (await json<Campaign[]>('/api/campaigns')).find((c) => c.code === NEW.code);
    expect(listed).toEqual({ ...NEW, summaryDue: null, months: ['2030-05', '2030-06', '2030-07', '2030-08', '2030-09', '2030-10', '2030-11', '2030-12'] });

    // no phases yet: the notice's, on 2030, prefilled; the office moves the county coverage's end and the spot check's share
    const phases = page.getByTestId('campaign-phases-form');
    await expect(phases.getByLabel('动员部署 开始').inputValue()).resolves.toBe('2030-04-20');
    await phases.getByLabel('县级全覆盖检查 结束').fill('2030-08-25');
    await phases.getByLabel('市级抽查检查 要求比例（%）').fill('25');
    await phases.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('campaign-phases-saved').waitFor();
    await page.getByTestId('campaign-settings').screenshot({ path: path.join(ARTIFACTS, 'campaign-settings.png') });
    const coverage = await json<CoverageJson>('/api/coverage?month=2030-08');
    expect(coverage.campaign).toBe(NEW.code);
    const byKey = new Map(coverage.phases.map((p) => [p.key, p]));
    expect([...byKey.keys()].sort()).toEqual(['city_spot_check', 'consolidation', 'county_coverage', 'enforcement', 'mobilisation', 'self_check']);
    expect(byKey.get('county_coverage')).toMatchObject({ startOn: '2030-07-01', endOn: '2030-08-25', withinPhase: 'enforcement', requiredPercent: 100, inspectedBy: 'unit' });
    expect(byKey.get('city_spot_check')).toMatchObject({ startOn: '2030-09-01', endOn: '2030-11-30', requiredPercent: 25, inspectedBy: 'parent' });
    expect(byKey.get('consolidation')).toMatchObject({ startOn: '2030-12-01', endOn: '2030-12-31' });
  }, 300_000);
});
