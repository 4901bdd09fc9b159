// The pages people already use, on a phone (390×844) in a real Chromium against the real server: no page
// scrolls sideways, the ledger's search, reversed sort and CSV are the API's, and the session is shared by
// the tabs of a browser (a new tab is signed in; 退出 in one signs out the other). One browser, one admin
// sign-in reused for every check, one county sign-in for its own pages. Screenshots: test/artifacts/phone-*.png.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from '../support/chromium.js';
import { fillSignIn } from '../support/sign-in.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const PHONE = { width: 390, height: 844 };
const MONTH = '2023-08';
const ZEZHOU = '140525';
// the first computation of a month's scores by the analytics engine can take several seconds
const SLOW = 120_000;

interface Item { ledgerNo: string; enterpriseName: string }
interface Width { page: string; scrollWidth: number; widest: string }

describeWith(['chromium'], 'the dashboard on a phone (390×844)', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let api: (p: string) => Promise<Response>;
  let ledgerNo: string;
  const widths: Width[] = [];

  beforeAll(async () => {
    // the server serves dashboard/dist when it exists at start: build it first, from the sources under test
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    api = await server.login('admin', server.adminPassword);
    browser = await launchChromium();
    admin = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', acceptDownloads: true, isMobile: true, hasTouch: true });
    page = await admin.newPage();
    page.setDefaultTimeout(SLOW);
    ledgerNo = ((await (await api(`/api/hazards?unit=${ZEZHOU}&pageSize=1`)).json()) as { items: Item[] }).items[0].ledgerNo;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (p: Page, name: string) => p.screenshot({ path: path.join(ARTIFACTS, `phone-${name}.png`), fullPage: true });

  /** the document's width, and when too wide the element that reaches furthest right outside any scroll box */
  const measure = (p: Page, name: string): Promise<Width> =>
    p.evaluate(({ name, limit }) => {
      // the root tsconfig has no DOM types: the few the page offers, typed by hand
      type El = { tagName: string; className: unknown; parentElement: El | null; getBoundingClientRect(): { right: number } };
      const g = globalThis as unknown as {
        document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): Iterable<El> };
        getComputedStyle(e: El): { overflowX: string };
      };
      const scrollWidth = g.document.documentElement.scrollWidth;
      let widest = '';
      if (scrollWidth > limit) {
        const clipped = (e: El) => {
          for (let a = e.parentElement; a; a = a.parentElement) if (['auto', 'scroll', 'hidden', 'clip'].includes(g.getComputedStyle(a).overflowX)) return true;
          return false;
        };
        let right = 0;
        for (const el of g.document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect().right;
          if (r > right && !clipped(el)) [right, widest] = [r, `${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')} (right edge ${Math.round(r)} px)`];
        }
      }
      return { page: name, scrollWidth, widest };
    }, { name, limit: PHONE.width });

  /** opens a path, waits for its content and records its width */
  async function visit(p: Page, name: string, url: string, selector: string): Promise<void> {
    await p.goto(`${server.baseUrl}${url}`);
    await p.waitForSelector(selector);
    await p.locator('.state-loading').first().waitFor({ state: 'detached' });
    expect({ name, errors: await p.locator('.state-error').count() }).toEqual({ name, errors: 0 });
    widths.push(await measure(p, name));
    await shot(p, name);
  }

  /** on failure: which page, how wide, and what reaches furthest right outside a scroll box */
  const expectNoneTooWide = () => expect(widths.filter((w) => w.scrollWidth > PHONE.width)).toEqual([]);

  async function signIn(p: Page, username: string, password: string): Promise<void> {
    await p.goto(`${server.baseUrl}/`);
    await p.waitForSelector('#login-title');
    widths.push(await measure(p, 'sign-in'));
    await shot(p, 'sign-in');
    await fillSignIn(p, server.baseUrl, username, password, { open: false });
  }

  it('signs in and shows every page no wider than the screen, the nav behind 菜单', async () => {
    await signIn(page, 'admin', server.adminPassword);
    const pages: [string, string, string][] = [
      ['ranking', `/ranking?month=${MONTH}`, '[data-testid="ranking-row"]'],
      ['county-index', `/county?month=${MONTH}`, '.unit-grid, .page h1'],
      ['county', `/county/${ZEZHOU}?month=${MONTH}`, '[data-testid="county-kpis"]'],
      ['ledger', '/ledger', '[data-testid="hazard-table"]'],
      ['hazard', `/ledger/${encodeURIComponent(ledgerNo)}`, '[data-testid="hazard-timeline"]'],
      ['trace', '/trace?month=2023-10', '[data-testid="trace-missed"], [data-testid="trace-missed-empty"]'],
      ['case-three', `/trace/${encodeURIComponent(ledgerNo)}`, '[data-testid="case-three"]'],
      ['dispatch', `/dispatch?month=${MONTH}`, '[data-testid="dispatch-form"]'],
      ['dispatch-all', `/dispatch?month=${MONTH}&view=all`, '[data-testid="dispatch-matrix"]'],
      ['board', '/board?month=2023-09', '[data-testid="board"]'],
      ['not-found', '/no-such-page', '.state-empty'],
    ];
    for (const [name, url, selector] of pages) await visit(page, name, url, selector);
    expect(widths.map((w) => w.page)).toEqual(['sign-in', ...pages.map(([name]) => name)]);
    expectNoneTooWide();

    // the menu: folded on a phone, opened by 菜单, every item on the screen, folded again once a page is chosen
    const nav = page.locator('nav[aria-label="主导航"]');
    await expect(nav.isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: '菜单' }).click();
    await expect(nav.isVisible()).resolves.toBe(true);
    for (const box of await nav.getByRole('link').evaluateAll((links) => links.map((a) => (a as unknown as { getBoundingClientRect(): { left: number; right: number } }).getBoundingClientRect())))
      expect(box.left >= 0 && box.right <= PHONE.width).toBe(true);
    widths.push(await measure(page, 'menu-open'));
    await shot(page, 'menu-open');
    expectNoneTooWide();
    await nav.getByRole('link', { name: '台账' }).click();
    await page.waitForURL(/\/ledger$/);
    await expect(nav.isVisible()).resolves.toBe(false);
  }, 600_000);

  it('shows a county user its own pages no wider than the screen', async () => {
    const password = await server.createUser('zezhou-phone', 'county_branch', ZEZHOU);
    const county = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const p = await county.newPage();
    p.setDefaultTimeout(SLOW);
    await signIn(p, 'zezhou-phone', password);
    await p.waitForSelector('[data-testid="county-kpis"]');
    await visit(p, 'county-user-own', `/county/${ZEZHOU}?month=${MONTH}`, '[data-testid="county-kpis"]');
    await visit(p, 'county-user-ledger', '/ledger', '[data-testid="hazard-table"]');
    await visit(p, 'county-user-dispatch', `/dispatch?month=${MONTH}`, '[data-testid="dispatch-form"]');
    await county.close();
    expectNoneTooWide();
  }, 300_000);

  it('finds hazards by part of an enterprise name, as GET /api/hazards?q= does', async () => {
    const items = ((await (await api(`/api/hazards?unit=${ZEZHOU}&pageSize=5`)).json()) as { items: Item[] }).items;
    const part = items[0].enterpriseName.slice(1, -1);
    await page.goto(`${server.baseUrl}/ledger`);
    await page.getByLabel('搜索').fill(part);
    await page.waitForURL((u) => u.searchParams.get('q') === part);
    await page.locator('.state-loading').first().waitFor({ state: 'detached' });
    const expected = ((await (await api(`/api/hazards?q=${encodeURIComponent(part)}&sort=-found_on&page=1&pageSize=20`)).json()) as { items: Item[] }).items;
    expect(expected.length).toBeGreaterThan(0);
    await page.waitForFunction((n) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('[data-testid="hazard-row"]').length === n, expected.length);
    const shown = await page.$$eval('[data-testid="hazard-row"] td:first-child', (cells) => cells.map((c) => c.textContent?.trim()));
    expect(shown).toEqual(expected.map((i) => i.ledgerNo));
    for (const i of expected) expect(i.enterpriseName.includes(part) || i.ledgerNo.includes(part)).toBe(true);
    await shot(page, 'ledger-search');
  }, 120_000);

  it('reverses a sort on a second click, in the API\'s reverse order, and downloads what the filters show', async () => {
    await page.goto(`${server.baseUrl}/ledger?unit=${ZEZHOU}`);
    await page.waitForSelector('[data-testid="hazard-row"]');
    const header = page.getByRole('columnheader', { name: /台账编号/ });
    const rows = () => page.$$eval('[data-testid="hazard-row"] td:first-child', (cells) => cells.map((c) => c.textContent?.trim()));
    const apiRows = async (sort: string) => ((await (await api(`/api/hazards?unit=${ZEZHOU}&sort=${sort}&page=1&pageSize=20`)).json()) as { items: Item[] }).items.map((i) => i.ledgerNo);

    await header.getByRole('button').click();
    await page.waitForURL(/sort=ledger_no/);
    await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.waitForSelector('[data-testid="hazard-row"]');
    const ascending = await apiRows('ledger_no');
    await page.waitForFunction((first) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="hazard-row"] td')?.textContent?.trim() === first, ascending[0]);
    expect(await rows()).toEqual(ascending);

    await header.getByRole('button').click();
    await page.waitForURL(/sort=-ledger_no/);
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    const descending = await apiRows('-ledger_no');
    await page.waitForFunction((first) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid="hazard-row"] td')?.textContent?.trim() === first, descending[0]);
    expect(await rows()).toEqual(descending);
    // the API's reverse: ledger numbers are unique, so the whole reversed list is the other direction's
    const all = async (sort: string) => ((await (await api(`/api/hazards?unit=${ZEZHOU}&sort=${sort}&pageSize=500`)).json()) as { items: Item[] }).items.map((i) => i.ledgerNo);
    expect(await all('-ledger_no')).toEqual((await all('ledger_no')).reverse());
    await shot(page, 'ledger-sorted');

    // the CSV button: the same filters and order, every page, byte for byte the API's file
    await page.getByLabel('状态').selectOption('open');
    await page.waitForURL(/status=open/);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^⇩ 台账 CSV$/ }).click()]);
    const saved = fs.readFileSync(await file.path());
    const expected = Buffer.from(await (await api(`/api/exports/hazards.csv?unit=${ZEZHOU}&status=open&sort=-ledger_no`)).arrayBuffer());
    expect(saved.equals(expected)).toBe(true);
    expect(saved.toString('utf8').split('\n').filter(Boolean).length).toBeGreaterThan(1);
  }, 180_000);

  it('prints ranking, county, dispatch and traceback on A4 landscape, without nav or buttons, charts unsplit', async () => {
    // a desktop tab of the same signed-in browser: printing is done from the office screen
    const desk = await admin.newPage();
    await desk.setViewportSize({ width: 1366, height: 768 });
    desk.setDefaultTimeout(SLOW);
    const views: [string, string, string][] = [
      ['ranking', `/ranking?month=${MONTH}`, '[data-testid="ranking-row"]'],
      ['county', `/county/${ZEZHOU}?month=${MONTH}`, '[data-testid="county-kpis"]'],
      ['dispatch', `/dispatch?month=${MONTH}&view=all`, '[data-testid="dispatch-matrix"]'],
      ['trace', '/trace?month=2023-10', '[data-testid="trace-missed"], [data-testid="trace-missed-empty"]'],
    ];
    for (const [name, url, selector] of views) {
      await desk.emulateMedia({ media: 'screen' });
      await desk.goto(`${server.baseUrl}${url}`);
      await desk.waitForSelector(selector);
      await desk.locator('.state-loading').first().waitFor({ state: 'detached' });
      await desk.emulateMedia({ media: 'print' });
      const shown = await desk.evaluate(() => {
        type El = { checkVisibility(): boolean; getBoundingClientRect(): { height: number } };
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<El> } }).document;
        const visible = (s: string) => [...doc.querySelectorAll(s)].filter((e) => e.checkVisibility() && e.getBoundingClientRect().height > 0).length;
        return { nav: visible('nav, .topbar'), buttons: visible('button, select'), charts: visible('.chart') };
      });
      expect({ name, nav: shown.nav, buttons: shown.buttons }).toEqual({ name, nav: 0, buttons: 0 });
      const pdf = await desk.pdf({ path: path.join(ARTIFACTS, `print-${name}.pdf`), preferCSSPageSize: true, printBackground: true });
      // A4 landscape is 842 × 595 points
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
      expect({ name, width: Math.round(Number(box?.[1])), height: Math.round(Number(box?.[2])) }).toEqual({ name, width: 842, height: 595 });
      if (shown.charts) {
        const chart = await desk.locator('.chart').first().evaluate((e) => {
          const st = (globalThis as unknown as { getComputedStyle(e: unknown): { breakInside: string } }).getComputedStyle(e);
          return st.breakInside;
        });
        expect({ name, chart }).toEqual({ name, chart: 'avoid' });
      }
    }
    await desk.close();
  }, 180_000);

  it('is still signed in in a new tab, and 退出 in one tab signs out the other', async () => {
    const second = await admin.newPage();
    second.setDefaultTimeout(SLOW);
    await second.goto(`${server.baseUrl}/ledger`);
    await second.waitForSelector('[data-testid="hazard-table"]');
    await expect(second.getByTestId('current-user').textContent()).resolves.toContain('admin');
    await shot(second, 'new-tab');

    await page.goto(`${server.baseUrl}/ranking?month=${MONTH}`);
    await page.waitForSelector('[data-testid="ranking-row"]');
    await second.getByRole('button', { name: '退出' }).click();
    await second.waitForSelector('#login-title');
    await page.waitForSelector('#login-title');
    await shot(page, 'signed-out-elsewhere');
    await second.close();
  }, 120_000);
});
