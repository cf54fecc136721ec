import type { Locator, Page } from 'playwright-core';
import { saveScreenshot } from './artifacts';
import { expectNoSeriousA11yViolations } from './axe';
import { browserSuite } from './browser-suite';
import { apiSession, type DemoLogin, type RunningApp } from './running-app';
import { ensureModelerAppBuilt } from '../support/web-app';

/**
 * Decisions and forms in the process modeler, in a real Chromium against the real system: the
 * process owner opens the routing decision (processes/demand-routing.dmn) in the DMN editor,
 * sends conduct matters to the city instead of the district, deploys version 2, and the
 * engine's evaluation of the decision answers the new tier; then relabels a field of the
 * handling form and deploys it as version 2. Changes go through the editors' own APIs
 * (dmn-js `modeling.editCell`, form-js `modeling.editFormField`), as typing into them does.
 */
jest.setTimeout(10 * 60_000);

const ROUTING = 'demand-routing-definitions';
const CONDUCT = {
  scope: null,
  suggestion: { tier: 'village' },
  category: 'complaint',
  domain: 'conduct',
  matter: null,
};

describe('decisions and forms in the process modeler', () => {
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

  async function routingTier(): Promise<string> {
    const answer = await fetch(`${engineRestUrl(app)}/v2/decision-definitions/evaluation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decisionDefinitionId: 'demand-routing', variables: CONDUCT }),
    });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { output: string };
    return (JSON.parse(body.output) as { tier: string }).tier;
  }

  async function logInAsOwner(): Promise<DemoLogin> {
    const owner = login('demo-process');
    await page.goto(`${app.baseUrl}/login?redirect=/modeler/`);
    await page.getByLabel('用户名').fill(owner.username);
    await page.getByLabel('密码', { exact: true }).fill(owner.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/modeler/');
    return owner;
  }

  async function deploy(): Promise<void> {
    await page.locator('button.deploy').click();
    await page.locator('.el-message-box').getByRole('button', { name: '部署' }).click();
  }

  it('deploys a changed routing rule as version 2, which the engine then evaluates', async () => {
    expect(await routingTier()).toBe('district');
    const owner = await logInAsOwner();

    const started = Date.now();
    await page.getByRole('tab', { name: '决策' }).click();
    const routing = page.locator(`[data-decision=${ROUTING}]`);
    await routing.waitFor();
    await routing.locator('[data-version="1"] .open-version').click();
    const conductTier = page.locator('[data-element-id=rule-conduct-tier]');
    await conductTier.waitFor();
    console.log(`process modeler: routing decision table shown in ${Date.now() - started} ms`);
    await showsText(page.locator('[data-testid=open-decision]'), '版本 1');
    await showsText(conductTier, '"district"');

    await page.evaluate(() => {
      type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
      const viewer = (globalThis as Any).dmnModeler.getActiveViewer();
      const cell = viewer.get('elementRegistry').get('rule-conduct-tier');
      viewer.get('modeling').editCell(cell.businessObject, '"city"');
    });
    await showsText(conductTier, '"city"');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'modeler-decision');

    await deploy();
    await showsText(page.locator('.el-message--success'), `已部署：${ROUTING} 版本 2`);
    await routing.locator('[data-version="2"]').waitFor();
    await showsText(page.locator('[data-testid=open-decision]'), '版本 2');

    const session = await apiSession(app.baseUrl, owner);
    const list = await session.get('/api/modeler/decisions');
    const model = (
      list.body.items as { decisionRequirementsId: string; versions: { version: number }[] }[]
    ).find((d) => d.decisionRequirementsId === ROUTING);
    expect(model?.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(await routingTier()).toBe('city');
  });

  it('deploys a relabelled form field as version 2 of the form', async () => {
    const owner = await logInAsOwner();
    await page.getByRole('tab', { name: '表单' }).click();
    const handle = page.locator('[data-form=handle]');
    await handle.locator('[data-version="1"] .open-version').click();
    const field = page.locator('[data-id=Field_handleAction]');
    await showsText(field, '办理操作');
    await showsText(page.locator('[data-testid=open-form]'), 'handle · 版本 1');

    await page.evaluate(() => {
      type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
      const editor = (globalThis as Any).formEditor;
      const formField = editor.get('formFieldRegistry').get('Field_handleAction');
      editor.get('modeling').editFormField(formField, 'label', '办理方式');
    });
    await showsText(field, '办理方式');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'modeler-form');

    await deploy();
    await showsText(page.locator('.el-message--success'), '已部署：handle 版本 2');
    await handle.locator('[data-version="2"]').waitFor();
    await showsText(page.locator('[data-testid=open-form]'), 'handle · 版本 2');

    const session = await apiSession(app.baseUrl, owner);
    const list = await session.get('/api/modeler/forms');
    const versions = (
      list.body.items as { formId: string; versions: { key: string; version: number }[] }[]
    ).find((f) => f.formId === 'handle')!.versions;
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const schema = await session.get(`/api/modeler/forms/${versions[0]!.key}`);
    const components = schema.body.components as { id: string; label?: string }[];
    expect(components.find((c) => c.id === 'Field_handleAction')?.label).toBe('办理方式');
  });
});

/** The engine's REST address, from the line `npm start` prints about it. */
function engineRestUrl(app: RunningApp): string {
  const match = /REST (http:\/\/[\d.:]+)\/v2/.exec(app.system.output());
  if (!match) throw new Error("no engine REST address in npm start's output");
  return match[1]!;
}

/** Waits until the element's text contains `text` (the page updates after requests). */
async function showsText(locator: Locator, text: string, timeoutMs = 30_000): Promise<void> {
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
