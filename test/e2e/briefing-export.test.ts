// The 通报 export form on the ranking page, in a real Chromium against the real server (sample ledger,
// embedded database): the 文号 typed in the form is the one in the downloaded .docx and in the register,
// the draft note agrees with GET /api/scores' published mark, and a 文号 taken by another month is refused
// in Chinese beside the button with what was typed kept. One browser, one admin sign-in.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import type { Ranking } from '../../dashboard/src/api/types.js';
import { REFUSAL_ZH } from '../../dashboard/src/ui/form/refusal-zh.js';
import { launchChromium } from '../support/chromium.js';
import { fillSignIn } from '../support/sign-in.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SLOW = 120_000;

describeWith(['chromium'], 'the 通报 export form in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: (p: string) => Promise<Response>;
  let tmp: string;

  beforeAll(async () => {
    // the server serves dashboard/dist when it exists at start: build it first, from the sources under test
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-briefing-form-'));
    server = await startTestServer();
    api = await server.login('admin', server.adminPassword);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    page.setDefaultTimeout(SLOW);
    await fillSignIn(page, server.baseUrl, 'admin', server.adminPassword);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function openForm(month: string) {
    await page.goto(`${server.baseUrl}/ranking?month=${month}`);
    await page.waitForSelector('[data-testid="ranking-row"]');
    await page.getByTestId('briefing-export').getByRole('button', { name: '⇩ 通报 Word' }).click();
    return page.getByTestId('briefing-form');
  }

  it('downloads the 2023-12 通报 with the 文号 typed in the form, marked as a draft as the API says', async () => {
    const ranking = (await (await api('/api/scores?month=2023-12')).json()) as Ranking;
    const form = await openForm('2023-12');
    await expect(form.textContent()).resolves.toContain(ranking.published ? '本月排名已发布' : '本月排名尚未发布');
    await form.getByLabel('文号序号').fill('12');
    await form.getByLabel('成文日期').fill('2024-01-03');
    const [file] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: '确定' }).click()]);
    const docx = path.join(tmp, 'b.docx');
    await file.saveAs(docx);
    const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' });
    expect(xml).toContain('晋危废专办〔2024〕12号');
    expect(xml).toContain('2024年1月3日');
    expect(xml.includes('（草稿）')).toBe(!ranking.published);
    const rows = await server.t.db.dataSource.query(`SELECT prefix, year, number, month FROM document_numbers`);
    expect(rows).toEqual([{ prefix: '晋危废专办', year: 2024, number: 12, month: '2023-12' }]);
  }, 300_000);

  it('refuses a 文号 already given to another month, in Chinese, keeping what was typed', async () => {
    const form = await openForm('2023-11');
    await form.getByLabel('文号序号').fill('12');
    await form.getByLabel('成文日期').fill('2024-01-03');
    await form.getByRole('button', { name: '确定' }).click();
    const refusal = form.locator('[role="alert"]');
    await expect(refusal.textContent()).resolves.toContain(REFUSAL_ZH.DOC_NUMBER_TAKEN);
    await expect(form.getByLabel('文号序号').inputValue()).resolves.toBe('12');
    const [{ n }] = await server.t.db.dataSource.query(`SELECT count(*)::int AS n FROM document_numbers WHERE month = '2023-11'`);
    expect(n).toBe(0);
  }, 300_000);
});
