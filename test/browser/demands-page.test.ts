import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { saveScreenshot } from './artifacts';
import { expectNoSeriousA11yViolations } from './axe';
import { browserSuite } from './browser-suite';
import { type DemoLogin, type RunningApp } from './running-app';
import { showsText, waitFor } from './waits';

/**
 * The 诉求 page in a real Chromium against the real system: a search by a word of one demand
 * finds only it, the filters stay in a shareable URL, and its detail shows the content with
 * the phone masked until the user asks for the full value. Screenshots go to /tmp.
 */
jest.setTimeout(10 * 60_000);

describe('诉求 page in Chromium', () => {
  const suite = browserSuite({ viewport: { width: 1440, height: 900 } });
  let app: RunningApp;
  let context: BrowserContext;
  let page: Page;
  beforeEach(() => {
    ({ app, context, page } = suite);
  });

  const login = (username: string): DemoLogin => {
    const found = app.logins.get(username);
    if (!found) throw new Error(`no demo login ${username} in npm start's output`);
    return found;
  };

  async function submitDemand(content: string, phone: string, unitCode: string): Promise<string> {
    const answer = await fetch(`${app.baseUrl}/api/demands`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await app.channelKey('hotline_12345')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        externalId: `12345-demands-${randomBytes(4).toString('hex')}`,
        content,
        citizen: { name: '刘德华', phone },
        location: { address: '学府路社区', unitCode },
      }),
    });
    expect(answer.status).toBe(201);
    return ((await answer.json()) as { code: string }).code;
  }

  it('finds a demand by a word of its content and shows it with the phone masked', async () => {
    const staff = login('demo-village');
    const word = `路灯${randomBytes(3).toString('hex')}`;
    const wanted = await submitDemand(
      `学府路社区南门${word}连续一周不亮，夜间老人出行不便，请尽快修复。`,
      '15512342654',
      staff.unitCode,
    );
    const other = await submitDemand(
      `学府路社区垃圾清运不及时（${randomBytes(3).toString('hex')}），夏天异味很大。`,
      '13900001111',
      staff.unitCode,
    );

    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('用户名').fill(staff.username);
    await page.getByLabel('密码', { exact: true }).fill(staff.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/workbench$/);
    await page.locator('.nav-menu [data-menu=demands]').click();
    await page.waitForURL(/\/demands$/);
    // Both are listed before the search (newest first or not: both are within scope).
    await showsText(page.locator('[data-test=demand-table]'), other);

    await page.locator('input[data-test=search-q], [data-test=search-q] input').fill(word);
    await page.locator('[data-test=search-submit]').click();
    await page.waitForURL(
      (url) => url.pathname === '/demands' && url.searchParams.get('q') === word,
    );
    const table = page.locator('[data-test=demand-table]');
    await showsText(table, wanted);
    await waitFor(async () => (await table.locator('[data-demand]').count()) === 1);
    expect(await table.innerText()).not.toContain(other);
    expect(await page.locator('.el-pagination').innerText()).toContain('1');
    await saveScreenshot(page, 'demands-search');
    await expectNoSeriousA11yViolations(page);

    await table.locator(`[data-demand="${wanted}"]`).click();
    await page.waitForURL(
      (url) => url.pathname === `/demands/${wanted}` && url.searchParams.get('q') === word,
    );
    const detail = page.locator('[data-test=demand-detail]');
    await showsText(detail.locator('[data-test=content]'), word);
    expect(await detail.locator('[data-test=citizen-phone]').innerText()).toBe('155****2654');
    expect(await detail.innerText()).not.toContain('15512342654');
    await saveScreenshot(page, 'demands-detail');
    await expectNoSeriousA11yViolations(page);

    // Village staff contact citizens: the full phone on request (the server logs the read).
    await detail.locator('[data-test=reveal-citizen]').click();
    await showsText(detail.locator('[data-test=citizen-phone]'), '15512342654');

    // The link carries the search and the open demand: a fresh page shows the same.
    const shared = await context.newPage();
    await shared.goto(page.url());
    await showsText(shared.locator('[data-test=demand-detail] [data-test=content]'), word);
    expect(
      await shared.locator('input[data-test=search-q], [data-test=search-q] input').inputValue(),
    ).toBe(word);
    expect(await shared.locator('[data-test=demand-table]').innerText()).not.toContain(other);
  });
});
