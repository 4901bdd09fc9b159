// The 预警 page in a real Chromium against the real server (sample ledger, embedded database): a county
// branch of 城区 sees its open alerts, the same as the API gives it, and 确认s one with a note; the API then
// has it acknowledged by that user. A screenshot goes to test/artifacts/alerts.png.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { AlertView } from '../../api/src/alerts/alert-contract.js';
import { CalendarJobs } from '../../api/src/schedule/calendar.jobs.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from '../support/chromium.js';
import { goTo, settled, signIn } from './steps/hazard-steps.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const CHENGQU = '140502';

describeWith(['chromium'], 'alerts (预警) page in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let county: Page;
  let api: (p: string) => Promise<Response>;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    for (const day of ['2023-07-18', '2023-07-21']) await server.app.get(CalendarJobs).runDay(day);
    const pw = await server.createUser('chengqu-alerts', 'county_branch', CHENGQU);
    api = await server.login('chengqu-alerts', pw);
    browser = await launchChromium();
    county = await signIn(browser, server.baseUrl, 'chengqu-alerts', pw);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the unit\'s open alerts as the API does and acknowledges one with a note', async () => {
    const open = (await (await api('/api/alerts?state=open')).json()) as AlertView[];
    expect(open.length).toBeGreaterThan(0);
    await goTo(county, '预警');
    await county.getByRole('heading', { name: '预警' }).waitFor();
    await settled(county);
    const rows = county.locator('[data-testid="alerts"] tbody tr');
    expect(await rows.count()).toBe(open.length);
    for (const a of open) await expect(rows.filter({ hasText: a.message }).count()).resolves.toBe(1);
    // JC-140502-2023-0001 (deadline 07-17) was escalated on 07-21
    const escalated = open.find((a) => a.escalatedTo === 'city_office')!;
    expect(escalated.recordRef).toBe('JC-140502-2023-0001');
    expect(await rows.filter({ hasText: escalated.message }).innerText()).toContain('市领导小组办公室');

    const target = open[0];
    await county.getByTestId(`ack-${target.id}`).click();
    const form = county.getByTestId('form-acknowledge');
    await form.getByLabel('确认说明').fill('已督促企业整改，本周内完成');
    await county.screenshot({ path: path.join(ARTIFACTS, 'alerts.png'), fullPage: true });
    await form.getByRole('button', { name: '确认', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await settled(county);
    await expect(rows.count()).resolves.toBe(open.length - 1);

    const after = ((await (await api(`/api/alerts?unit=${CHENGQU}&state=acknowledged`)).json()) as AlertView[]).find((a) => a.id === target.id);
    expect(after).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'chengqu-alerts', note: '已督促企业整改，本周内完成' });
  }, 180_000);

  it('sets the unit\'s own webhook address from the page, and removes it by leaving it empty', async () => {
    const stored = async () => ((await server.t.db.dataSource.query(`SELECT url FROM alert_webhooks WHERE unit_code = $1`, [CHENGQU])) as { url: string }[])[0]?.url;
    const save = async (url: string) => {
      await county.getByTestId('webhook').getByRole('button', { name: '预警推送地址' }).click();
      const form = county.getByTestId('form-webhook');
      // a county branch sets its own unit's: no unit to choose
      expect(await form.getByLabel(/^单位/).count()).toBe(0);
      await form.getByLabel(/^推送地址/).fill(url);
      await form.getByRole('button', { name: '保存' }).click();
      await form.waitFor({ state: 'detached' });
    };
    await save('https://im.example/chengqu-bot?token=t1');
    expect(await stored()).toBe('https://im.example/chengqu-bot?token=t1');
    await save('');
    expect(await stored()).toBeUndefined();
  }, 120_000);
});
