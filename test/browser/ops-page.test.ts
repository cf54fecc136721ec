import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { deploy, post, taskProcess } from '../engine/rest-helpers';
import { saveScreenshot } from './artifacts';
import { expectNoSeriousA11yViolations } from './axe';
import { browserSuite } from './browser-suite';
import { type DemoLogin, type RunningApp } from './running-app';
import { showsText } from './waits';

/**
 * The 运维 page in a real Chromium against the real system: a worker gives up on a job (no
 * retries left), the incident shows in the list; an administrator fixes a variable in the
 * drawer and retries, the incident leaves the list and the job runs again with the fixed
 * value. A process owner sees the same list without the retry.
 */
jest.setTimeout(10 * 60_000);

const JOB_TYPE = 'ops-browser-check';

describe('运维 page in Chromium', () => {
  const suite = browserSuite({ viewport: { width: 1440, height: 900 } });
  let app: RunningApp;
  let page: Page;
  let engineRest: string;
  const marker = randomBytes(3).toString('hex');
  const errorMessage = `核对金额失败 ${marker}`;
  let processInstanceKey: string;

  const login = (username: string): DemoLogin => {
    const found = app.logins.get(username);
    if (!found) throw new Error(`no demo login ${username} in npm start's output`);
    return found;
  };

  const activateOne = async () => {
    const activated = await post(`${engineRest}/v2/jobs/activation`, {
      type: JOB_TYPE,
      timeout: 60_000,
      maxJobsToActivate: 1,
      requestTimeout: 2_000,
      worker: 'ops-browser-test',
    });
    return activated.body.jobs?.[0] as
      { jobKey: string; variables: Record<string, unknown> } | undefined;
  };

  beforeAll(async () => {
    app = suite.app;
    const rest = /REST (http:\/\/\S+)\/v2/.exec(app.system.output())?.[1];
    if (!rest) throw new Error(`no engine REST address in npm start's output`);
    engineRest = rest;
    const xml = taskProcess('ops-browser-check', {
      jobType: JOB_TYPE,
      name: '运维页面检查',
    }).replace('<bpmn:serviceTask id="task">', '<bpmn:serviceTask id="task" name="核对金额">');
    const deployed = await deploy(engineRest, { 'ops-browser-check.bpmn': xml });
    if (deployed.status !== 200) throw new Error(JSON.stringify(deployed.body));
    const created = await post(`${engineRest}/v2/process-instances`, {
      processDefinitionId: 'ops-browser-check',
      variables: { amount: -1, note: 'browser' },
    });
    processInstanceKey = created.body.processInstanceKey as string;
    const job = await waitFor(activateOne, 'the job');
    const failed = await post(`${engineRest}/v2/jobs/${job.jobKey}/failure`, {
      retries: 0,
      errorMessage,
    });
    if (failed.status !== 204) throw new Error(JSON.stringify(failed.body));
  }, 120_000);

  async function openOps(username: string): Promise<number> {
    const staff = login(username);
    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('用户名').fill(staff.username);
    await page.getByLabel('密码', { exact: true }).fill(staff.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    const started = Date.now();
    await page.goto(`${app.baseUrl}/ops`);
    await showsText(page.locator('[data-test=incident-table]'), errorMessage);
    return Date.now() - started;
  }

  const row = () => page.locator('[data-test=incident-table] tr', { hasText: errorMessage });

  it('a process owner sees the incident and its variables, but no retry', async () => {
    page = suite.page;
    const loadMs = await openOps('demo-process');
    console.log(`运维 page load (process owner, to the incident listed): ${loadMs} ms`);
    expect(await row().innerText()).toContain('任务重试次数已用完');
    expect(await row().innerText()).toContain('核对金额');
    await row().locator('[data-test=open-incident]').click();
    const drawer = page.locator('[data-test=incident-drawer]');
    await showsText(drawer.locator('[data-test=incident-variables]'), 'amount');
    expect(await drawer.locator('[data-test=retry-incident]').count()).toBe(0);
    expect(await drawer.locator('[data-test=variables-json]').count()).toBe(0);
    expect(await drawer.locator('textarea').count()).toBe(0);
    await showsText(drawer, '流程负责人只能查看故障');
  });

  it('an administrator fixes a variable and retries: the incident leaves the list, the job runs again', async () => {
    page = suite.page;
    const loadMs = await openOps('demo-admin');
    console.log(`运维 page load (admin, to the incident listed): ${loadMs} ms`);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'ops-page');

    await row().locator('[data-test=open-incident]').click();
    const drawer = page.locator('[data-test=incident-drawer]');
    const editor = drawer.locator(
      'textarea[data-test=variables-json], [data-test=variables-json] textarea',
    );
    await waitFor(
      async () =>
        (await editor.inputValue().catch(() => '')).includes('amount') ? true : undefined,
      'the variables',
    );
    const variables = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
    expect(variables).toMatchObject({ amount: -1, note: 'browser' });

    // A broken edit is caught before anything is sent.
    await editor.fill('{"amount": 5,');
    await showsText(drawer.locator('[data-test=variables-check]'), '不是有效的 JSON');
    expect(await drawer.locator('[data-test=retry-incident]').isDisabled()).toBe(true);

    await editor.fill(JSON.stringify({ ...variables, amount: 250 }, null, 2));
    await showsText(drawer.locator('[data-test=variables-check]'), '将提交 1 个变量');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'ops-page-drawer');

    await drawer.locator('[data-test=retry-incident]').click();
    const confirm = page.locator('.el-message-box');
    await showsText(confirm, '核对金额');
    await confirm.getByRole('button', { name: '重试' }).click();
    await showsText(page.locator('.el-message'), '已重试');
    await waitFor(async () => ((await row().count()) === 0 ? true : undefined), 'the row to go');

    // The server agrees after a refresh, and the job is handed out again with the fix.
    await waitFor(async () => {
      await page.locator('[data-test=refresh-incidents]').click();
      await page.waitForTimeout(500);
      return (await page.locator('body').innerText()).includes(errorMessage) ? undefined : true;
    }, 'the incident to be resolved on the server');
    const again = await waitFor(activateOne, 'the job again');
    expect(again.variables.amount).toBe(250);
    const done = await post(`${engineRest}/v2/jobs/${again.jobKey}/completion`, {});
    expect(done.status).toBe(204);
    expect(processInstanceKey).toMatch(/^\d+$/);
  });
});

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
