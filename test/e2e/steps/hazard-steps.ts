// The hazard journey's steps in the browser, by clicks and typing only, each taking a signed-in Page: the
// hazard's own page (/ledger/:ledgerNo) is opened by its address, the way a link in a notice opens it.
// Reused by the all-roles journey; each step ends when the form has closed and the page shows the new state.
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { signIn as signInAs } from '../../support/sign-in.js';

export interface StepOptions {
  /** where to save a screenshot of the filled form (hazard-<name>.png); none when absent */
  artifacts?: string;
}


/** Signs in through the sign-in page, in a context of its own (one session per role in one browser). */
export function signIn(browser: Browser, baseUrl: string, username: string, password: string, viewport = { width: 1366, height: 900 }): Promise<Page> {
  return signInAs(browser, baseUrl, username, password, { viewport });
}

/** follows a nav item, opening the 菜单 first when the nav is folded (phone width) */
export async function goTo(page: Page, navLabel: string): Promise<void> {
  const link = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: navLabel, exact: true });
  const menu = page.getByRole('button', { name: '菜单', exact: true });
  if (!(await link.isVisible()) && (await menu.count()) && (await menu.isVisible())) await menu.click();
  await link.click();
}

/** waits until no view is still loading */
export async function settled(page: Page): Promise<void> {
  await page.locator('.state-loading').first().waitFor({ state: 'detached' });
}

async function shot(page: Page, o: StepOptions, name: string): Promise<void> {
  if (o.artifacts) await page.screenshot({ path: path.join(o.artifacts, `hazard-${name}.png`), fullPage: true });
}

/** the hazard's page, opened by its address (again: another user may have moved it meanwhile) */
export async function openHazard(page: Page, ledgerNo: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/ledger/${encodeURIComponent(ledgerNo)}`);
  await page.getByRole('heading', { name: `隐患 ${ledgerNo}` }).waitFor();
  await settled(page);
}

/** a workflow button's gate on the hazard page (its button and the reason written beside it) */
export const gate = (page: Page, label: string): Locator => page.locator('.action-gate').filter({ has: page.getByRole('button', { name: label, exact: true }) });

/** opens a workflow button's form */
export async function openStep(page: Page, ledgerNo: string, label: string, testId: string): Promise<Locator> {
  await openHazard(page, ledgerNo);
  await gate(page, label).getByRole('button', { name: label, exact: true }).click();
  const form = page.getByTestId(testId);
  await form.waitFor();
  return form;
}

/** sends an open form and waits until it has closed (the server accepted) and the page has reloaded */
async function submit(page: Page, form: Locator): Promise<void> {
  await form.getByRole('button', { name: '提交' }).click();
  await form.waitFor({ state: 'detached' });
  await settled(page);
}

export interface ReportInput {
  ledgerNo: string;
  enterpriseCreditCode: string;
  /** the reporting unit: chosen by the city office, fixed for a county */
  unitCode?: string;
  /** the Chinese name shown by the 来源 select, e.g. 企业自查 */
  source: string;
  foundOn: string;
  category: string;
  description: string;
  signedBy: string;
  inspectionId?: string;
}

/** 上报隐患 on the ledger page; ends on the new hazard's page. */
export async function reportHazard(page: Page, h: ReportInput, o: StepOptions = {}): Promise<void> {
  await goTo(page, '台账');
  const form = page.getByTestId('form-report');
  // the button opens and closes the form: press it only when the form is not open already
  if (!(await form.isVisible())) await page.getByRole('button', { name: '上报隐患' }).click();
  await form.waitFor();
  await form.getByLabel('台账编号').fill(h.ledgerNo);
  await form.getByLabel('企业 (统一社会信用代码)').selectOption(h.enterpriseCreditCode);
  if (h.unitCode) await form.getByLabel('报告单位').selectOption(h.unitCode);
  await form.getByLabel('来源').selectOption({ label: h.source });
  await form.getByLabel('发现日期').fill(h.foundOn);
  await form.getByLabel('类别').fill(h.category);
  await form.getByLabel('隐患描述').fill(h.description);
  if (h.inspectionId) await form.getByLabel('检查编号').fill(h.inspectionId);
  await form.getByLabel('签字人').fill(h.signedBy);
  await shot(page, o, 'report');
  await form.getByRole('button', { name: '提交' }).click();
  await page.waitForURL((u) => decodeURIComponent(u.pathname) === `/ledger/${h.ledgerNo}`);
  await openHazard(page, h.ledgerNo);
}

/** 企业确认: the form offers the enterprise's main leader as signer; `signedBy` overrides it when given. */
export async function confirmByEnterprise(page: Page, ledgerNo: string, signedBy?: string, o: StepOptions = {}): Promise<string> {
  const form = await openStep(page, ledgerNo, '企业确认', 'form-confirm-enterprise');
  if (signedBy !== undefined) await form.getByLabel('签字人').fill(signedBy);
  const signer = await form.getByLabel('签字人').inputValue();
  await shot(page, o, 'confirm-enterprise');
  await submit(page, form);
  return signer;
}

/** 单位确认: the second level of 两级确认 */
export async function confirmByUnit(page: Page, ledgerNo: string, signedBy: string, o: StepOptions = {}): Promise<void> {
  const form = await openStep(page, ledgerNo, '单位确认', 'form-confirm-unit');
  await form.getByLabel('签字人').fill(signedBy);
  await shot(page, o, 'confirm-unit');
  await submit(page, form);
}

export interface PlanInput {
  responsiblePerson: string;
  measures: string;
  fundsWan: string;
  deadline: string;
  contingencyPlan: string;
  signedBy: string;
}

/** fills the 整改方案 form without sending it */
export async function fillPlan(form: Locator, p: PlanInput): Promise<void> {
  await form.getByLabel('责任人').fill(p.responsiblePerson);
  await form.getByLabel('措施').fill(p.measures);
  await form.getByLabel('资金（万元）').fill(p.fundsWan);
  await form.getByLabel('期限').fill(p.deadline);
  await form.getByLabel('应急预案').fill(p.contingencyPlan);
  await form.getByLabel('签字人').fill(p.signedBy);
}

/** 整改方案 */
export async function filePlan(page: Page, ledgerNo: string, p: PlanInput, o: StepOptions = {}): Promise<void> {
  const form = await openStep(page, ledgerNo, '整改方案', 'form-plan');
  await fillPlan(form, p);
  await shot(page, o, 'plan');
  await submit(page, form);
}

/** 交办 to a county-level unit (its code) */
export async function assignHazard(page: Page, ledgerNo: string, unitCode: string, signedBy: string, o: StepOptions = {}): Promise<void> {
  const form = await openStep(page, ledgerNo, '交办', 'form-assign');
  await form.getByLabel('交办单位').selectOption(unitCode);
  await form.getByLabel('签字人').fill(signedBy);
  await shot(page, o, 'assign');
  await submit(page, form);
}

/** 挂牌督办; `level` is the Chinese name shown (县级, 市级, 政府) */
export async function listHazard(page: Page, ledgerNo: string, l: { level: string; tracker: string; signedBy: string }, o: StepOptions = {}): Promise<void> {
  const form = await openStep(page, ledgerNo, '挂牌督办', 'form-list');
  await form.getByLabel('督办级别').selectOption({ label: l.level });
  await form.getByLabel('跟踪督办责任人').fill(l.tracker);
  await form.getByLabel('签字人').fill(l.signedBy);
  await shot(page, o, 'list');
  await submit(page, form);
}

/** 反馈 (every Friday, by formal document number) */
export async function giveFeedback(page: Page, ledgerNo: string, f: { documentNo: string; progress: string; signedBy: string }, o: StepOptions = {}): Promise<void> {
  const form = await openStep(page, ledgerNo, '反馈', 'form-feedback');
  await form.getByLabel('文号').fill(f.documentNo);
  await form.getByLabel('进展').fill(f.progress);
  await form.getByLabel('签字人').fill(f.signedBy);
  await shot(page, o, 'feedback');
  await submit(page, form);
}

/** 整改, dated `rectifiedOn` (today when absent) */
export async function rectifyHazard(page: Page, ledgerNo: string, signedBy: string, rectifiedOn?: string, o: StepOptions = {}): Promise<void> {
  const form = await openStep(page, ledgerNo, '整改', 'form-rectify');
  if (rectifiedOn) await form.getByLabel('整改日期').fill(rectifiedOn);
  await form.getByLabel('签字人').fill(signedBy);
  await shot(page, o, 'rectify');
  await submit(page, form);
}

/** 办结销号 */
export async function closeHazard(page: Page, ledgerNo: string, signedBy: string, o: StepOptions = {}): Promise<void> {
  const form = await openStep(page, ledgerNo, '办结销号', 'form-close');
  await form.getByLabel('签字人').fill(signedBy);
  await shot(page, o, 'close');
  await submit(page, form);
}

/** the state of a workflow button as shown: absent, or enabled/disabled with the reason written beside it */
export async function buttonState(page: Page, ledgerNo: string, label: string): Promise<{ shown: false } | { shown: true; enabled: boolean; reason: string }> {
  await openHazard(page, ledgerNo);
  const g = gate(page, label);
  if ((await g.count()) === 0) return { shown: false };
  const enabled = await g.getByRole('button', { name: label, exact: true }).isEnabled();
  const why = g.locator('.action-why');
  return { shown: true, enabled, reason: (await why.count()) ? ((await why.textContent()) ?? '').trim() : '' };
}
