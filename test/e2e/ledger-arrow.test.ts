// The ledger (台账) past 10,000 rows in a real Chromium: the sample ledger plus 10,500 hazards made for the
// test, so the whole list is longer than the old 20 × 500-row cap. The page reads GET /api/hazards as Arrow,
// shows the total and reaches its last page, whose rows are the API's. The traceback page reads its three
// lists as Arrow and shows what GET /api/trace answers as JSON.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { ARROW_STREAM } from '../../analytics/src/arrow.js';
import type { TraceJson } from '../../analytics/src/contracts.js';
import { formatCount } from '../../dashboard/src/format.js';
import { launchChromium } from '../support/chromium.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { signIn } from '../support/sign-in.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXTRA = 10_500;
const PAGE_SIZE = 20;

interface Listed { items: { ledgerNo: string }[]; total: number }

describeWith(['chromium'], 'the ledger and the traceback read Arrow and reach every row', () => {
  let server: TestServer;
  let browser: Browser;
  let api: (p: string) => Promise<Response>;
  let page: Page;
  const pageErrors: string[] = [];

  const ledgerNos = (p: Page) => p.locator('[data-testid="hazard-row"] td:first-child a').allTextContents();

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    server = await startTestServer();
    // copies of the first hazard under new ledger numbers: a ledger longer than 10,000 rows
    await server.t.db.dataSource.query(
      `INSERT INTO hazards (ledger_no, enterprise_credit_code, unit_code, source, found_on, description, category)
       SELECT 'ZZ-' || lpad(g::text, 6, '0'), h.enterprise_credit_code, h.unit_code, h.source, h.found_on, '测试生成 ' || g, h.category
       FROM (SELECT * FROM hazards ORDER BY ledger_no LIMIT 1) h, generate_series(1, $1::int) g`, [EXTRA]);
    api = await server.login('admin', server.adminPassword);
    browser = await launchChromium();
    page = await signIn(browser, server.baseUrl, 'admin', server.adminPassword, { onPageError: (m) => pageErrors.push(m) });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the whole total and the last page beyond row 10,000, read as Arrow', async () => {
    const first = (await (await api(`/api/hazards?sort=ledger_no&pageSize=${PAGE_SIZE}`)).json()) as Listed;
    expect(first.total).toBeGreaterThan(10_000 + 1);
    const lastPage = Math.ceil(first.total / PAGE_SIZE);
    const last = (await (await api(`/api/hazards?sort=ledger_no&pageSize=${PAGE_SIZE}&page=${lastPage}`)).json()) as Listed;

    const arrowAnswers: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/hazards?')) arrowAnswers.push(r.headers()['content-type'] ?? '');
    });
    await page.goto(`${server.baseUrl}/ledger?sort=ledger_no`);
    const nav = page.getByRole('navigation', { name: '分页' });
    await expect(nav.textContent()).resolves.toContain(`共 ${formatCount(first.total)} 条，第 1 / ${formatCount(lastPage)} 页`);
    expect(await ledgerNos(page)).toEqual(first.items.map((h) => h.ledgerNo));

    await nav.getByRole('button', { name: '末页' }).click();
    await page.waitForURL(new RegExp(`page=${lastPage}`));
    await expect(nav.textContent()).resolves.toContain(`第 ${formatCount(lastPage)} / ${formatCount(lastPage)} 页`);
    await page.locator('[data-testid="hazard-row"]').first().getByRole('link', { name: last.items[0].ledgerNo, exact: true }).waitFor();
    expect(await ledgerNos(page)).toEqual(last.items.map((h) => h.ledgerNo));
    // row 10,001 and beyond are on the page: the last page starts past the old cap
    expect((lastPage - 1) * PAGE_SIZE).toBeGreaterThanOrEqual(10_000);
    expect(arrowAnswers.length).toBeGreaterThanOrEqual(2);
    expect(arrowAnswers.every((t) => t === ARROW_STREAM)).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('shows the traceback lists GET /api/trace answers, read as Arrow', async () => {
    const month = '2023-12';
    const t = (await (await api(`/api/trace?month=${month}`)).json()) as TraceJson;
    expect(t.missed.length + t.overdue.length).toBeGreaterThan(0);
    const traceAnswers: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/trace?')) traceAnswers.push(r.headers()['content-type'] ?? '');
    });
    await page.goto(`${server.baseUrl}/trace?month=${month}`);
    await page.getByText(`该盯住整改而整改不到位（${formatCount(t.overdue.length)} 项）`).waitFor();
    await page.getByText(`该发现而未发现（${formatCount(t.missed.length)} 项）`).waitFor();
    const overdueShown = await page.locator('[data-testid="trace-overdue"] tbody tr td:first-child a:first-child').allTextContents();
    expect(overdueShown).toEqual(t.overdue.slice(0, 50).map((o) => o.hazard));
    expect(traceAnswers.length).toBe(3);
    expect(traceAnswers.every((c) => c === ARROW_STREAM)).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
