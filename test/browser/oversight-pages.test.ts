import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Knex } from 'knex';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './artifacts';
import { expectNoSeriousA11yViolations } from './axe';
import { browserSuite } from './browser-suite';
import {
  completeTask,
  computeMonthRanking,
  createStaff,
  staffApi,
  submitDemand,
  systemDatabase,
  waitForHistory,
  waitForStatus,
} from './oversight-data';
import type { DemoLogin, RunningApp } from './running-app';
import { showsText, waitFor } from './waits';

/**
 * 台账 and 红黑榜 in a real Chromium against the real system. Demands go through the real
 * processes (hotline intake, 初审 by the village, 复核 by the township, dispatch, 签收): three
 * led by each of two villages of the first township, one of each village led by the township,
 * and a complaint against the district itself (handed to the city). The month's ranking is
 * then computed by the ranking job's own function on the system's database.
 */
jest.setTimeout(10 * 60_000);

const DAY = 86_400_000;
/** el-input puts attributes on its input element. */
const FILTER = 'input[data-test=ledger-filter], [data-test=ledger-filter] input';
const COMPLAINANT = { name: '钱多多', phone: '15566667777' };

interface Seeded {
  district: string;
  township: string;
  villages: { code: string; name: string }[];
  /** Every village of the township, in the org tree's order. */
  townshipVillages: { code: string; name: string }[];
  villageLed: string[][];
  townshipLed: string[];
  complaint: string;
  month: string;
}

describe('台账 and 红黑榜 pages in Chromium', () => {
  const suite = browserSuite({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  let app: RunningApp;
  let page: Page;
  let seeded: Seeded;
  const village2 = { username: 'test-village-two', password: 'Village-two-2026!' };

  const login = (username: string): DemoLogin => {
    const found = app.logins.get(username);
    if (!found) throw new Error(`no demo login ${username} in npm start's output`);
    return found;
  };

  beforeAll(async () => {
    app = suite.app;
    const db = await systemDatabase(app);
    try {
      seeded = await seed(app, db.knex, village2);
    } finally {
      await db.close();
    }
  }, 8 * 60_000);
  beforeEach(() => {
    ({ app, page } = suite);
  });

  async function logIn(user: Pick<DemoLogin, 'username' | 'password'>): Promise<void> {
    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('用户名').fill(user.username);
    await page.getByLabel('密码', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
  }

  it('shows the district master ledger and exports it without the complainant of a complaint against the district', async () => {
    await logIn(login('demo-dispatcher'));
    const asked: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/ledgers/district') asked.push(url);
    });
    const started = Date.now();
    await page.goto(`${app.baseUrl}/ledgers`);
    const table = page.locator('[data-test=ledger-table]');
    await showsText(table, seeded.complaint);
    console.log(
      `台账 (district master, ${allCodes(seeded).length} rows) shown in ${Date.now() - started} ms`,
    );
    // The filters are in the URL: the tier and this month.
    expect(new URL(page.url()).searchParams.get('tier')).toBe('district');
    expect(new URL(page.url()).searchParams.get('month')).toBe(seeded.month);
    const text = await table.innerText();
    for (const code of allCodes(seeded)) expect(text).toContain(code);
    // Other citizens appear masked; the complainant of the complaint against the district not at all.
    expect(text).toContain('155****2654');
    const complaintRow = table.locator('tr', {
      has: page.locator(`[data-ledger-code="${seeded.complaint}"]`),
    });
    expect(await complaintRow.first().innerText()).toContain('（不予显示）');
    expect(text).not.toContain(COMPLAINANT.phone);
    expect(text).not.toContain(COMPLAINANT.name);
    expect(text).not.toContain('钱*');
    expect(text).not.toContain('155****7777');

    // The text filter narrows the rows shown to one code.
    await page.locator(FILTER).fill(seeded.complaint);
    await waitFor(async () => (await table.locator('[data-ledger-code]').count()) === 1);
    // The server pages and filters: the page asks for one page of the entries matching the words.
    const filtered = asked.filter((url) => url.searchParams.get('q') === seeded.complaint);
    expect(filtered.map((url) => url.searchParams.get('pageSize'))).toEqual(['50']);
    expect(filtered[0]!.searchParams.get('page')).toBe('1');
    expect(await page.locator('[data-test=ledger-summary]').innerText()).toContain('共 1 条');
    await page.locator(FILTER).fill('');

    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'ledgers-district');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-test=ledger-export]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `ledger-district-${seeded.district}-${seeded.month}.xlsx`,
    );
    const sheets = await readWorkbook(readFileSync((await download.path())!));
    expect(sheets.map((sheet) => sheet.name)).toEqual(['总台账']);
    const [header, ...rows] = sheets[0]!.rows;
    expect(header!.slice(0, 3)).toEqual(['编号', '来源渠道', '诉求人(脱敏)']);
    expect(rows.map((row) => row[0]).sort()).toEqual(allCodes(seeded).sort());
    const complaintCells = rows.find((row) => row[0] === seeded.complaint)!;
    expect(complaintCells[2]).toBe('（不予显示）');
    const everything = JSON.stringify(sheets);
    expect(everything).toContain('刘** 155****2654');
    for (const secret of [COMPLAINANT.name, COMPLAINANT.phone, '钱*', '155****7777']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('shows the township sub-ledger as a folder per village, and a village micro-ledger with its handler', async () => {
    await logIn(login('demo-township'));
    const started = Date.now();
    await page.goto(`${app.baseUrl}/ledgers`);
    const folders = page.locator('[data-test=ledger-folders]');
    await showsText(folders, seeded.townshipLed[1]!);
    console.log(`台账 (township sub-ledger) shown in ${Date.now() - started} ms`);
    expect(new URL(page.url()).searchParams.get('tier')).toBe('township');
    for (const [index, village] of seeded.villages.entries()) {
      const folder = folders.locator(`[data-folder="${village.code}"]`);
      const text = await folder.innerText();
      expect(text).toContain(village.name);
      expect(text).toContain(seeded.townshipLed[index]!);
      // A demand of the other village is in the other folder only.
      expect(text).not.toContain(seeded.townshipLed[1 - index]!);
    }
    // Led by the villages, not the township: not in its sub-ledger.
    expect(await folders.innerText()).not.toContain(seeded.villageLed[0]![0]!);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'ledgers-township');

    // The micro-ledgers' unit picker offers the township's villages (GET /api/units), all of
    // them and no other; picking the first puts it into the address; a reload shows the same.
    const first = seeded.villages[0]!;
    await page.getByRole('tab', { name: '村级微台账' }).click();
    await page.waitForURL((url) => url.searchParams.get('tier') === 'village');
    await page.locator('[data-test=ledger-unit]').click();
    const offered = page.locator('.el-select-dropdown__item:visible');
    await waitFor(async () => (await offered.count()) === seeded.townshipVillages.length);
    expect((await offered.allInnerTexts()).map((text) => text.trim())).toEqual(
      seeded.townshipVillages.map((v) => `${v.name}（${v.code}）`),
    );
    await offered.filter({ hasText: `（${first.code}）` }).click();
    await page.waitForURL((url) => url.searchParams.get('unit') === first.code);
    expect(new URL(page.url()).searchParams.get('month')).toBe(seeded.month);
    const table = page.locator('[data-test=ledger-table]');
    await showsText(table, seeded.villageLed[0]![2]!);
    await page.reload();
    await showsText(table, seeded.villageLed[0]![2]!);
    const text = await table.innerText();
    for (const code of seeded.villageLed[0]!) expect(text).toContain(code);
    expect(text).not.toContain(seeded.villageLed[1]![0]!);
    // 承办人: the village cadre who accepted them.
    expect(text).toContain('李建国');
    expect(await page.locator('[data-test=ledger-summary]').innerText()).toContain(first.name);
    await saveScreenshot(page, 'ledgers-village');
  });

  it("shows the red and black lists with each unit's rates, and lets a leader raise a red warning", async () => {
    await logIn(login('demo-leader'));
    // The month that ended last has no ranking in this new system: the page says so, and
    // names the latest ranked one (this month's, computed ahead), which its button opens.
    const monthLabel = `${seeded.month.slice(0, 4)}年${Number(seeded.month.slice(5))}月`;
    await page.goto(`${app.baseUrl}/rankings`);
    await showsText(page.locator('[data-test=no-ranking]'), '尚无排名');
    await showsText(page.locator('[data-test=latest-ranked]'), `最近一次排名：${monthLabel}`);
    // The picker marks the ranked period.
    await page.locator('[data-test=ranking-period]').click();
    const ranked = page.locator('.el-select-dropdown__item:visible', {
      hasText: `${monthLabel}（已排名）`,
    });
    await waitFor(async () => (await ranked.count()) === 1);
    expect(
      await page.locator('.el-select-dropdown__item:visible', { hasText: '已排名' }).count(),
    ).toBe(1);
    await page.keyboard.press('Escape');
    await page.locator('[data-test=show-latest]').click();
    await page.waitForURL((url) => url.searchParams.get('period') === seeded.month);
    await showsText(page.locator('[data-test=red-list]'), seeded.villages[0]!.name);

    const started = Date.now();
    await page.goto(`${app.baseUrl}/rankings?kind=month&period=${seeded.month}`);
    const red = page.locator('[data-test=red-list]');
    await showsText(red, seeded.villages[0]!.name);
    console.log(`红黑榜 (${seeded.month}) shown in ${Date.now() - started} ms`);
    const black = page.locator('[data-test=black-list]');
    expect(await black.innerText()).toContain(seeded.villages[1]!.name);
    expect(await red.innerText()).toContain('红榜');
    expect(await black.innerText()).toContain('黑榜');

    const villages = page.locator('[data-group=village]');
    const row = (code: string) =>
      villages.locator('tr', { has: page.locator(`[data-unit="${code}"]`) }).first();
    const [first, second] = seeded.villages as [Seeded['villages'][0], Seeded['villages'][0]];
    // Village one accepted all three of its demands in time, village two none; none resolved.
    expect(await row(first.code).locator('[data-rate=response]').innerText()).toBe('100.0%');
    expect(await row(first.code).locator('[data-rate=resolution]').innerText()).toBe('0.0%');
    expect(await row(second.code).locator('[data-rate=response]').innerText()).toBe('0.0%');
    const secondRow = await row(second.code).innerText();
    expect(secondRow).toContain('提醒（第 1 次）');
    expect(secondRow).toContain('黄色预警');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'rankings');

    await page.locator('[data-test=raise-open]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('[data-test=raise-unit]').click();
    await page.getByRole('option', { name: first.name, exact: true }).click();
    const reason = `入户核查发现办结记录与群众反映不符（${Date.now() % 10_000}）`;
    await dialog
      .locator('textarea[data-test=raise-reason], [data-test=raise-reason] textarea')
      .fill(reason);
    await dialog.locator('[data-test=raise-submit]').click();
    await showsText(row(first.code), reason);
    expect(await row(first.code).innerText()).toContain('红色预警');
  });
});

/** Through the real processes: who does which task is the process's candidate group. */
async function seed(
  app: RunningApp,
  knex: Knex,
  village2: { username: string; password: string },
): Promise<Seeded> {
  const login = (name: string) => app.logins.get(name)!;
  const township = login('demo-township').unitCode;
  const district = login('demo-dispatcher').unitCode;
  const firstVillage = login('demo-village').unitCode;
  const villages = (await knex('org_units')
    .where({ parent_code: township, tier: 'village' })
    .orderByRaw('code = ? desc, code', [firstVillage])
    .limit(2)
    .select('code', 'name')) as { code: string; name: string }[];
  if (villages.length < 2) throw new Error('the demo township has fewer than two villages');
  await createStaff(app, {
    ...village2,
    role: 'village_staff',
    unit: villages[1]!.code,
    name: '王村干部',
  });
  const staff = {
    village: [
      await staffApi(app.baseUrl, login('demo-village')),
      await staffApi(app.baseUrl, village2),
    ],
    township: await staffApi(app.baseUrl, login('demo-township')),
  };
  const first = { screeningOutcome: 'valid', category: 'request', domain: 'housing' };
  const review = (scope: string, extra: Record<string, unknown> = {}) => ({
    reviewOutcome: 'reasonable',
    scope,
    category: 'request',
    domain: 'housing',
    ...extra,
  });
  let serial = 0;
  const phone = () => `1551234${String(2654 + serial).padStart(4, '0')}`;

  /** One demand of village `index` to its review; `accept` when the village signs for it. */
  async function run(index: number, scope: string, accept: boolean): Promise<string> {
    serial += 1;
    const code = await submitDemand(app, {
      content: `${villages[index]!.name}${serial}号楼楼道灯坏了（第${serial}件），晚上上下楼看不见。`,
      name: '刘德华',
      phone: serial === 1 ? '15512342654' : phone(),
      unitCode: villages[index]!.code,
    });
    await completeTask(staff.village[index]!, code, 'screen-first', first);
    await completeTask(staff.township, code, 'screen-review', review(scope));
    if (accept) {
      await completeTask(staff.village[index]!, code, 'handle', {
        handleAction: 'accept',
        handleNote: '已签收，网格员上门查看',
      });
    }
    return code;
  }
  async function complaint(): Promise<string> {
    const code = await submitDemand(app, {
      content: `投诉区里有关部门对小区违建长期不作为。我是${COMPLAINANT.name}，电话${COMPLAINANT.phone}。`,
      ...COMPLAINANT,
      unitCode: villages[0]!.code,
    });
    await completeTask(staff.village[0]!, code, 'screen-first', {
      ...first,
      category: 'complaint',
    });
    await completeTask(
      staff.township,
      code,
      'screen-review',
      review('village', { category: 'complaint', accusedUnitCode: district }),
    );
    return code;
  }

  const [villageLedOne, villageLedTwo, townshipLed, complaintCode] = await Promise.all([
    Promise.all([0, 1, 2].map(() => run(0, 'village', true))),
    Promise.all([0, 1, 2].map(() => run(1, 'village', false))),
    Promise.all([run(0, 'township', false), run(1, 'township', false)]),
    complaint(),
  ]);
  const villageLed = [villageLedOne, villageLedTwo];
  await waitForStatus(knex, [...villageLed.flat(), ...townshipLed, complaintCode], 'handling');
  await waitForHistory(knex, villageLedOne, 'handling.accept');

  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  // As of 40 days on, every deadline of these demands has passed.
  await computeMonthRanking(knex, month, new Date(Date.now() + 40 * DAY));
  const townshipVillages = (await knex('org_units')
    .where({ parent_code: township, tier: 'village' })
    .orderBy([{ column: 'sort_order' }, { column: 'code' }])
    .select('code', 'name')) as { code: string; name: string }[];
  return {
    district,
    township,
    villages,
    townshipVillages,
    villageLed,
    townshipLed,
    complaint: complaintCode,
    month,
  };
}

const allCodes = (seeded: Seeded) => [
  ...seeded.villageLed.flat(),
  ...seeded.townshipLed,
  seeded.complaint,
];

async function readWorkbook(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((value) => (value === null || value === undefined ? '' : String(value))),
      );
    });
    return { name: sheet.name, rows };
  });
}
