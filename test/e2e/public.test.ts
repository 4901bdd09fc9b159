// 三公开 in a real Chromium against the real server (sample ledger): the city office releases 2023-12 with
// the button on the ranking page; then a browser with no session opens /public, which shows every hazard
// of the month-end list exactly as GET /api/public/hazards gives it and none of the names the ledger
// holds (trackers, responsible persons, closers, signers, leaders). Screenshot: test/artifacts/public-hazards.png.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { PublicHazards } from '../../api/src/public/public-hazards.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from '../support/chromium.js';
import { fillSignIn } from '../support/sign-in.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const MONTH = '2023-12';

describeWith(['chromium'], '三公开 page in a browser, without sign-in', () => {
  let server: TestServer;
  let browser: Browser;
  let api: (p: string) => Promise<Response>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    api = await server.login('admin', server.adminPassword);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  }

  it('the city office releases the month with the button on the ranking page', async () => {
    const office = await newPage();
    await fillSignIn(office, server.baseUrl, 'admin', server.adminPassword);
    await office.goto(`${server.baseUrl}/ranking?month=${MONTH}`);
    await office.getByRole('button', { name: '向社会公开隐患清单' }).click();
    await office.getByTestId('public-release-confirm').getByRole('button', { name: '确认', exact: true }).click();
    await office.getByText('本月隐患清单已公开').waitFor();
    const releases = (await (await fetch(`${server.baseUrl}/api/public/releases`)).json()) as { month: string }[];
    expect(releases.map((r) => r.month)).toEqual([MONTH]);
    await office.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('shows every released hazard as the API gives it, with no signer or responsible person, to a browser with no session', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.baseUrl}/public?month=${MONTH}`);
    await page.waitForSelector('[data-testid="public-summary"]');
    // no session: nothing was stored, and the signed-in API refuses this browser
    // (the root tsconfig has no DOM types: the page's storages, typed by hand)
    expect(await page.evaluate(() => {
      const g = globalThis as unknown as { localStorage: { length: number }; sessionStorage: { length: number } };
      return g.localStorage.length + g.sessionStorage.length;
    })).toBe(0);
    expect(await page.evaluate(async () => (await fetch('/api/hazards')).status)).toBe(401);

    const expected = (await (await fetch(`${server.baseUrl}/api/public/hazards?month=${MONTH}`)).json()) as PublicHazards;
    const shown = await page.$$eval('[data-unit]', (sections) => sections.map((s) => ({
      unit: s.getAttribute('data-unit'),
      rows: [...s.querySelectorAll('tbody tr')].map((tr) => ['ledgerNo', 'enterprise', 'category', 'listing', 'deadline', 'state'].map((c) => tr.querySelector(`[data-col="${c}"]`)?.textContent)),
    })));
    expect(shown).toEqual(expected.units.map((u) => ({
      unit: u.unit,
      rows: u.hazards.map((h) => [h.ledgerNo, h.enterprise, h.category ?? '–', h.listing ?? '未挂牌', h.deadline ?? '–', h.state]),
    })));
    const total = expected.units.reduce((n, u) => n + u.hazards.length, 0);
    expect(total).toBeGreaterThan(50);
    await expect(page.getByTestId('public-summary').textContent()).resolves.toContain(`共 ${total} 个重大事故隐患`);

    const ds = server.t.db.dataSource;
    const names: string[] = (await ds.query(`
      SELECT tracker AS n FROM hazards UNION SELECT responsible_person FROM hazards UNION SELECT closed_by FROM hazards
      UNION SELECT signer FROM hazard_signoffs UNION SELECT unnest(signed_by) FROM inspections UNION SELECT name FROM leaders
      UNION SELECT main_leader FROM enterprises`)).map((r: { n: string | null }) => r.n).filter((n: string | null): n is string => !!n && n.length >= 2);
    expect(names.length).toBeGreaterThan(10);
    const text = await page.locator('body').innerText();
    // the check can fail: the office's file of the same month names them
    const office = await (await api(`/api/exports/hazards.csv?month=${MONTH}`)).text();
    expect(names.filter((n) => office.includes(n)).length).toBeGreaterThan(10);
    expect(names.filter((n) => text.includes(n))).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'public-hazards.png'), fullPage: false });
    console.log(`三公开 ${MONTH}: ${expected.units.length} units, ${total} hazards shown without a session; ${names.length} names of the ledger checked absent`);
    await context.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
