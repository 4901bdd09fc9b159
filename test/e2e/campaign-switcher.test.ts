// The campaign switcher in a real Chromium (issue 15, item 1): with the 2023 sample and the 2024 campaign's
// bundle in one database, the top bar's 行动 switcher lists GET /api/campaigns, every page's month picker
// lists the months of the chosen campaign, and a page of month m shows the figures of the campaign that
// assesses m (compared with GET /api/scores). One browser, the admin signs in once.
// Screenshot: test/artifacts/campaign-switcher.png.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import type { Campaign, Ranking } from '../../dashboard/src/api/types.js';
import { formatScore } from '../../dashboard/src/format.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from '../support/chromium.js';

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
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(SLOW);
    await page.goto(`${server.baseUrl}/`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(server.adminPassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForSelector('nav[aria-label="主导航"]');
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
});
