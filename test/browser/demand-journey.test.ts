import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { saveScreenshot } from './artifacts';
import { expectNoSeriousA11yViolations } from './axe';
import { browserSuite } from './browser-suite';
import {
  choose,
  openAndClaim,
  showsText,
  staffPage,
  submitForm,
  taskOffered,
  tick,
  write,
  type StaffPage,
} from './journey-pages';
import {
  completeTask,
  createStaff,
  staffApi,
  submitDemand,
  systemDatabase,
  type StaffApi,
} from './oversight-data';
import { type DemoLogin, type RunningApp } from './running-app';

/**
 * What staff and citizens depend on, through the pages of the real system in Chromium: a
 * demand submitted on the citizens' page and worked in the 工作台 by every role, step by step
 * through the tasks' forms, until it is archived; a village's staff kept out of another
 * village's demand and task by their address; a wrong merge split on the 诉求 detail; and the
 * detail's link to 历史回放. Each step's time is printed.
 */
jest.setTimeout(25 * 60_000);

describe('a demand’s journey through the pages', () => {
  const suite = browserSuite({ viewport: { width: 1440, height: 900 } });
  let app: RunningApp;
  let page: Page;
  const opened: StaffPage[] = [];
  beforeEach(() => {
    ({ app, page } = suite);
  });
  afterEach(async () => {
    const errors = opened.flatMap((staff) => staff.errors.map((e) => `${staff.username}: ${e}`));
    for (const staff of opened.splice(0)) await staff.context.close();
    expect(errors).toEqual([]);
  });

  const login = (username: string): DemoLogin => {
    const found = app.logins.get(username);
    if (!found) throw new Error(`no demo login ${username} in npm start's output`);
    return found;
  };
  const browser = (): Browser => suite.context.browser()!;
  async function asStaff(account: { username: string; password: string }): Promise<StaffPage> {
    const staff = await staffPage(browser(), app.baseUrl, account);
    opened.push(staff);
    return staff;
  }
  /** The demand as the server tells it, polled until `ready` holds. */
  async function demandWhen(
    reader: StaffApi,
    code: string,
    ready: (demand: Record<string, unknown>) => boolean,
    timeoutMs = 180_000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const demand = await reader.call('GET', `/api/demands/${code}`);
      if (ready(demand)) return demand;
      if (Date.now() > deadline) throw new Error(`${code}: not as expected: ${demand.status}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const timings: string[] = [];
  /** Where a demand stands when a step failed: its status, the engine's incidents, the log. */
  async function whereItStands(code: string): Promise<string> {
    const admin = await staffApi(app.baseUrl, login('demo-admin'));
    const auditor = await staffApi(app.baseUrl, login('demo-auditor'));
    const demand = await auditor.call('GET', `/api/demands/${code}`);
    const incidents = await admin.call('GET', '/api/ops/incidents');
    const log = app.system
      .output()
      .split('\n')
      .filter((line) => /error|fail/i.test(line));
    return `status ${String(demand.status)}; incidents ${JSON.stringify(incidents).slice(0, 1500)}; log:\n${log.slice(-30).join('\n')}`;
  }
  let current = '';
  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = Date.now();
    const result = await run().catch(async (error: Error) => {
      const state = current ? await whereItStands(current).catch((e: Error) => e.message) : '';
      throw new Error(`${name}: ${error.message}\n${state}`);
    });
    timings.push(`${name}: ${Date.now() - started} ms`);
    return result;
  }

  it('takes a citizen’s demand through every role’s task form until it is archived', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const content = `小区门口垃圾桶满溢多日无人清运，气味很大（${randomBytes(3).toString('hex')}）。`;
    const auditor = await staffApi(app.baseUrl, login('demo-auditor'));

    // The citizen, on a phone.
    const phoneContext = await browser().newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const citizen = await phoneContext.newPage();
    const code = await step('citizen submits on /citizen', async () => {
      await citizen.goto(`${app.baseUrl}/citizen`);
      await citizen.locator('textarea[data-test=content]').fill(content);
      await citizen.locator('input[data-test=phone]').fill(phone);
      await citizen.getByRole('button', { name: '提交诉求' }).click();
      await showsText(citizen.locator('[data-test=demand-code]'), '-');
      return (await citizen.locator('[data-test=demand-code]').innerText()).trim();
    });
    current = code;

    // 初审 and 复核: a demand without a place goes to the district's intake clerks.
    const intake = await asStaff(login('demo-intake'));
    const intakeApi = await staffApi(app.baseUrl, login('demo-intake'));
    await step('初审 (intake clerk)', async () => {
      await openAndClaim(intake, app.baseUrl, await taskOffered(intakeApi, code, 'screen-first'));
      await showsText(intake.page.locator('[data-test=demand] [data-test=content]'), content);
      await choose(intake.page, '初审结论', '有效诉求');
      await choose(intake.page, '诉求类别', '求决');
      await choose(intake.page, '所属领域', '环境卫生');
      await submitForm(intake);
    });
    await step('复核 (intake clerk)', async () => {
      await openAndClaim(intake, app.baseUrl, await taskOffered(intakeApi, code, 'screen-review'));
      await choose(intake.page, '复核结论', '合理');
      await choose(intake.page, '办理范围', '区');
      await choose(intake.page, '诉求类别', '求决');
      await choose(intake.page, '所属领域', '环境卫生');
      await submitForm(intake);
    });

    // Dispatched at district tier: to the department owning sanitation (or the district). The
    // demo prints no department login, so an administrator creates one for the lead unit.
    const lead = await step('dispatched to the lead unit', async () => {
      const demand = await demandWhen(auditor, code, (d) => d.status === 'handling');
      return (demand.leadUnit as { code: string; name?: string }).code;
    });
    const handlerAccount = {
      username: `dept-${lead.toLowerCase()}`,
      password: 'Dept-Journey-2026!',
    };
    await createStaff(app, {
      ...handlerAccount,
      role: 'department_staff',
      unit: lead,
      name: '赵科员',
    });
    const handler = await asStaff(handlerAccount);
    const handlerApi = await staffApi(app.baseUrl, handlerAccount);

    await step('签收 (lead unit)', async () => {
      await openAndClaim(handler, app.baseUrl, await taskOffered(handlerApi, code, 'handle'));
      // The deadline as a clerk reads it: the day, not an ISO instant.
      const due = (
        (await demandWhen(auditor, code, () => true)).deadlines as { resolution: string }
      ).resolution;
      await showsText(
        handler.page.locator('.fjs-form'),
        `办理期限：${due.slice(0, 10)}（当日内办结）`,
      );
      expect(await handler.page.locator('.fjs-form').innerText()).not.toContain('T23:59');
      await choose(handler.page, '办理操作', '签收');
      await write(handler.page, '办理情况', '已签收，安排人员现场查看。');
      await submitForm(handler);
    });
    const result = '已协调环卫站当日清运，并增加清运频次为每日两次。';
    await step('办结 (lead unit)', async () => {
      const key = await taskOffered(handlerApi, code, 'handle');
      await openAndClaim(handler, app.baseUrl, key);
      await choose(handler.page, '办理操作', '办结');
      await write(handler.page, '办理结果', result);
      await write(handler.page, '办理情况', '办结');
      // A later step's form open: the workbench checked as it is then.
      await saveScreenshot(handler.page, 'journey-handle-form');
      await expectNoSeriousA11yViolations(handler.page);
      await submitForm(handler);
    });

    await step('citizen gives feedback on /citizen/progress', async () => {
      await demandWhen(auditor, code, (d) => d.status === 'awaiting_verification');
      await citizen.goto(`${app.baseUrl}/citizen/progress?code=${encodeURIComponent(code)}`);
      await citizen.locator('input[data-test=lookup-phone]').fill(phone.slice(-4));
      await citizen.getByRole('button', { name: '查询', exact: true }).click();
      await showsText(citizen.locator('[data-test=progress]'), result);
      const form = citizen.locator('[data-test=feedback]');
      await form.getByText('满意', { exact: true }).click();
      await form.locator('textarea').fill('清运及时，谢谢。');
      await expectNoSeriousA11yViolations(citizen);
      await form.getByRole('button', { name: '提交评价' }).click();
      await citizen.locator('[data-test=feedback-thanks]').waitFor();
      await saveScreenshot(citizen, 'journey-citizen-feedback');
    });
    await phoneContext.close();

    // Reaching the sign-off also shows the 复核 form's empty 被投诉单位编码 accused nobody:
    // else 纪委监督 would hold the sign-off until a discipline inspector's finding.
    // 四方会签: the citizen's confirmation and the handler's statement by the lead unit, then
    // the supervisor and the principal leader.
    const supervisor = await asStaff(login('demo-supervisor'));
    const leader = await asStaff(login('demo-leader'));
    const signers: Array<[string, StaffPage, StaffApi]> = [
      ['signoff-citizen', handler, handlerApi],
      ['signoff-handler', handler, handlerApi],
      ['signoff-supervisor', supervisor, await staffApi(app.baseUrl, login('demo-supervisor'))],
      ['signoff-principal', leader, await staffApi(app.baseUrl, login('demo-leader'))],
    ];
    for (const [elementId, signer, signerApi] of signers) {
      await step(`${elementId} (${signer.username})`, async () => {
        await openAndClaim(signer, app.baseUrl, await taskOffered(signerApi, code, elementId));
        await tick(signer.page, '同意');
        await write(signer.page, '意见或说明', '同意销号。');
        if (elementId === 'signoff-citizen') {
          await saveScreenshot(signer.page, 'journey-signoff-form');
          await expectNoSeriousA11yViolations(signer.page);
        }
        await submitForm(signer);
      });
    }

    await step('archived', () => demandWhen(auditor, code, (d) => d.status === 'archived'));
    await step('诉求 detail shows it archived, linked to 历史回放', async () => {
      await supervisor.page.goto(`${app.baseUrl}/demands/${code}`);
      const detail = supervisor.page.locator('[data-test=demand-detail]');
      await showsText(detail.locator('[data-test=status]'), '已办结');
      await showsText(detail.locator('[data-test=history]'), '办结归档');
      // Its deadlines are history now: the dates, no time left.
      expect(await detail.locator('[data-test=demand]').innerText()).not.toMatch(/剩余|超期/);
      await saveScreenshot(supervisor.page, 'journey-archived-detail');
      await expectNoSeriousA11yViolations(supervisor.page);
      await detail.locator('[data-test=replay-link]').click();
      await supervisor.page.waitForURL(new RegExp(`/replay/${code}$`));
      await supervisor.page.locator('[data-test=diagram] svg [data-element-id=archive]').waitFor();
    });
    console.log(`demand journey of ${code}:\n  ${timings.splice(0).join('\n  ')}`);
  });

  it('shows a village’s staff nothing of another village’s demand or task at its address', async () => {
    const village = login('demo-village');
    const db = await systemDatabase(app);
    const other = (await db
      .knex('org_units')
      .where({ parent_code: login('demo-township').unitCode, tier: 'village' })
      .whereNot({ code: village.unitCode })
      .first('code')) as { code: string };
    await db.close();
    const otherAccount = {
      username: `village-${other.code.toLowerCase()}`,
      password: 'Village-Other-2026!',
    };
    await createStaff(app, {
      ...otherAccount,
      role: 'village_staff',
      unit: other.code,
      name: '孙干部',
    });
    const word = `井盖${randomBytes(3).toString('hex')}`;
    const code = await submitDemand(app, {
      content: `村东头${word}缺失，夜里有人差点掉下去。`,
      name: '钱群众',
      phone: '13700001234',
      unitCode: other.code,
    });
    const key = await taskOffered(await staffApi(app.baseUrl, otherAccount), code, 'screen-first');

    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('用户名').fill(village.username);
    await page.getByLabel('密码', { exact: true }).fill(village.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/workbench$/);

    await page.goto(`${app.baseUrl}/demands/${code}`);
    const detail = page.locator('[data-test=demand-detail]');
    await showsText(detail, '该诉求不存在或您无权查看。');
    expect(await page.locator('body').innerText()).not.toContain(word);
    expect(await detail.locator('[data-test=demand]').count()).toBe(0);
    await expectNoSeriousA11yViolations(page);

    await page.goto(`${app.baseUrl}/workbench/${key}`);
    await showsText(page.locator('.detail-side'), '该任务已不存在或已被他人处理。');
    expect(await page.locator('body').innerText()).not.toContain(word);
    expect(await page.locator('[data-test=task-detail]').count()).toBe(0);
  });

  it('splits a wrong merge on the 诉求 detail: the demand leaves the group', async () => {
    const village = login('demo-village');
    const villageApi = await staffApi(app.baseUrl, village);
    const phone = '13600005678';
    const content = `村委会门前路面塌陷一个大坑，车辆经过很危险（${randomBytes(3).toString('hex')}）。`;
    const original = await submitDemand(app, {
      content,
      name: '周群众',
      phone,
      unitCode: village.unitCode,
    });
    const repeat = await submitDemand(app, {
      content,
      name: '周群众',
      phone,
      unitCode: village.unitCode,
    });
    expect(
      (
        (await villageApi.call('GET', `/api/demands/${repeat}`)).suggestion as {
          duplicateOf: string;
        }
      ).duplicateOf,
    ).toBe(original);
    // The merge itself is the 初审 the first test drives through the page; here it is set-up.
    await completeTask(villageApi, repeat, 'screen-first', {
      screeningOutcome: 'invalid_repeat_no_new_facts',
      category: 'request',
      domain: 'traffic',
      duplicateOfCode: original,
      screeningReasonCode: 'repeat',
      screeningExplanation: '与此前反映的诉求相同，已并入原诉求一并办理。',
    });
    await demandWhen(villageApi, repeat, (d) => d.status === 'merged');

    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('用户名').fill(village.username);
    await page.getByLabel('密码', { exact: true }).fill(village.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/workbench$/);
    await page.goto(`${app.baseUrl}/demands/${repeat}`);
    const detail = page.locator('[data-test=demand-detail]');
    await showsText(detail.locator('[data-test=status]'), '已并单');
    await showsText(detail.locator('[data-test=duplicate]'), original);
    // Village staff have no 历史回放: no link to it.
    expect(await detail.locator('[data-test=replay-link]').count()).toBe(0);
    await saveScreenshot(page, 'journey-merged-detail');
    await expectNoSeriousA11yViolations(page);

    await detail.locator('[data-test=split]').click();
    const dialog = page.locator('.el-message-box');
    await showsText(dialog, repeat);
    await dialog.getByRole('button', { name: '拆分并单' }).click();
    await showsText(detail.locator('[data-test=status]'), '初审中');
    expect(await detail.locator('[data-test=split]').count()).toBe(0);
    expect(await detail.locator('[data-test=duplicate]').count()).toBe(0);
    await saveScreenshot(page, 'journey-split-detail');

    const after = await villageApi.call('GET', `/api/demands/${repeat}`);
    expect(after).toMatchObject({ status: 'screening', duplicateOf: null });
  });
});
