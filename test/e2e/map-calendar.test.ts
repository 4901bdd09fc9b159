// The county map and the month calendar in a real Chromium against the real server: the ranking page's
// map has one shape per county (data-unit) filled with the colour the legend's scale gives that county's
// score from GET /api/scores, switching the measure recolours it, a click opens the county; the board's
// calendar shows every due date and state of GET /api/calendar. No sideways scroll at 390 px; the map
// stays drawn in print. One browser, one admin sign-in. Screenshots: test/artifacts/map-*.png.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { CalendarJson, CoverageJson, DueState } from '../../analytics/src/contracts.js';
import type { Ranking } from '../../dashboard/src/api/types.js';
import { DUE_STATE_LABEL } from '../../dashboard/src/features/calendar/calendar-view.js';
import { colorScale } from '../../dashboard/src/features/map/color-scale.js';
import { MAP_MEASURES } from '../../dashboard/src/features/map/map-measures.js';
import { formatPercent, formatScore } from '../../dashboard/src/format.js';
import { launchChromium } from '../support/chromium.js';
import { signIn } from '../support/sign-in.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const SLOW = 120_000;

interface Shape { unit: string; fill: string; title: string }
interface Unit { code: string; name: string; level: string }

describeWith(['chromium'], 'the county map and the month calendar', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: (p: string) => Promise<Response>;
  let units: Unit[];

  beforeAll(async () => {
    // the server serves dashboard/dist when it exists at start: build it first, from the sources under test
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    api = await server.login('admin', server.adminPassword);
    units = (await (await api('/api/units')).json()) as Unit[];
    browser = await launchChromium();
    page = await signIn(browser, server.baseUrl, 'admin', server.adminPassword, { viewport: { width: 1280, height: 900 }, timeout: SLOW });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const json = async <T,>(p: string): Promise<T> => {
    const r = await api(p);
    expect(r.status).toBe(200);
    return (await r.json()) as T;
  };

  async function open(url: string, selector: string): Promise<void> {
    await page.goto(`${server.baseUrl}${url}`);
    await page.waitForSelector(selector);
    await page.locator('.state-loading').first().waitFor({ state: 'detached' });
    expect(await page.locator('.state-error').count()).toBe(0);
  }

  const shapes = (): Promise<Shape[]> =>
    page.locator('[data-testid="county-map"] path[data-unit]').evaluateAll((els) =>
      els.map((e) => ({ unit: e.getAttribute('data-unit')!, fill: e.getAttribute('fill')!, title: e.querySelector('title')!.textContent! })));

  const legend = () =>
    page.locator('[data-testid="map-legend"] [data-from]').evaluateAll((els) =>
      els.map((e) => ({ color: e.getAttribute('data-color'), from: Number(e.getAttribute('data-from')), to: Number(e.getAttribute('data-to')) })));

  /**
   * The 检查覆盖率 measure against GET /api/coverage: each county's fill is the scale's colour of checked ÷
   * scope of the duty the month works on (`duty`: the 7—8月 county coverage up to August, the city's spot
   * check from September), its tooltip that share.
   */
  async function expectCoverageFills(month: string, duty: string): Promise<void> {
    await page.locator('.map-measure select').selectOption('coverage');
    await page.waitForSelector('[data-testid="county-map"][data-measure="coverage"]');
    const coverage = await json<CoverageJson>(`/api/coverage?month=${month}`);
    const share = new Map(coverage.units.map((u) => {
      const d = u.duties.find((x) => x.duty === duty)!;
      return [u.unit, d.scope > 0 && d.countedTo !== null ? d.checked / d.scope : null];
    }));
    const scale = colorScale([...share.values()], MAP_MEASURES.find((m) => m.key === 'coverage')!.scale);
    const drawn = await shapes();
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.map((s) => ({ unit: s.unit, fill: s.fill }))).toEqual(drawn.map((s) => ({ unit: s.unit, fill: scale.colorOf(share.get(s.unit)) })));
    for (const s of drawn) expect({ unit: s.unit, tip: s.title.includes(`检查覆盖率：${formatPercent(share.get(s.unit))}`) }).toEqual({ unit: s.unit, tip: true });
    // the figures differ between counties, so a fill that ignored them would not pass
    expect(new Set(drawn.map((s) => share.get(s.unit))).size).toBeGreaterThan(1);
    expect(await legend()).toEqual(scale.bins.map((b) => ({ color: b.color, from: b.from, to: b.to })));
    // the figures compared, for a reader of the artifacts: unit, checked / scope, fill
    fs.writeFileSync(path.join(ARTIFACTS, `map-coverage-${month}.json`), JSON.stringify(drawn.map((s) => {
      const d = coverage.units.find((u) => u.unit === s.unit)!.duties.find((x) => x.duty === duty)!;
      return { unit: s.unit, duty, checked: d.checked, scope: d.scope, fill: s.fill };
    }), null, 1));
  }

  const scrollWidth = () => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

  it('colours each county of the ranking page by its score per the legend, recolours by rank movement, opens a county on click', async () => {
    const MONTH = '2023-08';
    await open(`/ranking?month=${MONTH}`, '[data-testid="county-map"] path[data-unit]');
    const ranking = await json<Ranking>(`/api/scores?month=${MONTH}`);
    const total = new Map(ranking.units.map((u) => [u.unit, u.total]));
    const scale = colorScale([...total.values()], MAP_MEASURES.find((m) => m.key === 'total')!.scale);

    const drawn = await shapes();
    const counties = units.filter((u) => u.level === 'county');
    expect(drawn.map((s) => s.unit).sort()).toEqual(counties.map((u) => u.code).sort());
    expect(drawn.map((s) => ({ unit: s.unit, fill: s.fill }))).toEqual(drawn.map((s) => ({ unit: s.unit, fill: scale.colorOf(total.get(s.unit)) })));
    for (const s of drawn) {
      const name = counties.find((u) => u.code === s.unit)!.name;
      expect(s.title).toContain(name);
      expect(s.title).toContain(`总分：${formatScore(total.get(s.unit))} 分`);
    }
    // the legend lists the same bins as the scale the fills were checked against, and the scores differ
    expect(await legend()).toEqual(scale.bins.map((b) => ({ color: b.color, from: b.from, to: b.to })));
    expect(new Set(drawn.map((s) => s.fill)).size).toBeGreaterThan(1);
    // the development zone is a marked point with its own figure
    await expect(page.locator('[data-testid="county-map"] .map-zone[data-unit="140500KF"] circle').getAttribute('fill')).resolves.toBe(scale.colorOf(total.get('140500KF')));
    await page.locator('.map-card').screenshot({ path: path.join(ARTIFACTS, 'map-ranking.png') });

    // another measure: rank movement since last month, from the same answer
    await page.locator('.map-measure select').selectOption('rankChange');
    await page.waitForSelector('[data-testid="county-map"][data-measure="rankChange"]');
    const moves = new Map(ranking.units.map((u) => [u.unit, u.movement ? u.movement.rankChange : null]));
    const moveScale = colorScale([...moves.values()], MAP_MEASURES.find((m) => m.key === 'rankChange')!.scale);
    expect((await shapes()).map((s) => ({ unit: s.unit, fill: s.fill }))).toEqual(drawn.map((s) => ({ unit: s.unit, fill: moveScale.colorOf(moves.get(s.unit)) })));
    // and coverage: in August the 7—8月 duty of each county
    await expectCoverageFills(MONTH, 'county_coverage');
    await page.locator('.map-card').screenshot({ path: path.join(ARTIFACTS, 'map-coverage-2023-08.png') });

    // a real click, on a point where 泽州县's shape is the topmost element, opens its county page
    const point = await page.locator('[data-testid="county-map"] path[data-unit="140525"]').evaluate((el) => {
      type R = { left: number; top: number; width: number; height: number };
      const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): unknown } }).document;
      const box = (el as unknown as { getBoundingClientRect(): R }).getBoundingClientRect();
      for (let fy = 0.5; fy < 1; fy += 0.05) for (const sy of [1, -1]) for (let fx = 0.5; fx < 1; fx += 0.05) for (const sx of [1, -1]) {
        const x = box.left + box.width * (0.5 + sx * (fx - 0.5));
        const y = box.top + box.height * (0.5 + sy * (fy - 0.5));
        if (doc.elementFromPoint(x, y) === el) return { x, y };
      }
      return null;
    });
    expect(point).not.toBeNull();
    await page.mouse.click(point!.x, point!.y);
    await page.waitForURL(/\/county\/140525\?month=2023-08$/);
    await page.waitForSelector('[data-testid="county-kpis"]');
  }, 600_000);

  it('shows the map and the calendar on the board, the calendar as the API says', async () => {
    const MONTH = '2023-09';
    await open(`/board?month=${MONTH}`, '[data-testid="month-calendar"]');
    await page.waitForSelector('[data-testid="county-map"] path[data-unit]');
    expect(await page.locator('[data-testid="county-map"] path[data-unit]').count()).toBe(units.filter((u) => u.level === 'county').length);
    await page.locator('.map-card').screenshot({ path: path.join(ARTIFACTS, 'map-board.png') });
    // in September the city's spot check colours coverage
    await expectCoverageFills(MONTH, 'city_spot_check');
    await page.locator('.calendar-card').screenshot({ path: path.join(ARTIFACTS, 'map-calendar.png') });

    const cal = await json<CalendarJson>(`/api/calendar?month=${MONTH}`);
    expect(cal.dues.length).toBeGreaterThan(0);
    const shown = await page.locator('[data-testid="calendar-table"] td[data-unit]').evaluateAll((tds) => tds.map((td) => {
      const tr = td.parentElement!;
      return { key: `${tr.getAttribute('data-due')} ${tr.getAttribute('data-kind')} ${td.getAttribute('data-unit')} ${td.getAttribute('data-state')}`, text: td.textContent! };
    }));
    expect(shown.map((c) => c.key).sort()).toEqual(cal.dues.map((d) => `${d.due} ${d.kind} ${d.unit} ${d.state}`).sort());
    // each cell says its state in Chinese first; what follows (a late date, feedback given/owed) is detail
    for (const c of shown) expect({ key: c.key, text: c.text.startsWith(DUE_STATE_LABEL[c.key.split(' ')[3] as DueState]) }).toEqual({ key: c.key, text: true });
    const late = cal.dues.find((d) => d.state === 'overdue' && d.doneOn);
    if (late) expect(shown.find((c) => c.key === `${late.due} ${late.kind} ${late.unit} overdue`)!.text).toContain('补报');
    // the month grid: each day's duties with how many units stand in each state
    const grid = await page.locator('.calendar-day[data-day] .calendar-count').evaluateAll((els) => els.map((e) =>
      `${e.closest('[data-day]')!.getAttribute('data-day')} ${e.closest('[data-kind]')!.getAttribute('data-kind')} ${e.getAttribute('data-state')} ${e.getAttribute('data-count')}`));
    const counts = new Map<string, number>();
    for (const d of cal.dues) counts.set(`${d.due} ${d.kind} ${d.state}`, (counts.get(`${d.due} ${d.kind} ${d.state}`) ?? 0) + 1);
    expect(grid.sort()).toEqual([...counts].map(([k, n]) => `${k} ${n}`).sort());
  }, 600_000);

  it('fits a 390 px screen without sideways scroll and keeps the map in print', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const url of ['/ranking?month=2023-08', '/board?month=2023-09']) {
      await open(url, '[data-testid="county-map"] path[data-unit]');
      await page.waitForSelector('[data-testid="map-legend"]');
      expect({ url, width: await scrollWidth() }).toEqual({ url, width: 390 });
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'map-board-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'print' });
    const map = page.locator('[data-testid="county-map"] svg');
    const box = await map.boundingBox();
    expect(box && box.width > 200 && box.height > 100).toBe(true);
    await expect(page.locator('.map-measure').isVisible()).resolves.toBe(false);
    await expect(page.locator('[data-testid="map-legend"]').isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });
  }, 600_000);
});
