// The board (挂图作战) in a real Chromium against the real server (sample ledger): it reads GET /api/coverage
// and each unit's explanation lists (GET /api/scores/:unit) as Arrow, and every count and every enterprise
// still to inspect its coverage cards show is what GET /api/coverage answers as JSON, for the city office
// (every county-level unit) and for a county user (its own row only); the report and Friday-feedback cards
// say what the JSON explanation says. Screenshots go to test/artifacts/.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { ARROW_STREAM } from '../../analytics/src/arrow.js';
import type { CoverageJson } from '../../analytics/src/contracts.js';
import type { Explanation } from '../../analytics/src/explain.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from '../support/chromium.js';
import { signIn as signInAs } from '../support/sign-in.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const SLOW = 120_000;

interface Card { unit: string; task: string; status: string; detail: string; names: string[] }

describeWith(['chromium'], 'coverage on the board', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: (p: string) => Promise<Response>;

  beforeAll(async () => {
    // the server serves dashboard/dist when it exists at start: build it first, from the sources under test
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    admin = await server.login('admin', server.adminPassword);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string, password: string): Promise<Page> {
    return signInAs(browser, server.baseUrl, username, password, { timeout: SLOW });
  }

  async function boardCards(page: Page, month: string): Promise<Card[]> {
    await page.goto(`${server.baseUrl}/board?month=${month}`);
    await page.waitForSelector('[data-testid="board"] [data-task="coverage"]');
    await page.locator('.state-loading').first().waitFor({ state: 'detached' });
    return page.$$eval('[data-testid="board"] tr[data-unit] [data-task="coverage"], [data-testid="board"] tr[data-unit] [data-task="spot_check"]', (cards) =>
      cards.map((c) => ({
        unit: c.closest('tr')!.getAttribute('data-unit')!,
        task: c.getAttribute('data-task')!,
        status: c.querySelector('.task-status')!.textContent!.trim(),
        detail: c.querySelector('.task-detail')!.textContent!.trim(),
        names: [...c.querySelectorAll('.task-to-inspect li')].map((li) => `${li.getAttribute('data-credit-code')} ${li.textContent!.trim()}`),
      })));
  }

  /** The numbers a card shows, read back from its text: checked, required, scope (or required, scope before its window). */
  function shownCounts(c: Card) {
    const open = /(\d+) \/ 应检查 (\d+) 家（排查范围 (\d+) 家）(?:，尚差 (\d+) 家)?/.exec(c.detail);
    if (open) return { checked: Number(open[1]), required: Number(open[2]), scope: Number(open[3]), shortfall: Number(open[4] ?? 0) };
    const before = /起开展，应检查 (\d+) 家（排查范围 (\d+) 家的/.exec(c.detail);
    if (before) return { checked: 0, required: Number(before[1]), scope: Number(before[2]), shortfall: Number(before[1]) };
    throw new Error(`card ${c.unit}/${c.task} shows no counts: ${c.detail}`);
  }

  const STATUS = { not_started: '未开始', in_progress: '进行中', met: '已完成', behind: '逾期/未达标' } as const;
  const DUTY = { coverage: 'county_coverage', spot_check: 'city_spot_check' } as Record<string, string>;

  function compare(cards: Card[], api: CoverageJson) {
    for (const c of cards) {
      const d = api.units.find((u) => u.unit === c.unit)!.duties.find((x) => x.duty === DUTY[c.task])!;
      const toInspect = d.status === 'not_started' || d.shortfall === 0 ? [] : d.toInspect.map((e) => `${e.creditCode} ${e.name}`);
      expect({ unit: c.unit, task: c.task, status: c.status, ...shownCounts(c), names: c.names })
        .toEqual({ unit: c.unit, task: c.task, status: STATUS[d.status], checked: d.status === 'not_started' ? 0 : d.checked, required: d.required, scope: d.scope, shortfall: d.status === 'not_started' ? d.required : d.shortfall, names: toInspect });
    }
  }

  /** the board's two deadline cards of each unit as GET /api/scores/:unit (JSON) says they should read */
  async function compareDeadlines(page: Page, month: string) {
    const shown = await page.$$eval('[data-testid="board"] tr[data-unit] [data-task="monthly_report"], [data-testid="board"] tr[data-unit] [data-task="friday_feedback"]', (cards) =>
      cards.map((c) => ({
        unit: c.closest('tr')!.getAttribute('data-unit')!,
        task: c.getAttribute('data-task')!,
        status: c.querySelector('.task-status')!.textContent!.trim(),
        detail: c.querySelector('.task-detail')!.textContent!.trim(),
      })));
    expect(shown.length).toBeGreaterThan(0);
    let missed = 0;
    for (const c of shown) {
      const { explanation: e } = (await (await admin(`/api/scores/${c.unit}?month=${month}`)).json()) as { explanation: Explanation };
      if (c.task === 'monthly_report') {
        const late = e.lateSubmissions.some((x) => x.kind === 'monthly_report' && x.period === month);
        expect([c.unit, c.status]).toEqual([c.unit, late ? STATUS.behind : STATUS.met]);
      } else {
        const fridays = e.missedFridays.filter((f) => f.friday.startsWith(month));
        missed += fridays.length;
        expect([c.unit, c.status]).toEqual([c.unit, fridays.length ? STATUS.behind : STATUS.met]);
        // every hazard whose Friday was missed is named on the card
        for (const h of new Set(fridays.map((f) => f.hazard))) expect([c.unit, c.detail.includes(h)]).toEqual([c.unit, true]);
      }
    }
    return missed;
  }

  it('shows the city office every county-level unit with the counts and names of GET /api/coverage, August and October', async () => {
    const page = await signIn('admin', server.adminPassword);
    // the board reads the coverage as Arrow, its two tables (the duties and the enterprises to inspect)
    const coverageAnswers: string[] = [];
    const explanationAnswers: string[] = [];
    let missedFridays = 0;
    page.on('response', (r) => {
      const answer = `${r.request().headers().accept} -> ${r.headers()['content-type']}`;
      if (r.url().includes('/api/coverage?')) coverageAnswers.push(answer);
      if (/\/api\/scores\/\d+\?/.test(r.url())) explanationAnswers.push(answer);
    });
    for (const month of ['2023-08', '2023-10']) {
      const api = (await (await admin(`/api/coverage?month=${month}`)).json()) as CoverageJson;
      const cards = await boardCards(page, month);
      expect([...new Set(cards.map((c) => c.unit))].sort()).toEqual(api.units.map((u) => u.unit).sort());
      expect(cards).toHaveLength(api.units.length * 2);
      compare(cards, api);
      missedFridays += await compareDeadlines(page, month);
      await page.screenshot({ path: path.join(ARTIFACTS, `board-coverage-${month}.png`), fullPage: true });
    }
    expect(missedFridays).toBeGreaterThan(0);
    // the deadline cards read the explanation's two lists as Arrow, one table each
    expect(explanationAnswers.filter((a) => !a.endsWith(`-> ${ARROW_STREAM}`))).toEqual([]);
    expect(new Set(explanationAnswers.map((a) => /table=(\w+)/.exec(a)?.[1]))).toEqual(new Set(['missedFridays', 'lateSubmissions']));
    expect(coverageAnswers.length).toBeGreaterThanOrEqual(4);
    expect(coverageAnswers.filter((a) => !a.endsWith(`-> ${ARROW_STREAM}`))).toEqual([]);
    expect(new Set(coverageAnswers.map((a) => /table=(\w+)/.exec(a)?.[1]))).toEqual(new Set(['duties', 'toInspect']));
    // 城区 in October: 7 of 14 inspected in July–August (the board once showed 12/14)
    const october = await boardCards(page, '2023-10');
    expect(shownCounts(october.find((c) => c.unit === '140502' && c.task === 'coverage')!)).toMatchObject({ checked: 7, scope: 14 });
    await page.close();
  }, 600_000);

  it("shows a county user its own unit's cards only, as the API answers them", async () => {
    const password = await server.createUser('chengqu-board', 'county_branch', '140502');
    const county = await server.login('chengqu-board', password);
    const page = await signIn('chengqu-board', password);
    const api = (await (await county('/api/coverage?month=2023-10')).json()) as CoverageJson;
    expect(api.units.map((u) => u.unit)).toEqual(['140502']);
    const cards = await boardCards(page, '2023-10');
    expect(cards.map((c) => c.unit)).toEqual(['140502', '140502']);
    compare(cards, api);
    await page.close();
  }, 300_000);
});
