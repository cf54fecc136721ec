import type { Page } from 'playwright-core';
import { saveScreenshot } from './artifacts';
import { expectNoSeriousA11yViolations } from './axe';
import { browserSuite } from './browser-suite';
import { archivedDemand, staffSession } from './demand-life';
import { type DemoLogin, type RunningApp } from './running-app';
import { showsText, waitFor } from './waits';

/**
 * 历史回放 in a real Chromium against the real system: an auditor replays an archived demand
 * (its whole life, the four-party sign-off included) step by step on its diagrams, and checks
 * the archive chain.
 */
jest.setTimeout(15 * 60_000);

interface Step {
  processInstanceKey: string;
  elementId: string;
  elementType: string | null;
  event: string;
}

describe('历史回放 page in Chromium', () => {
  const suite = browserSuite({ viewport: { width: 1440, height: 900 } });
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

  const diagram = () => page.locator('[data-test=diagram]');
  const panel = () => page.locator('[data-test=step-panel]');
  const position = () => page.locator('[data-test=step-position]').innerText();
  /** The ids the diagram marks with `marker` now. */
  const marked = (marker: string) =>
    diagram()
      .locator(`svg .djs-element.${marker}`)
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id')).sort());
  const state = async () => ({
    position: await position(),
    process: await diagram().getAttribute('data-process-id'),
    active: await marked('replay-active'),
    completed: await marked('replay-completed'),
    panel: await panel().innerText(),
    element: await panel().locator('[data-test=step-element]').getAttribute('data-element-id'),
  });

  it('steps an archived demand through its diagrams and checks the archive', async () => {
    const started = Date.now();
    const code = await archivedDemand(app, login('demo-village'));
    console.log(`replay: demand ${code} driven to archived in ${Date.now() - started} ms`);
    const auditor = await staffSession(app, login('demo-auditor'));
    const replay = (await auditor.request('GET', `/api/demands/${code}/replay`)).body as {
      steps: Step[];
      processInstances: { key: string; parentProcessInstanceKey: string | null }[];
    };
    const steps = replay.steps;
    const child = replay.processInstances.find((i) => i.parentProcessInstanceKey)!.key;
    const firstInChild = steps.findIndex((s) => s.processInstanceKey === child);
    expect(firstInChild).toBeGreaterThan(0);

    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('用户名').fill('demo-auditor');
    await page.getByLabel('密码', { exact: true }).fill(login('demo-auditor').password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');

    const opened = Date.now();
    await page.goto(`${app.baseUrl}/replay/${code}`);
    await diagram().locator('svg [data-element-id=screen-first]').waitFor();
    console.log(`replay: page with its diagram loaded in ${Date.now() - opened} ms`);

    // The demand's own process is drawn; the first step is its start.
    expect(await diagram().getAttribute('data-process-id')).toBe('demand-handling');
    for (const id of ['screen-first', 'screen-review', 'signoff', 'archive']) {
      expect(await diagram().locator(`svg [data-element-id="${id}"]`).count()).toBe(1);
    }
    expect(await position()).toBe(`第 1 / ${steps.length} 步`);
    const first = await state();
    expect(first.element).toBe(steps[0]!.elementId);
    expect(first.panel).toContain('开始执行');

    // Forward with the button until something runs: the marks and the panel follow the step.
    const forward = page.locator('[data-test=step-forward]');
    await forward.click();
    await showsText(page.locator('[data-test=step-position]'), `第 2 / ${steps.length} 步`);
    await waitFor(async () => (await marked('replay-active')).includes(steps[1]!.elementId));
    const second = await state();
    expect(second.element).toBe(steps[1]!.elementId);
    expect(second.active).toEqual([steps[1]!.elementId]);
    expect(second.active).not.toEqual(first.active);
    expect(second.panel).not.toEqual(first.panel);
    // Back: as before.
    await page.locator('[data-test=step-back]').click();
    await showsText(page.locator('[data-test=step-position]'), `第 1 / ${steps.length} 步`);
    await waitFor(async () => JSON.stringify(await state()) === JSON.stringify(first));
    expect(await state()).toEqual(first);

    // The arrow keys step too: to the village's 初审 being submitted — who, what, which variables.
    const screened = steps.findIndex(
      (s) => s.elementId === 'screen-first' && s.event === 'USER_TASK_COMPLETED',
    );
    expect(screened).toBeLessThan(firstInChild);
    await page.locator('h2').click();
    for (let i = 0; i < screened; i += 1) await page.keyboard.press('ArrowRight');
    await showsText(page.locator('[data-test=step-position]'), `第 ${screened + 1} / `);
    await showsText(panel(), '任务已提交');
    expect(await panel().locator('[data-test=step-element]').innerText()).toContain('初审');
    expect(await panel().locator('[data-test=step-actor]').innerText()).toBe('demo-village');
    expect(await marked('replay-active')).toContain('screen-first');
    // The element completes with the form's variables (named, never shown).
    const screenDone = steps.findIndex(
      (s) => s.elementId === 'screen-first' && s.event === 'ELEMENT_COMPLETED',
    );
    for (let i = screened; i < screenDone; i += 1) await page.keyboard.press('ArrowRight');
    await showsText(page.locator('[data-test=step-position]'), `第 ${screenDone + 1} / `);
    await showsText(panel().locator('[data-test=step-variables]'), 'screeningOutcome');
    expect(await panel().innerText()).toContain('执行完成');
    expect(await panel().innerText()).not.toContain('valid');
    await waitFor(async () => (await marked('replay-completed')).includes('screen-first'));

    // On to the first step of the called sign-off: its own diagram.
    for (let i = screenDone; i < firstInChild; i += 1) await page.keyboard.press('ArrowRight');
    await showsText(
      page.locator('[data-test=step-position]'),
      `第 ${firstInChild + 1} / ${steps.length} 步`,
    );
    await waitFor(
      async () => (await diagram().getAttribute('data-process-id')) === 'four-party-signoff',
    );
    await diagram().locator('svg [data-element-id=signoff-citizen]').waitFor();
    expect(await panel().innerText()).toContain('被调用的子流程');
    // Into the sign-off: the citizen's confirmation running.
    const signoffCitizen = steps.findIndex(
      (s, i) =>
        i > firstInChild && s.elementId === 'signoff-citizen' && s.event === 'ELEMENT_ACTIVATED',
    );
    for (let i = firstInChild; i < signoffCitizen; i += 1) await page.keyboard.press('ArrowRight');
    await waitFor(async () => (await marked('replay-active')).includes('signoff-citizen'));
    await expect(panel().innerText()).resolves.toContain('群众确认');
    await saveScreenshot(page, 'replay-page-signoff');
    // Back out of the sign-off: the demand's diagram again, with the call activity running.
    for (let i = signoffCitizen; i >= firstInChild; i -= 1) await page.keyboard.press('ArrowLeft');
    await waitFor(
      async () => (await diagram().getAttribute('data-process-id')) === 'demand-handling',
    );
    await waitFor(async () => (await marked('replay-active')).includes('signoff'));

    // The last step: the process completed, nothing running, its end reached.
    await page.locator('[data-test=slider] [role=slider]').focus();
    await page.keyboard.press('End');
    await showsText(
      page.locator('[data-test=step-position]'),
      `第 ${steps.length} / ${steps.length} 步`,
    );
    const last = steps[steps.length - 1]!;
    expect(last).toMatchObject({ elementType: 'PROCESS', event: 'ELEMENT_COMPLETED' });
    const end = [...steps]
      .reverse()
      .find(
        (s) => s.processInstanceKey === last.processInstanceKey && s.elementType === 'END_EVENT',
      )!;
    await waitFor(async () => (await marked('replay-completed')).includes(end.elementId));
    expect(await marked('replay-active')).toEqual([]);
    expect(await marked('replay-completed')).toEqual(
      expect.arrayContaining(['archive', 'signoff', 'screen-first']),
    );
    expect(await panel().innerText()).toContain('执行完成');
    expect(await diagram().getAttribute('data-process-id')).toBe('demand-handling');
    await saveScreenshot(page, 'replay-page-end');

    // 校验: the archive chain, as the API reports it.
    await page.locator('[data-test=verify]').click();
    const result = page.locator('[data-test=verify-result]');
    await result.waitFor();
    const api = (await auditor.request('POST', '/api/archive/verify')).body as {
      valid: boolean;
      entries: number;
    };
    expect(api.valid).toBe(true);
    expect(api.entries).toBeGreaterThan(0);
    expect(await result.getAttribute('data-valid')).toBe('true');
    expect(await result.getAttribute('data-entries')).toBe(String(api.entries));
    expect(await result.innerText()).toContain(`共校验 ${api.entries} 条记录，全部有效`);

    await expectNoSeriousA11yViolations(page);
  });

  it('says plainly when the demand is not there', async () => {
    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('用户名').fill('demo-auditor');
    await page.getByLabel('密码', { exact: true }).fill(login('demo-auditor').password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(`${app.baseUrl}/replay`);
    await page.locator('#replay-code').fill('NO-SUCH-DEMAND');
    await page.locator('[data-test=replay-open]').click();
    await page.waitForURL(/\/replay\/NO-SUCH-DEMAND$/);
    await showsText(page.locator('[data-test=replay-error]'), '没有找到诉求 NO-SUCH-DEMAND');
    await showsText(page.locator('[data-test=replay-error]'), 'There is no such demand.');
  });
});
