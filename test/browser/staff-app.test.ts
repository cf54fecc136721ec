import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { saveScreenshot } from './artifacts';
import { expectNoSeriousA11yViolations } from './axe';
import { browserSuite } from './browser-suite';
import { apiSession, type DemoLogin, type RunningApp } from './running-app';
import { showsText } from './waits';

/**
 * The staff web app in a real Chromium against the real system (`npm start`): logging in,
 * the menu by role, the language switch, a lost session, and a screener working a new demand
 * from the 工作台 with the keyboard. Screenshots go to test-artifacts/browser/.
 */
jest.setTimeout(10 * 60_000);

describe('staff web app in Chromium', () => {
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

  async function logInThroughPage(user: DemoLogin, password = user.password): Promise<void> {
    await page.getByLabel('用户名').fill(user.username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  const menuItems = () => page.locator('.nav-menu [data-menu]').allInnerTexts();

  it('says in Chinese that the password is wrong, and logs in with the right one', async () => {
    await page.goto(`${app.baseUrl}/`);
    await page.waitForURL(/\/login\?redirect=/);
    const dispatcher = login('demo-dispatcher');
    await expectNoSeriousA11yViolations(page);
    await logInThroughPage(dispatcher, 'not-the-password');
    await showsText(page.getByRole('alert').first(), '用户名或密码错误');
    await saveScreenshot(page, 'login-wrong-password');

    await logInThroughPage(dispatcher);
    await page.waitForURL(/\/workbench$/);
    expect(await page.locator('[data-test=user]').innerText()).toContain('刘洋');
  });

  // What each role's day needs, as the roles are described for the product: task workers get
  // the 工作台, leaders the oversight pages, auditors read everything and work nothing, process
  // owners keep the processes, admins the running system.
  const MENUS: Record<string, string[]> = {
    intake_clerk: ['工作台', '诉求', '台账'],
    village_staff: ['工作台', '诉求', '台账'],
    township_staff: ['工作台', '诉求', '台账', '红黑榜', '数据看板'],
    department_staff: ['工作台', '诉求', '台账'],
    dispatcher: ['工作台', '诉求', '台账', '红黑榜', '数据看板'],
    supervisor: ['工作台', '诉求', '台账', '红黑榜', '数据看板', '历史回放'],
    principal_leader: ['工作台', '诉求', '台账', '红黑榜', '数据看板', '历史回放'],
    discipline_inspector: ['工作台', '诉求', '台账', '红黑榜', '数据看板', '历史回放'],
    auditor: ['诉求', '台账', '红黑榜', '数据看板', '历史回放'],
    process_owner: ['诉求', '台账', '红黑榜', '数据看板', '历史回放', '运维', '流程建模'],
    admin: ['诉求', '台账', '运维'],
  };

  it('gives every role exactly its menu, and lands it on the first entry', async () => {
    const seen = new Set<string>();
    for (const user of app.logins.values()) {
      seen.add(user.role);
      await page.goto(`${app.baseUrl}/login`);
      await logInThroughPage(user);
      await page.waitForURL(/\/(workbench|demands)$/);
      expect({ role: user.role, menu: await menuItems() }).toEqual({
        role: user.role,
        menu: MENUS[user.role],
      });
      expect(page.url()).toMatch(MENUS[user.role]![0] === '工作台' ? /\/workbench$/ : /\/demands$/);
      await page.locator('[data-test=logout]').click();
      await page.waitForURL(/\/login\?reason=logout/);
    }
    expect([...seen].sort()).toEqual(Object.keys(MENUS).sort()); // one demo login per role
  });

  it('says the account is locked after repeated failures, with how long to wait', async () => {
    await page.goto(`${app.baseUrl}/login`);
    const intake = login('demo-intake');
    // The server locks an account after 5 failures (LOGIN_MAX_FAILURES) for 15 minutes.
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await logInThroughPage(intake, `wrong-${attempt}`);
      await showsText(page.getByRole('alert').first(), attempt < 5 ? '用户名或密码错误' : '锁定');
    }
    await logInThroughPage(intake); // the right password is refused while locked
    await showsText(page.getByRole('alert').first(), '账号已暂时锁定，请 15 分钟后再试');
    expect(page.url()).toMatch(/\/login$/);
  });

  it('shows each role its menu: no 工作台 for an auditor, no 运维 for village staff', async () => {
    await page.goto(`${app.baseUrl}/login`);
    await logInThroughPage(login('demo-auditor'));
    await page.waitForURL(/\/demands$/);
    expect(await menuItems()).toEqual(['诉求', '台账', '红黑榜', '数据看板', '历史回放']);
    await page.locator('[data-test=demand-search]').waitFor();
    // The 工作台's address is refused too, not only hidden.
    await page.goto(`${app.baseUrl}/workbench`);
    await page.waitForURL(/\/demands$/);

    await page.locator('[data-test=logout]').click();
    await page.waitForURL(/\/login\?reason=logout/);
    await logInThroughPage(login('demo-village'));
    await page.waitForURL(/\/workbench$/);
    expect(await menuItems()).toEqual(['工作台', '诉求', '台账']);

    await page.locator('[data-test=language]').click();
    await page.getByRole('option', { name: 'English' }).click();
    await showsText(page.locator('.nav-menu'), 'Workbench');
    expect(await menuItems()).toEqual(['Workbench', 'Demands', 'Ledgers']);
  });

  it('sends a user whose session ended to the login page and back where they were', async () => {
    await page.goto(`${app.baseUrl}/login`);
    await logInThroughPage(login('demo-township'));
    await page.waitForURL(/\/workbench$/);
    await page.goto(`${app.baseUrl}/workbench/123?x=1`);
    await showsText(page.locator('.detail-side'), '该任务已不存在');
    await context.clearCookies(); // the server no longer knows this browser's session
    await page.locator('[data-filter=unassigned]').click(); // asks the server again
    await page.waitForURL(/\/login\?redirect=.*reason=expired/);
    await showsText(page.locator('.login'), '登录已过期，请重新登录');
    await logInThroughPage(login('demo-township'));
    await page.waitForURL(/\/workbench\/123\?x=1$/);
  });

  it('fetches the CSRF token anew when another tab logged in again, and logs out for real', async () => {
    const township = login('demo-township');
    await page.goto(`${app.baseUrl}/login`);
    await logInThroughPage(township);
    await page.waitForURL(/\/workbench$/);
    // Another tab logs in (here a request beside the app): the browser's session, and so its
    // CSRF token, is a new one; this tab still holds the old token.
    const relogin = await page.evaluate(
      async (credentials) =>
        (
          await fetch('/api/session', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(credentials),
          })
        ).status,
      { username: township.username, password: township.password },
    );
    expect(relogin).toBe(200);

    await page.locator('[data-test=logout]').click(); // carries the first tab's old token
    await page.waitForURL(/\/login\?reason=logout/);
    const session = await page.evaluate(async () => (await fetch('/api/session')).status);
    expect(session).toBe(401); // the server ended the session: the logout was not refused
  });

  it('lets the screener claim and complete a new demand’s 初审 with the keyboard', async () => {
    const screener = login('demo-village');
    const content = `小区3号楼楼顶漏水，雨天顶楼住户家中渗水，物业一直未处理（${randomBytes(3).toString('hex')}）。`;
    const intake = await fetch(`${app.baseUrl}/api/demands`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await app.channelKey('hotline_12345')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        externalId: `12345-browser-${randomBytes(4).toString('hex')}`,
        content,
        citizen: { name: '刘德华', phone: '15512342654' },
        location: { address: '学府路社区3号楼', unitCode: screener.unitCode },
      }),
    });
    expect(intake.status).toBe(201);
    const code = ((await intake.json()) as { code: string }).code;

    await page.goto(`${app.baseUrl}/workbench`);
    await logInThroughPage(screener);
    await page.waitForURL(/\/workbench$/);
    await page.locator('[data-filter=groups]').click();
    const row = page.locator('[data-task]', { hasText: code });
    for (let tries = 0; (await row.count()) === 0; tries += 1) {
      if (tries > 90) throw new Error(`the 初审 task of ${code} never showed in 工作台`);
      await page.getByRole('button', { name: '刷新' }).click();
      await page.waitForTimeout(1000);
    }
    expect(await row.innerText()).toContain('初审');

    // Keyboard only: move to the task, open it, claim it.
    const rows = await page
      .locator('[data-task]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-task')));
    const taskKey = (await row.getAttribute('data-task'))!;
    await page.locator('[data-test=task-list]').focus();
    for (let i = 0; i < rows.indexOf(taskKey); i += 1) await page.keyboard.press('j');
    await showsText(page.locator('[data-task][aria-selected=true]'), code);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/workbench/${taskKey}$`));
    const demand = page.locator('[data-test=demand]');
    await showsText(demand, content);
    expect(await demand.locator('[data-test=citizen]').innerText()).toMatch(/刘\*+.*155\*{4}2654/);
    expect(await demand.innerText()).not.toContain('15512342654');
    await page.keyboard.press('c');
    await showsText(page.locator('[data-test=unclaim]'), '退回');

    // The form, rendered by form-js: valid, 求决, 住房与物业; Ctrl+Enter submits it.
    await chooseInForm(page, '初审结论', '有效诉求');
    await chooseInForm(page, '诉求类别', '求决');
    await chooseInForm(page, '所属领域', '住房与物业');
    await saveScreenshot(page, 'workbench-task');
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Control+Enter');
    for (let tries = 0; !/\/workbench$/.test(page.url()); tries += 1) {
      const refused = page.locator('[data-test=form-errors]');
      if ((await refused.count()) > 0) throw new Error(`refused: ${await refused.innerText()}`);
      if (tries > 120) {
        await saveScreenshot(page, 'workbench-stuck');
        throw new Error(
          `the task was not completed within 60 s; console:\n${suite.consoleLines.join('\n')}`,
        );
      }
      await page.waitForTimeout(500);
    }
    await saveScreenshot(page, 'workbench-done');

    // Through the API: the demand left screening with what the screener decided.
    const api = await apiSession(app.baseUrl, screener);
    let detail: Record<string, unknown> = {};
    for (let tries = 0; tries < 60; tries += 1) {
      detail = (await api.get(`/api/demands/${code}`)).body;
      if (detail.status !== 'received' && detail.status !== 'screening') break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(detail).toMatchObject({
      status: 'reviewing',
      category: 'request',
      domain: 'housing',
      screening: expect.objectContaining({ outcome: 'valid' }),
    });
  });
});

/** Picks an option of a form-js select by its label texts. */
async function chooseInForm(page: Page, label: string, option: string): Promise<void> {
  const field = page
    .locator('.fjs-form-field')
    .filter({ has: page.locator('label', { hasText: label }) });
  await field.locator('.fjs-input-group').click();
  await field.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
  await showsText(field, option);
}
