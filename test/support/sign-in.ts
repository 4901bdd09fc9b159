import type { Browser, Page } from 'playwright-core';

// Signing in through the sign-in page, as a user does: one helper for every browser suite (the same
// dozen lines were copied into each).

/** Fills the sign-in form on `page` (opening `baseUrl` first unless told it is open) and waits for the shell. */
export async function fillSignIn(page: Page, baseUrl: string, username: string, password: string, o: { open?: boolean } = {}): Promise<void> {
  if (o.open !== false) await page.goto(`${baseUrl}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  // on a phone the nav is folded behind 菜单: present, not visible
  await page.waitForSelector('nav[aria-label="主导航"]', { state: 'attached' });
}

export interface SignInOptions {
  viewport?: { width: number; height: number };
  /** each step's timeout (playwright's default is 30 s) */
  timeout?: number;
  /** an error thrown in the page, reported for the test that caused it to fail */
  onPageError?: (message: string) => void;
}

/** Signs in in a browser context of its own (the session lives in the tab's storage: one per role). */
export async function signIn(browser: Browser, baseUrl: string, username: string, password: string, o: SignInOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: o.viewport ?? { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(o.timeout ?? 60_000);
  if (o.onPageError) page.on('pageerror', (e) => o.onPageError!(`${username}: ${e.message}`));
  await fillSignIn(page, baseUrl, username, password);
  return page;
}
