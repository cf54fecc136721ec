import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startApp, type RunningApp } from './running-app';

/** What a browser test file works with; `context` and `page` are fresh for every test. */
export interface BrowserSuite {
  readonly app: RunningApp;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every console line of the current test's page, for failure messages. */
  readonly consoleLines: string[];
}

/**
 * Registers the hooks every browser test file needs, inside its `describe`: Chromium and the
 * real system (`npm start`) once, a new browser context and page per test, and after each test
 * the check that the page raised no script error and no CSP violation (the app must run under
 * the server's CSP). `watch` adds listeners of the file's own to each new page.
 */
export function browserSuite(
  contextOptions: BrowserContextOptions,
  watch?: (page: Page) => void,
): BrowserSuite {
  let browser: Browser | undefined;
  let app: RunningApp | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  const consoleLines: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    app = await startApp();
  }, 8 * 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  }, 60_000);

  beforeEach(async () => {
    context = await browser!.newContext({ locale: 'zh-CN', ...contextOptions });
    // The system shares a small machine with other work: its answers may take a while.
    context.setDefaultTimeout(60_000);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      consoleLines.push(`${message.type()}: ${message.text()}`);
      // Answers such as 401 are logged by Chromium itself; the app handles them.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        pageErrors.push(message.text());
      }
    });
    watch?.(page);
  });
  afterEach(async () => {
    await context?.close();
    // Cleared before the check, so one test's errors are not blamed on the next ones.
    const errors = pageErrors.splice(0);
    consoleLines.length = 0;
    expect(errors).toEqual([]);
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet`);
    return value;
  };
  return {
    get app() {
      return started(app, 'the system');
    },
    get context() {
      return started(context, 'the browser context');
    },
    get page() {
      return started(page, 'the page');
    },
    consoleLines,
  };
}
