import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { StaffApi } from './oversight-data';

/**
 * What a member of staff does in the 工作台, in a browser context of their own: log in, open
 * a task from the group list, claim it, fill its form-js form and submit it.
 */

export interface StaffPage {
  username: string;
  context: BrowserContext;
  page: Page;
  /** Script errors and console errors the page raised (must stay empty). */
  errors: string[];
}

/** A new context logged in through the login page, landed on the 工作台 or 诉求. */
export async function staffPage(
  browser: Browser,
  baseUrl: string,
  login: { username: string; password: string },
): Promise<StaffPage> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
  });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(login.username);
  await page.getByLabel('密码', { exact: true }).fill(login.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  return { username: login.username, context, page, errors };
}

interface TaskItem {
  key: string;
  elementId: string;
  demand: { code?: string } | null;
}

/** Waits (over the API) until the user is offered task `elementId` of `code`; its key. */
export async function taskOffered(
  staff: StaffApi,
  code: string,
  elementId: string,
  timeoutMs = 180_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = (await staff.call('GET', '/api/tasks?pageSize=100')) as { items: TaskItem[] };
    const task = list.items.find((t) => t.demand?.code === code && t.elementId === elementId);
    if (task) return task.key;
    if (Date.now() > deadline) throw new Error(`no task ${elementId} of ${code} in time`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Opens the task from the 工作台's group list (refreshing until it shows) and claims it. */
export async function openAndClaim(staff: StaffPage, baseUrl: string, key: string): Promise<void> {
  const { page } = staff;
  await page.goto(`${baseUrl}/workbench`);
  await page.locator('[data-filter=groups]').click();
  const row = page.locator(`[data-task="${key}"]`);
  for (let tries = 0; (await row.count()) === 0; tries += 1) {
    if (tries > 60) throw new Error(`task ${key} never showed in ${staff.username}'s 工作台`);
    await page.getByRole('button', { name: '刷新' }).click();
    await page.waitForTimeout(1000);
  }
  await row.click();
  await page.waitForURL(new RegExp(`/workbench/${key}$`));
  await page.locator('[data-test=claim]').click();
  await page.locator('[data-test=unclaim]').waitFor();
}

/** The form-js field whose label reads `label`. */
export function formField(page: Page, label: string): Locator {
  return page
    .locator('[data-test=task-form] .fjs-form-field')
    .filter({ has: page.locator('label', { hasText: label }) });
}

/** Picks an option of a form-js select by its label texts. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  const field = formField(page, label);
  await field.locator('.fjs-input-group').click();
  await field.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
  await showsText(field, option);
}

/** Types into a form-js text field or text area. */
export async function write(page: Page, label: string, text: string): Promise<void> {
  await formField(page, label).locator('textarea, input').first().fill(text);
}

/** Ticks a form-js checkbox. */
export async function tick(page: Page, label: string): Promise<void> {
  await formField(page, label).locator('input[type=checkbox]').check();
}

/** Submits the open form and waits until the 工作台 has let go of the task. */
export async function submitForm(staff: StaffPage): Promise<void> {
  const { page } = staff;
  await page.locator('[data-test=submit]').click();
  for (let tries = 0; !/\/workbench$/.test(page.url()); tries += 1) {
    const refused = page.locator('[data-test=form-errors]');
    if ((await refused.count()) > 0) throw new Error(`refused: ${await refused.innerText()}`);
    if (tries > 180) throw new Error(`${staff.username}: the task was not completed in 90 s`);
    await page.waitForTimeout(500);
  }
}

/** Waits until the element's text contains `text` (the page updates after requests). */
export async function showsText(locator: Locator, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  for (;;) {
    seen = await locator.innerText({ timeout: 1000 }).catch(() => seen);
    if (seen.includes(text)) return;
    if (Date.now() > deadline)
      throw new Error(`expected "${text}" in ${String(locator)}; saw "${seen}"`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
