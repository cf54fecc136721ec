import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './artifacts';
import { expectNoSeriousA11yViolations } from './axe';
import { browserSuite } from './browser-suite';
import { apiSession, type DemoLogin, type RunningApp } from './running-app';
import { ensureModelerAppBuilt } from '../support/web-app';
import { showsText } from './waits';

/**
 * The process modeler in a real Chromium against the real system: the process owner opens
 * demand-handling, makes its warning timer fire an hour earlier, deploys version 2, which the
 * next demand runs on; the comparison of versions 1 and 2 names the timer; the demand still on
 * version 1 moves to version 2 after a dry run with an edited mapping. The timer is changed
 * through the modeler's own API (`modeling.updateModdleProperties`, as the properties panel
 * does), then read back from the properties panel: typing into its FEEL editor is not what
 * this test is about.
 */
jest.setTimeout(10 * 60_000);

const EARLIER_WARNING = '=date and time(warnAt) - duration("PT1H")';

describe('process modeler in Chromium', () => {
  beforeAll(() => ensureModelerAppBuilt(), 5 * 60_000);
  const suite = browserSuite({ viewport: { width: 1600, height: 950 } });
  let app: RunningApp;
  let page: Page;
  beforeEach(() => {
    ({ app, page } = suite);
  });

  const login = (username: string): DemoLogin => {
    const found = app.logins.get(username);
    if (!found) throw new Error(`no demo login ${username} in npm start's output`);
    return found;
  };

  async function logIn(who: DemoLogin): Promise<void> {
    await page.getByLabel('用户名').fill(who.username);
    await page.getByLabel('密码', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  /** Sets the warning timer's expression as the properties panel would. */
  async function setWarningTimer(expression: string): Promise<void> {
    await page.evaluate((body) => {
      type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
      const modeler = (globalThis as Any).bpmnModeler;
      const element = modeler.get('elementRegistry').get('warn-timer');
      const timeDate = element.businessObject.eventDefinitions[0].timeDate;
      modeler.get('modeling').updateModdleProperties(element, timeDate, { body });
      modeler.get('selection').select(element);
    }, expression);
  }

  async function deploy(): Promise<void> {
    await page.locator('button.deploy').click();
    await page.locator('.el-message-box').getByRole('button', { name: '部署' }).click();
  }

  it('deploys a changed warning timer as version 2, used by the next demand', async () => {
    const owner = login('demo-process');
    await page.goto(`${app.baseUrl}/modeler/`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/modeler/');
    await logIn(owner);
    await page.waitForURL((url) => url.pathname === '/modeler/');

    // Load time: a fresh load of the page until the process list is there.
    const started = Date.now();
    await page.goto(`${app.baseUrl}/modeler/`);
    const handling = page.locator('[data-process=demand-handling]');
    await handling.waitFor();
    console.log(`process modeler: list shown ${Date.now() - started} ms after navigation`);

    const opened = Date.now();
    await handling.locator('[data-version="1"] .open-version').click();
    const warnTimer = page.locator('.djs-element[data-element-id=warn-timer]');
    await warnTimer.waitFor();
    console.log(`process modeler: demand-handling v1 drawn in ${Date.now() - opened} ms`);
    await showsText(page.locator('[data-testid=open-model]'), '版本 1');
    await showsText(page.locator('.problems'), '问题');

    await setWarningTimer(EARLIER_WARNING);
    // The properties panel shows the selected timer with the new expression.
    await showsText(page.locator('.bio-properties-panel-header'), '预警时间到');
    const timerGroup = page.locator('[data-group-id=group-timer]');
    await timerGroup.locator('.bio-properties-panel-group-header').click();
    await showsText(timerGroup, 'duration("PT1H")');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'modeler-editor');

    // A demand already running on version 1, waiting at 初审, for the migration below.
    const running = await submitDemand();
    await waitForValue(async () => {
      const key = await instanceOf(owner, running);
      if (!key) return undefined;
      const found = await fetch(`${engineRestUrl(app)}/v2/element-instances/search`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          filter: { processInstanceKey: key, elementId: 'screen-first', state: 'ACTIVE' },
        }),
      });
      return ((await found.json()) as { items: unknown[] }).items.length > 0 ? true : undefined;
    });

    await deploy();
    await showsText(page.locator('.el-message--success'), '已部署：demand-handling 版本 2');
    await handling.locator('[data-version="2"]').waitFor();
    await showsText(page.locator('[data-testid=open-model]'), '版本 2');

    // The next demand runs on version 2.
    const versions = await processVersions(owner);
    const v2 = versions.find((v) => v.version === 2)!;
    expect(v2).toBeDefined();
    const code = await submitDemand();
    const instanceKey = await waitForValue(() => instanceOf(owner, code));
    const instance = (await (
      await fetch(`${engineRestUrl(app)}/v2/process-instances/${instanceKey}`)
    ).json()) as { processDefinitionKey: string; processDefinitionVersion: number };
    expect(instance).toMatchObject({ processDefinitionKey: v2.key, processDefinitionVersion: 2 });

    // Compare versions 1 and 2: the changed timer is coloured and listed.
    await handling.locator('[data-version="2"] .compare-version').click();
    const dialog = page.locator('.diff-dialog');
    const changed = dialog.locator('.change-list [data-element=warn-timer]');
    await changed.waitFor();
    await dialog.locator('.diff-changed[data-element-id=warn-timer]').first().waitFor();
    const row = dialog
      .locator('.change-list tr', { has: page.locator('[data-element=warn-timer]') })
      .first();
    expect(await row.innerText()).toContain('修改');
    expect(await row.innerText()).toContain('duration("PT1H")');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'modeler-diff');

    // The demands still running on version 1 move to version 2: dry run first, then confirmed.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await handling.locator('[data-version="1"] .migrate-version').click();
    const migration = page.locator('[data-test=migration-dialog]');
    const summary = migration.locator('[data-test=migration-summary]');
    await showsText(summary, '其中 0 个将被拒绝');
    expect(await migration.innerText()).toContain('版本 2');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'modeler-migration-preview');
    expect(await migration.innerText()).toContain(running);

    // The mapping is editable: 初审, where the demand waits, is listed first with its count,
    // proposed to map to itself. Mapped to none, the dry run shows the engine's refusal.
    const screening = migration.locator('.mapping-table tbody tr', {
      has: page.locator('[data-element=screen-first]'),
    });
    expect(await screening.innerText()).toContain('初审 (screen-first)');
    expect(await screening.innerText()).toContain('1 个运行中');
    const chooseTarget = async (option: string) => {
      await screening.locator('[data-element=screen-first] .el-select').click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    await chooseTarget('不迁移');
    await showsText(summary, '其中 1 个将被拒绝');
    const outcome = migration.locator('.migration-preview tbody tr').first();
    await showsText(outcome, '将被拒绝');
    expect(await outcome.innerText()).toContain(
      "No mapping instruction defined for active element with id 'screen-first'",
    );
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'modeler-migration-mapping');

    // Mapped back to 初审 of version 2, the demand can move, and moves with that mapping.
    await chooseTarget('初审 (screen-first)');
    await showsText(summary, '其中 0 个将被拒绝');
    await showsText(outcome, '可以迁移');
    await migration.locator('[data-test=confirm-migration]').click();
    await showsText(migration, '已迁移 1 个，拒绝 0 个');
    await saveScreenshot(page, 'modeler-migration-done');
  });

  it('shows the engine’s refusal beside the element it names', async () => {
    await page.goto(`${app.baseUrl}/login?redirect=/modeler/`);
    await logIn(login('demo-process'));
    await page.waitForURL((url) => url.pathname === '/modeler/');
    const handling = page.locator('[data-process=demand-handling]');
    await handling.locator('.open-version').first().click();
    await page.locator('.djs-element[data-element-id=warn-timer]').waitFor();
    await setWarningTimer('=warnAt +');
    await deploy();
    await showsText(page.locator('.el-message--error'), '引擎拒绝部署');
    const overlay = page.locator('.djs-overlay-engine-refusal .engine-refusal');
    await showsText(overlay, 'warn-timer');
    await saveScreenshot(page, 'modeler-refused');
  });

  it('sends other roles back to the workbench with a notice', async () => {
    await page.goto(`${app.baseUrl}/login`);
    await logIn(login('demo-village'));
    await page.waitForURL(/\/workbench$/);
    await page.goto(`${app.baseUrl}/modeler/`);
    await showsText(page.locator('[data-testid=modeler-notice]'), '流程建模仅限流程负责人使用');
    await page.waitForURL((url) => !url.pathname.startsWith('/modeler'));
  });

  async function processVersions(owner: DemoLogin) {
    const session = await apiSession(app.baseUrl, owner);
    const list = await session.get('/api/modeler/processes');
    const items = list.body.items as {
      processDefinitionId: string;
      versions: { key: string; version: number }[];
    }[];
    return items.find((p) => p.processDefinitionId === 'demand-handling')!.versions;
  }

  /** The demand's process instance, once the server recorded it. */
  async function instanceOf(owner: DemoLogin, code: string): Promise<string | undefined> {
    const session = await apiSession(app.baseUrl, owner);
    const detail = await session.get(`/api/demands/${code}`);
    return (detail.body.processInstanceKey as string | null) ?? undefined;
  }

  async function submitDemand(): Promise<string> {
    const answer = await fetch(`${app.baseUrl}/api/demands`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await app.channelKey('hotline_12345')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        externalId: `12345-modeler-${randomBytes(4).toString('hex')}`,
        content: `学府路社区路灯${randomBytes(3).toString('hex')}不亮，夜间出行不便，请尽快修复。`,
        citizen: { name: '刘德华', phone: '15512342654' },
        location: { address: '学府路社区', unitCode: login('demo-village').unitCode },
      }),
    });
    expect(answer.status).toBe(201);
    return ((await answer.json()) as { code: string }).code;
  }
});

/** The engine's REST address, from the line `npm start` prints about it. */
function engineRestUrl(app: RunningApp): string {
  const match = /REST (http:\/\/[\d.:]+)\/v2/.exec(app.system.output());
  if (!match) throw new Error("no engine REST address in npm start's output");
  return match[1]!;
}

async function waitForValue<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
