// The dashboard in a real Chromium against the real server (sample ledger, embedded database):
// sign-in, the ranking against GET /api/scores, a county's overdue hazards, every view drawn without an
// error state, and a county user kept to its own unit. Screenshots go to test/artifacts/ (git-ignored).
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { readExplanation } from '../../dashboard/src/api/normalize.js';
import type { CoverageJson, DispatchRow, Ranking, Trace } from '../../dashboard/src/api/types.js';
import { boardTasks, statusCounts, STATUS_TEXT } from '../../dashboard/src/features/board/board-deadlines.js';
import { formatCount, formatScore } from '../../dashboard/src/format.js';
import { DISPATCH_SECTIONS, dispatchCell } from '../../dashboard/src/features/dispatch/dispatch-sections.js';
import { readParquet } from '../support/read-parquet.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from '../support/chromium.js';
import { signIn as signInAs } from '../support/sign-in.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const MONTH = '2023-08';
const ZEZHOU = '140525';
// the first computation of a month's scores by the analytics engine can take several seconds
const SLOW = 120_000;


describeWith(['chromium'], 'dashboard in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let api: (p: string) => Promise<Response>;

  beforeAll(async () => {
    // the server serves dashboard/dist when it exists at start: build it first, from the sources under test
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

  const signIn = (username: string, password: string) => signInAs(browser, server.baseUrl, username, password, { viewport: { width: 1366, height: 768 }, timeout: SLOW });

  /** waits until no view is still loading */
  async function settled(page: Page): Promise<void> {
    await page.locator('.state-loading').first().waitFor({ state: 'detached' });
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });

  it('signs in as admin and shows the ranking of 2023-08 exactly as GET /api/scores', async () => {
    const page = await signIn('admin', server.adminPassword);
    await page.waitForURL(/\/ranking/);
    await page.getByLabel('月份').selectOption(MONTH);
    await page.waitForURL(new RegExp(`month=${MONTH}`));
    await page.waitForSelector('[data-testid="ranking-row"]');
    await settled(page);

    const expected = (await (await api(`/api/scores?month=${MONTH}`)).json()) as Ranking;
    const shown = await page.$$eval('[data-testid="ranking-row"]', (rows) =>
      rows.map((r) => ({
        unit: r.getAttribute('data-unit'),
        rank: r.querySelector('[data-col="rank"]')?.textContent?.trim(),
        name: r.querySelector('[data-col="name"]')?.textContent?.trim(),
        total: r.querySelector('[data-col="total"]')?.textContent?.trim(),
        indicators: ['I1', 'I2', 'I3', 'I4', 'D'].map((k) => r.querySelector(`[data-col="${k}"]`)?.textContent?.trim()),
      })),
    );
    expect(shown).toEqual(expected.units.map((u) => ({
      unit: u.unit, rank: String(u.rank), name: u.name, total: formatScore(u.total),
      indicators: [formatScore(u.I1), formatScore(u.I2), formatScore(u.I3), formatScore(u.I4), u.D > 0 ? `−${formatScore(u.D)}` : formatScore(0)],
    })));
    await expect(page.getByTestId('publication').textContent()).resolves.toContain(expected.published ? '已发布' : '草稿');
    for (const k of ['I1', 'I2', 'I3', 'I4']) expect(await page.locator('.ranking-table thead').textContent()).toContain(k);
    await shot(page, 'ranking');
    await page.close();
  }, 300_000);

  it('opens 泽州县 from the ranking and lists its overdue hazards by ledger number', async () => {
    const page = await signIn('admin', server.adminPassword);
    await page.goto(`${server.baseUrl}/ranking?month=${MONTH}`);
    await page.getByRole('link', { name: '泽州县' }).first().click();
    await page.waitForURL(new RegExp(`/county/${ZEZHOU}\\?month=${MONTH}`));
    await page.waitForSelector('[data-testid="county-kpis"]');
    await settled(page);

    const detail = (await (await api(`/api/scores/${ZEZHOU}?month=${MONTH}`)).json()) as { explanation: unknown; parts: { overdue: number } };
    const overdue = readExplanation(detail.explanation).overdue ?? [];
    expect(overdue.length).toBe(detail.parts.overdue);
    if (overdue.length) {
      const shown = await page.$$eval('[data-testid="overdue-hazards"] [data-col="ledgerNo"]', (cells) => cells.map((c) => c.textContent?.trim()));
      expect(shown).toEqual(overdue.map((o) => o.ledgerNo));
    } else {
      await page.waitForSelector('[data-testid="overdue-hazards-empty"]');
    }
    await shot(page, 'county-zezhou');
    await page.close();
  }, 300_000);

  it('draws every other view without an error state', async () => {
    const page = await signIn('admin', server.adminPassword);
    const first = (await (await api('/api/hazards?unit=140525&pageSize=1')).json()) as { items: { ledgerNo: string }[] };
    const ledgerNo = first.items[0]?.ledgerNo;
    const views: [string, string, string][] = [
      ['ledger', '/ledger?unit=140525&overdue=true', '[data-testid="hazard-table"], .state-empty'],
      ...(ledgerNo ? ([['hazard', `/ledger/${encodeURIComponent(ledgerNo)}`, '[data-testid="hazard-timeline"]']] as [string, string, string][]) : []),
      ['trace', `/trace?month=2023-10`, '[data-testid="trace-missed"], [data-testid="trace-missed-empty"]'],
      ...(ledgerNo ? ([['case-three', `/trace/${encodeURIComponent(ledgerNo)}`, '[data-testid="case-three"]']] as [string, string, string][]) : []),
      ['dispatch', `/dispatch?month=${MONTH}`, '[data-testid="dispatch-form"]'],
      ['dispatch-all', `/dispatch?month=${MONTH}&view=all`, '[data-testid="dispatch-matrix"]'],
      ['board', `/board?month=2023-09`, '[data-testid="board"]'],
    ];
    for (const [name, url, selector] of views) {
      await page.goto(`${server.baseUrl}${url}`);
      await page.waitForSelector(selector);
      await settled(page);
      expect({ name, errors: await page.locator('.state-error').count() }).toEqual({ name, errors: 0 });
      await shot(page, name);
    }

    // the dispatch table of 全市 carries the attachment's labels and the API's figures
    await page.goto(`${server.baseUrl}/dispatch?month=${MONTH}&unit=ALL`);
    await page.waitForSelector('[data-testid="dispatch-form"]');
    const d = (await (await api(`/api/dispatch?month=${MONTH}`)).json()) as { cityWide: Record<string, number> };
    const a1 = await page.locator('tr[data-key="A1"] td.num').last().textContent();
    expect(a1?.trim()).toBe(new Intl.NumberFormat('zh-CN').format(d.cityWide.A1));
    await expect(page.locator('.dispatch-form').textContent()).resolves.toContain('企业自查发现的重大事故隐患（个）');

    // the CSV download carries the token (a plain link would not) and is the server's file
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '⇩ CSV', exact: true }).click()]);
    const saved = await file.path();
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    // the file for people: the attachment's item names and 全市, not the JSON's keys (those come with codes=true)
    const text = fs.readFileSync(saved, 'utf8');
    expect(text).toContain('企业自查发现的重大事故隐患（个）');
    expect(text).toContain('全市（本行业领域）');

    // the analysts' Parquet file: the same figures as the API's dispatch table, typed
    const [pq] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '⇩ Parquet', exact: true }).click()]);
    expect(pq.suggestedFilename()).toBe(`figures-${MONTH}.parquet`);
    const { rows, types } = await readParquet(await pq.path());
    const all = (await (await api(`/api/dispatch?month=${MONTH}`)).json()) as { units: unknown[]; cityWide: Record<string, number> };
    expect(rows).toHaveLength(all.units.length + 1);
    expect(rows.find((r) => r.unit === 'ALL')?.A1).toBe(all.cityWide.A1);
    expect(types.A1).toBe('INTEGER');
    await page.close();
  }, 300_000);

  it('shows every figure of the county, ledger, dispatch, traceback and board pages as the API gives them', async () => {
    const page = await signIn('admin', server.adminPassword);
    const json = async <T,>(p: string) => (await (await api(p)).json()) as T;
    const units = await json<{ code: string; name: string }[]>('/api/units');
    const unitName = (code: string) => (code === 'ALL' ? '全市' : units.find((u) => u.code === code)?.name ?? code);

    // county: the KPIs
    const county = await json<{ rank: number; total: number; D: number; movement: unknown }>(`/api/scores/${ZEZHOU}?month=${MONTH}`);
    await page.goto(`${server.baseUrl}/county/${ZEZHOU}?month=${MONTH}`);
    await page.waitForSelector('[data-testid="county-kpis"]');
    await settled(page);
    const kpis = await page.locator('[data-testid="county-kpis"]').textContent();
    for (const figure of [`第 ${county.rank} 名`, formatScore(county.total), county.D > 0 ? `−${formatScore(county.D)}` : formatScore(0), '默认方案']) expect(kpis).toContain(figure);
    expect(kpis).not.toMatch(/default/);

    // ledger: each row's number, unit, enterprise name, dates and 逾期 as GET /api/hazards lists them
    const list = await json<{ items: { ledgerNo: string; unitCode: string; enterpriseName: string; foundOn: string; deadline: string | null; overdue: boolean }[]; total: number }>(
      '/api/hazards?unit=140525&overdue=true&pageSize=20');
    expect(list.items.length).toBeGreaterThan(0);
    await page.goto(`${server.baseUrl}/ledger?unit=140525&overdue=true`);
    await page.waitForSelector('[data-testid="hazard-row"]');
    await settled(page);
    const rows = await page.$$eval('[data-testid="hazard-row"]', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    expect(rows.map((r) => [r[0], r[1], r[2], r[5], r[6]])).toEqual(list.items.map((h) => [
      h.ledgerNo, unitName(h.unitCode), h.enterpriseName, h.foundOn, `${h.deadline ?? '–'}${h.overdue ? ' 逾期' : ''}`,
    ]));
    await expect(page.locator('.page').first().textContent()).resolves.toContain(String(list.total));

    // dispatch: every item of the city-wide table
    const d = await json<{ cityWide: DispatchRow }>(`/api/dispatch?month=${MONTH}`);
    await page.goto(`${server.baseUrl}/dispatch?month=${MONTH}&unit=ALL`);
    await page.waitForSelector('[data-testid="dispatch-form"]');
    await settled(page);
    const cells = await page.$$eval('[data-testid="dispatch-form"] tr[data-key]', (trs) => trs.map((tr) => [tr.getAttribute('data-key'), tr.querySelector('td.num:last-child')?.textContent?.trim()]));
    const items = DISPATCH_SECTIONS.flatMap((sec) => sec.items);
    expect(cells).toEqual(items.map((item) => [item.values[0].key, dispatchCell(d.cityWide, item)]));
    expect(await page.locator('main, .page').first().textContent()).not.toMatch(/\bALL\b/);

    // traceback: the three counts and the hazards of the first two lists
    const trace = await json<Trace>('/api/trace?month=2023-10');
    await page.goto(`${server.baseUrl}/trace?month=2023-10`);
    await page.waitForSelector('[data-testid="trace-missed"], [data-testid="trace-missed-empty"]');
    await settled(page);
    const text = await page.locator('.page').first().textContent();
    expect(text).toContain(`该发现而未发现（${formatCount(trace.missed.length)} 项）`);
    expect(text).toContain(`该盯住整改而整改不到位（${formatCount(trace.overdue.length)} 项）`);
    expect(text).toContain(`回头看（${formatCount(trace.lookBack.length)} 项）`);
    const listed = async (id: string) => page.$$eval(`[data-testid="${id}"] td[data-col="hazard"] a:first-child`, (as) => as.map((a) => a.textContent?.trim()));
    expect(await listed('trace-missed')).toEqual(trace.missed.map((m) => m.hazard));
    expect(await listed('trace-overdue')).toEqual(trace.overdue.map((o) => o.hazard));
    const overdueUnits = await page.$$eval('[data-testid="trace-overdue"] td[data-col="unit"]', (tds) => tds.map((td) => td.textContent?.trim()));
    expect(overdueUnits).toEqual(trace.overdue.map((o) => unitName(o.unit)));

    // board (2023-08, before the city's spot-check window): the summary chips from each county's figures,
    // by the page's deadline rules (board-deadlines.ts) applied to the API's answers
    const counties = (await json<{ code: string; level: string }[]>('/api/units')).filter((u) => u.level === 'county' || u.level === 'zone');
    const coverage = await json<CoverageJson>(`/api/coverage?month=${MONTH}`);
    const tasks = [];
    for (const u of counties) {
      const detail = await json<{ explanation: unknown }>(`/api/scores/${u.code}?month=${MONTH}`);
      tasks.push(...boardTasks({ month: MONTH, explanation: readExplanation(detail.explanation), coverage: coverage.units.find((c) => c.unit === u.code) ?? null }));
    }
    const counts = statusCounts(tasks);
    console.log(`board ${MONTH}: ${JSON.stringify(counts)} over ${counties.length} county-level units`);
    await page.goto(`${server.baseUrl}/board?month=${MONTH}`);
    await page.waitForSelector('[data-testid="board-summary"]');
    await settled(page);
    const chips = await page.$$eval('[data-testid="board-summary"] .summary-chip', (cs) => cs.map((c) => c.textContent?.trim()));
    expect(chips).toEqual((['late', 'open', 'done', 'pending', 'unknown'] as const).map((k) => `${STATUS_TEXT[k]} ${formatCount(counts[k])}`));
    await page.close();
  }, 300_000);

  it('fills every 回头看 cell from GET /api/trace, with names, and each 再次发现为 link opens its hazard', async () => {
    const { months } = (await (await api('/api/campaign')).json()) as { months: string[] };
    const month = months.at(-1)!;
    const trace = (await (await api(`/api/trace?month=${month}`)).json()) as Trace;
    const units = (await (await api('/api/units')).json()) as { code: string; name: string }[];
    const unitName = new Map(units.map((u) => [u.code, u.name]));
    // the sample ledger re-finds closed hazards by its last month; without rows this test would prove nothing
    expect(trace.lookBack.length).toBeGreaterThan(0);
    console.log(`回头看 ${month}: ${trace.lookBack.length} rows, re-found as ${trace.lookBack.map((l) => l.refound.hazard).join(', ')}`);

    const page = await signIn('admin', server.adminPassword);
    await page.goto(`${server.baseUrl}/trace?month=${month}`);
    await page.waitForSelector('[data-testid="trace-lookback"]');
    await settled(page);
    const shown = await page.$$eval('[data-testid="trace-lookback"] tbody tr', (rows) =>
      rows.map((r) => Object.fromEntries([...r.querySelectorAll('td')].map((td) => [td.getAttribute('data-col'), td.textContent?.trim() ?? '']))),
    );
    expect(shown.length).toBe(trace.lookBack.length);
    shown.forEach((row, i) => {
      const l = trace.lookBack[i];
      expect(row).toEqual({
        hazard: `${l.hazard} 一案三查`, closedOn: l.closedOn, refound: l.refound.hazard, refoundOn: l.refound.foundOn,
        refoundUnit: unitName.get(l.refound.unit), enterprise: l.enterpriseName, category: l.category,
      });
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^(|–|undefined)$/);
    });
    const hrefs = await page.$$eval('[data-testid="trace-lookback"] td[data-col="refound"] a', (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(trace.lookBack.map((l) => `/ledger/${encodeURIComponent(l.refound.hazard)}`));

    // every link opens its hazard (the page of the ledger number it names, not an error)
    for (const l of trace.lookBack.slice(0, 3)) {
      await page.goto(`${server.baseUrl}/trace?month=${month}`);
      await page.waitForSelector('[data-testid="trace-lookback"]');
      await page.locator(`[data-testid="trace-lookback"] td[data-col="refound"] a`, { hasText: l.refound.hazard }).first().click();
      await page.waitForSelector('[data-testid="hazard-timeline"]');
      expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/ledger/${l.refound.hazard}`);
      await expect(page.locator('h1').first().textContent()).resolves.toContain(l.refound.hazard);
      expect(await page.locator('.state-error').count()).toBe(0);
    }
    await page.close();
  }, 300_000);

  it('keeps a county user to its own unit: another county page says 无权访问', async () => {
    const password = await server.createUser('zezhou-e2e', 'county_branch', ZEZHOU);
    const page = await signIn('zezhou-e2e', password);
    await page.waitForURL(new RegExp(`/county/${ZEZHOU}`));
    await page.waitForSelector('[data-testid="county-kpis"]');
    await shot(page, 'county-user-own');

    await page.goto(`${server.baseUrl}/county/140502?month=${MONTH}`);
    await page.waitForSelector('.state-forbidden');
    await expect(page.locator('.state-forbidden').textContent()).resolves.toContain('无权访问');
    await shot(page, 'county-user-forbidden');

    // and the server agrees
    const county = await server.login('zezhou-e2e', password);
    expect((await county(`/api/scores/140502?month=${MONTH}`)).status).toBe(403);
    await page.close();
  }, 300_000);

  it('goes back to the sign-in page when the token is refused (401)', async () => {
    const page = await signIn('admin', server.adminPassword);
    await page.evaluate(() => {
      // the root tsconfig has no DOM types: the page's localStorage, typed by hand
      const store = (globalThis as unknown as { localStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
      const key = 'hw-dashboard-session';
      const s = JSON.parse(store.getItem(key) ?? '{}') as Record<string, unknown>;
      store.setItem(key, JSON.stringify({ ...s, token: 'not-a-token' }));
    });
    await page.goto(`${server.baseUrl}/ledger`);
    await page.waitForSelector('#login-title');
    await expect(page.locator('.login-note').textContent()).resolves.toContain('登录已过期');
    await shot(page, 'sign-in-expired');
    await page.close();
  }, 120_000);
});
