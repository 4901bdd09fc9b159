// The import page (导入) in a real Chromium against the real server (sample ledger, embedded database),
// one browser and one sign-in as 泽州县's county branch, by clicks and typing only (the API is called to
// check what the page shows): a bundle with three errors lists them with file and line, the fixed bundle
// is imported and its counts shown, and a hand-filled 调度表 shows its difference with the ledger
// numbers behind it. Screenshots go to test/artifacts/ (git-ignored).
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import type { DispatchJson } from '../../analytics/src/contracts.js';
import { importBundle } from '../../api/src/bundle/import-bundle.js';
import { valueAddresses } from '../../api/src/exports/dispatch-sheet.js';
import type { ImportJob } from '../../api/src/imports/import-job.js';
import { refusal } from '../support/bundles.js';
import { countyBundle, zipFolder, type CountyBundle } from '../support/import-bundles.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from '../support/chromium.js';
import { signIn } from '../support/sign-in.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const ZEZHOU = '140525';
const MONTH = '2023-08';

describeWith(['chromium'], 'the import page in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: (p: string) => Promise<Response>;
  let broken: CountyBundle;
  let fixed: CountyBundle;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    api = await server.login('admin', server.adminPassword);
    const password = await server.createUser('zezhou', 'county_branch', ZEZHOU);
    broken = countyBundle(ZEZHOU, { broken: true, tag: '55' });
    fixed = countyBundle(ZEZHOU, { tag: '55' });
    browser = await launchChromium();
    page = await signIn(browser, server.baseUrl, 'zezhou', password);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    broken?.remove();
    fixed?.remove();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `imports-${name}.png`), fullPage: true });

  it('lists the three errors of a bad bundle with file and line, as the CLI names them, and writes nothing', async () => {
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '导入' }).click();
    await page.waitForURL(/\/import$/);
    const before = await (await api(`/api/hazards?unit=${ZEZHOU}&pageSize=1`)).json() as { total: number };
    await page.getByLabel('台账包文件').setInputFiles({ name: '泽州县台账包.zip', mimeType: 'application/zip', buffer: zipFolder(broken.dir, '泽州县台账包') });
    await page.getByRole('form', { name: '导入台账包' }).getByRole('button', { name: '提交' }).click();
    await page.waitForSelector('[data-testid="import-problems"]');
    const rows = await page.$$eval('[data-testid="import-problems"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    // what the CLI prints for the same folder (FILE:LINE: COLUMN: message), cell by cell
    const cli = await refusal(importBundle(server.t.db.dataSource, broken.dir, { actor: 'test' }));
    expect(cli).toHaveLength(3);
    expect(rows.map(([file, line, column, message]) => `${file}:${line}: ${column}: ${message}`)).toEqual(cli);
    expect(rows.map((r) => r[4])).toEqual(['统一社会信用代码校验位错误（GB 32100-2015）', '日期不存在', '取值不在允许的范围内']);
    await expect(page.locator('[data-testid="import-progress"]').getAttribute('data-status')).resolves.toBe('refused');
    await expect(page.getByRole('button', { name: /下载问题清单/ }).isVisible()).resolves.toBe(true);
    const after = await (await api(`/api/hazards?unit=${ZEZHOU}&pageSize=1`)).json() as { total: number };
    expect(after.total).toBe(before.total);
    await shot('refused');
    // on a phone the problem table scrolls inside itself, the import page does not scroll sideways
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = { page: await page.$eval('.page', (el) => el.scrollWidth), view: await page.$eval('html', (el) => el.clientWidth) };
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    await shot('refused-390');
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('imports the fixed bundle, the progress bar full and the counts those of the job', async () => {
    await page.getByLabel('台账包文件').setInputFiles({ name: '泽州县台账包.zip', mimeType: 'application/zip', buffer: zipFolder(fixed.dir, '泽州县台账包') });
    await page.getByRole('form', { name: '导入台账包' }).getByRole('button', { name: '提交' }).click();
    await page.waitForSelector('[data-testid="import-done"]');
    const bar = page.getByRole('progressbar');
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe('100');
    const jobs = (await (await api('/api/imports?status=done')).json()) as ImportJob[];
    const job = jobs[0];
    expect(job.unit).toBe(ZEZHOU);
    const inserted = Object.values(job.counts!).reduce((n, c) => n + c.inserted, 0);
    expect(inserted).toBe(4); // two enterprises, two hazards
    await expect(page.getByTestId('import-inserted').textContent()).resolves.toBe(String(inserted));
    const shown = await page.$$eval('[data-testid="import-counts"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
    expect(shown).toEqual(Object.entries(job.counts!).map(([f, c]) => [f, String(c.inserted), String(c.updated), String(c.unchanged)]));
    const hazard = await api(`/api/hazards/${encodeURIComponent(`JC-${ZEZHOU}-2023-T551`)}`);
    expect(hazard.status).toBe(200);
    await shot('done');
  });

  it('reconciles a hand-filled 调度表: the difference shown with the ledger numbers behind it, linked', async () => {
    const d = (await (await api(`/api/dispatch?month=${MONTH}`)).json()) as DispatchJson;
    const row = d.units.find((u) => u.unit === ZEZHOU)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await (await api(`/api/exports/dispatch.xlsx?month=${MONTH}`)).arrayBuffer()) as never);
    for (const ws of [...wb.worksheets]) if (ws.name !== row.name) wb.removeWorksheet(ws.id);
    wb.getWorksheet(row.name)!.getCell(valueAddresses().get('A1')!).value = row.A1 + 2;
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByLabel('填报月份').selectOption(MONTH);
    await page.getByLabel('调度表文件').setInputFiles({ name: '泽州县调度表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByRole('form', { name: '调度表核对（如实填报）' }).getByRole('button', { name: '提交' }).click();
    await page.waitForSelector('[data-testid="reconcile-differences"]');
    const shown = await page.$$eval('[data-testid="reconcile-differences"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent?.trim())));
    expect(shown).toEqual([['A1', expect.any(String), String(row.A1 + 2), String(row.A1)]]);
    const links = await page.$$eval('[data-testid="reconcile-differences"] a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toHaveLength(row.A1);
    expect(links.every((h) => h?.startsWith(`/ledger/JC-${ZEZHOU}-`))).toBe(true);
    await shot('reconciled');
  });
});
