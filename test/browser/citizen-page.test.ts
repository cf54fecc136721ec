import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { browserSuite } from './browser-suite';
import { saveScreenshot } from './artifacts';
import { expectNoSeriousA11yViolations } from './axe';
import { type RunningApp } from './running-app';
import { showsText } from './waits';

/**
 * The citizens' public page on a phone-sized screen, against the real system (`npm start`):
 * no login and no staff menu, a demand submitted and its code shown, the progress found by
 * code and the phone's last four digits, and a fire happening now answered with 119 at once.
 * Screenshots go to /tmp/minsheng-citizen-*.png.
 */
jest.setTimeout(10 * 60_000);

const STATUS_LABELS = ['已受理', '初审中', '复核中', '派单中', '办理中', '暂停计时', '已分流'];

describe('citizen page in Chromium at 375 px', () => {
  const apiCalls: string[] = [];
  const suite = browserSuite(
    { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
    (page) => {
      apiCalls.length = 0;
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/api/')) apiCalls.push(`${request.method()} ${url.pathname}`);
      });
    },
  );
  let app: RunningApp;
  let page: Page;
  beforeEach(() => {
    ({ app, page } = suite);
  });

  async function submitThroughPage(content: string, phone: string): Promise<void> {
    await page.locator('textarea[data-test=content]').fill(content);
    await page.locator('input[data-test=phone]').fill(phone);
    await page.getByRole('button', { name: '提交诉求' }).click();
  }

  it('submits a demand without a login, shows its code, and finds it by code and phone digits', async () => {
    await page.goto(`${app.baseUrl}/citizen`);
    await page.waitForURL(/\/citizen\/submit$/);
    expect(await page.locator('.nav-menu').count()).toBe(0); // not the staff shell
    expect(apiCalls.filter((call) => call.includes('/api/session'))).toEqual([]);

    // Checked in the page before anything is sent.
    await page.getByRole('button', { name: '提交诉求' }).click();
    await showsText(page.locator('form'), '请填写诉求内容');
    await submitThroughPage('路灯坏了', '12345');
    await showsText(page.locator('form'), '请输入 11 位手机号码');
    await lacksText(page.locator('form'), '请填写诉求内容'); // gone once the content is there
    await saveScreenshot(page, 'citizen-form');
    await expectNoSeriousA11yViolations(page);
    expect(apiCalls.filter((call) => call.startsWith('POST'))).toEqual([]);

    const content = `村口桥头的路灯坏了一个多月，晚上行人看不清路（${randomBytes(3).toString('hex')}）。`;
    await page.locator('input[data-test=name]').fill('王小明');
    await page.locator('input[data-test=address]').fill('青山村三组桥头');
    await submitThroughPage(content, '13912345678');
    const codeLocator = page.locator('[data-test=demand-code]');
    await showsText(codeLocator, '-');
    const code = (await codeLocator.innerText()).trim();
    expect(code).toMatch(/^[0-9A-Za-z]{1,20}-\d{8}-\d{5,}$/);
    expect(await page.locator('[data-test=emergency]').count()).toBe(0);
    await saveScreenshot(page, 'citizen-submitted');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);

    // From the answer to the lookup, the code filled in; wrong digits find nothing.
    await page.getByRole('link', { name: '查看办理进度' }).click();
    await page.waitForURL(/\/citizen\/progress\?code=/);
    expect(await page.locator('input[data-test=lookup-code]').inputValue()).toBe(code);
    await page.locator('input[data-test=lookup-phone]').fill('0000');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await showsText(page.getByRole('alert').first(), '没有找到与该编号和手机号相符的诉求');

    await page.locator('input[data-test=lookup-phone]').fill('5678');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const status = (await waitForText(page.locator('[data-test=status]'))).trim();
    expect(STATUS_LABELS).toContain(status);
    expect(await page.locator('[data-test=progress] .el-step__title').allInnerTexts()).toEqual([
      '已受理',
      '审核',
      '办理',
      '验收评价',
      '办结',
    ]);
    expect(await page.locator('[data-test=progress]').innerText()).not.toContain('13912345678');
    await saveScreenshot(page, 'citizen-progress');
    await expectNoSeriousA11yViolations(page);
  });

  it('answers a fire happening now with 119 at once, big and dialable', async () => {
    await page.goto(`${app.baseUrl}/citizen/submit`);
    await submitThroughPage(
      `楼下着火了，火很大，有人被困（${randomBytes(2).toString('hex')}）`,
      '13812348765',
    );
    const number = page.locator('[data-test=emergency-number]');
    await showsText(number, '119');
    expect(await number.getAttribute('href')).toBe('tel:119');
    const fontSize = await number.evaluate((el) => {
      // Runs in the page; the test's TypeScript has no DOM types.
      const view = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
      return parseFloat(view.getComputedStyle(el).fontSize);
    });
    expect(fontSize).toBeGreaterThanOrEqual(40);
    expect(await page.locator('[data-test=demand-code]').innerText()).toMatch(/-\d{8}-\d{5,}$/);
    await saveScreenshot(page, 'citizen-emergency');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
  });
});

/** The page's scroll width: nothing may stick out sideways on a phone. */
function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

async function waitForText(locator: Locator, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await locator.innerText({ timeout: 1000 }).catch(() => '');
    if (seen.trim() !== '') return seen;
    if (Date.now() > deadline) throw new Error(`no text in ${String(locator)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until the element's text no longer contains `text` (errors fade out). */
async function lacksText(locator: Locator, text: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await locator.innerText()).includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" stayed in ${String(locator)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
