// The users page's 修改角色 in a real Chromium (issue 12, item 4): the city office gives a county clerk a
// new role and unit by clicks and typing; the result is read back from GET /api/users, the clerk's old
// token stops working at once (the API ends the user's sessions on a new role or unit) and a new sign-in
// carries the new role. A refusal (a city role with a unit) is shown beside 所属单位 and changes nothing;
// a county user has no users page and its forged PATCH is refused. Screenshots: test/artifacts/users-*.png.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { ROLE_LABEL } from '../../dashboard/src/labels.js';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from '../support/chromium.js';
import { signIn } from '../support/sign-in.js';
import type { UserItem } from '../../dashboard/src/features/users/user-rows.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test/artifacts');
const ZEZHOU = '140525';
const GAOPING = '140581';
const SLOW = 180_000;

type Api = (p: string, init?: RequestInit) => Promise<Response>;

describeWith(['chromium'], 'a user\'s role and unit changed on the users page', () => {
  let server: TestServer;
  let browser: Browser;
  let api: Api;
  let admin: Page;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dashboard.js')], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_LOG_LEVEL: 'warn' } });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    api = await server.login('admin', server.adminPassword);
    browser = await launchChromium();
    admin = await signIn(browser, server.baseUrl, 'admin', server.adminPassword);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `users-${name}.png`), fullPage: true });
  const user = async (username: string): Promise<UserItem | undefined> => {
    const r = await api('/api/users?pageSize=500');
    expect(r.status).toBe(200);
    return ((await r.json()) as { items: UserItem[] }).items.find((u) => u.username === username);
  };

  it('moves a county clerk to 执法人员 of another county: saved, the old token refused, the new sign-in scoped anew', async () => {
    const password = await server.createUser('zezhou-mover', 'county_branch', ZEZHOU);
    const old = await server.login('zezhou-mover', password);
    expect(await (await old('/api/me')).json()).toEqual({ username: 'zezhou-mover', role: 'county_branch', unitCode: ZEZHOU });

    await admin.getByRole('link', { name: '用户' }).click();
    await admin.waitForURL(/\/users/);
    const row = admin.locator('[data-testid="user-row"][data-username="zezhou-mover"]');
    await row.getByRole('button', { name: '修改角色' }).click();
    const form = row.getByTestId('change-role-form');
    // the form starts from the user as the API holds it
    await expect(form.getByLabel(/^角色/).inputValue()).resolves.toBe('county_branch');
    await expect(form.getByLabel(/^所属单位/).inputValue()).resolves.toBe(ZEZHOU);

    // a city role keeps no unit: refused beside 所属单位, what was chosen kept, nothing changed
    await form.getByLabel(/^角色/).selectOption({ label: ROLE_LABEL.viewer });
    await form.getByRole('button', { name: '保存' }).click();
    await form.locator('.field-problem').waitFor();
    await expect(form.locator('.form-field', { has: admin.locator('label', { hasText: /^所属单位/ }) }).locator('.field-problem').count()).resolves.toBe(1);
    await expect(form.getByLabel(/^角色/).inputValue()).resolves.toBe('viewer');
    await shot(admin, 'role-refused');
    expect(await user('zezhou-mover')).toMatchObject({ role: 'county_branch', unitCode: ZEZHOU });
    expect((await old('/api/me')).status).toBe(200);

    await form.getByLabel(/^角色/).selectOption({ label: ROLE_LABEL.inspector });
    await form.getByLabel(/^所属单位/).selectOption(GAOPING);
    await shot(admin, 'role-form');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'detached' });
    const after = await user('zezhou-mover');
    expect(after).toMatchObject({ role: 'inspector', unitCode: GAOPING, disabled: false });
    // the row shows what the API now holds
    await row.locator('[data-col="role"]', { hasText: ROLE_LABEL.inspector }).waitFor();
    await expect(row.locator('[data-col="unit"]').textContent()).resolves.toBe('高平市');
    await shot(admin, 'role-changed');

    // the token made for the old rights ends at once; signing in again gives the new ones
    expect((await old('/api/me')).status).toBe(401);
    expect((await old(`/api/hazards?unit=${ZEZHOU}`)).status).toBe(401);
    const fresh = await server.login('zezhou-mover', password);
    expect(await (await fresh('/api/me')).json()).toEqual({ username: 'zezhou-mover', role: 'inspector', unitCode: GAOPING });
  }, SLOW);

  it('sets and then removes a user\'s e-mail address (where alerts are mailed) without ending the session', async () => {
    const password = await server.createUser('zezhou-mail', 'county_branch', ZEZHOU);
    const session = await server.login('zezhou-mail', password);
    await admin.goto(`${server.baseUrl}/users`);
    const row = admin.locator('[data-testid="user-row"][data-username="zezhou-mail"]');
    const edit = async (address: string) => {
      await row.getByRole('button', { name: '修改角色' }).click();
      const form = row.getByTestId('change-role-form');
      await form.getByLabel(/^电子邮箱/).fill(address);
      await form.getByRole('button', { name: '保存' }).click();
      await form.waitFor({ state: 'detached' });
    };
    await edit('zz-mail@zezhou.example');
    expect(await user('zezhou-mail')).toMatchObject({ role: 'county_branch', unitCode: ZEZHOU, email: 'zz-mail@zezhou.example' });
    await edit('');
    expect((await user('zezhou-mail'))?.email).toBeNull();
    // only the address changed: the user's token still works
    expect((await session('/api/me')).status).toBe(200);
  }, SLOW);

  it('gives a county user no users page, and refuses its forged PATCH with 403', async () => {
    const password = await server.createUser('zezhou-forger', 'county_branch', ZEZHOU);
    const page = await signIn(browser, server.baseUrl, 'zezhou-forger', password);
    expect(await page.getByRole('link', { name: '用户' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/users`);
    await page.locator('.state-forbidden').waitFor();
    expect(await page.getByRole('button', { name: '修改角色' }).count()).toBe(0);
    await shot(page, 'county');
    await page.context().close();
    const forged = await (await server.login('zezhou-forger', password))('/api/users/zezhou-forger', { method: 'PATCH', body: JSON.stringify({ role: 'city_office', unitCode: null }) });
    expect(forged.status).toBe(403);
    expect(await user('zezhou-forger')).toMatchObject({ role: 'county_branch', unitCode: ZEZHOU });
  }, SLOW);
});
