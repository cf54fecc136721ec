/**
 * Every page of the web app as its user opens it: the page's address loaded fresh in a
 * logged-in browser context, timed from navigation start to its last data element shown (the
 * browser tests' waits), with the answer time of each `/api` call made meanwhile.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import { showsText, waitFor } from '../../test/browser/waits';

export interface Visit {
  page: string;
  /** The demo login the page is opened as (none: the citizens' public page). */
  user: string | null;
  /** The address opened; the timer starts at its navigation. */
  path: string;
  /** Resolves when the page shows its data. */
  shown(page: Page): Promise<void>;
  /** An action on the opened page to time instead (a search, a download), from its start. */
  act?(page: Page): Promise<void>;
  /** The API answer whose size the table shows, and how to read it. */
  size?: { path: RegExp; read(body: Record<string, unknown>): string };
}

export interface Measured {
  page: string;
  user: string;
  size: string;
  loadMs: number;
  /** False when the data was not shown within the waits' time (loadMs is then a lower bound). */
  shown: boolean;
  slowestApi: { path: string; ms: number } | null;
  apiCalls: number;
}

const rowsVisible = (page: Page, selector: string) =>
  waitFor(async () => (await page.locator(selector).count()) > 0, 60_000);

/** Waits until every request seen has ended (answers arrive after the elements they fill). */
async function settled(pending: Set<Request>): Promise<void> {
  await waitFor(async () => pending.size === 0, 60_000);
}

export async function measureVisit(
  context: BrowserContext,
  baseUrl: string,
  visit: Visit,
): Promise<Measured> {
  const page = await context.newPage();
  const calls: { path: string; ms: number }[] = [];
  const bodies: Promise<void>[] = [];
  let size = '';
  const pending = new Set<Request>();
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) pending.add(request);
  });
  const ended = (request: Request) => {
    if (!pending.delete(request)) return;
    const { pathname, search } = new URL(request.url());
    const timing = request.timing();
    calls.push({ path: `${pathname}${search}`, ms: Math.round(timing.responseEnd) });
    if (visit.size && visit.size.path.test(pathname)) {
      const read = visit.size.read;
      bodies.push(
        request
          .response()
          .then((answer) => answer?.json())
          .then((body) => void (size = read(body as Record<string, unknown>)))
          .catch(() => undefined),
      );
    }
  };
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    let started = Date.now();
    let shown = true;
    try {
      await page.goto(`${baseUrl}${visit.path}`);
      await visit.shown(page);
      if (visit.act) {
        calls.length = 0;
        started = Date.now();
        await visit.act(page);
      }
    } catch {
      // Not shown within the waits' minute: the row says so, and the run goes on.
      shown = false;
    }
    const loadMs = Date.now() - started;
    if (shown) await settled(pending);
    await Promise.all(bodies);
    const slowest = calls.reduce<(typeof calls)[number] | null>(
      (worst, call) => (worst === null || call.ms > worst.ms ? call : worst),
      null,
    );
    return {
      page: visit.page,
      user: visit.user ?? 'citizen',
      size,
      loadMs,
      shown,
      slowestApi: slowest,
      apiCalls: calls.length,
    };
  } finally {
    await page.close();
  }
}

export interface VisitData {
  month: string;
  /** A month demand led by the district (its detail page), and a word of its content. */
  detailCode: string;
  searchWord: string;
  /** A demand run by the engine (replay), and one the citizen looks up. */
  replayCode: string;
  lookup: { code: string; phone: string };
  rankedUnitName: string;
}

const total = (body: Record<string, unknown>) =>
  String((body.page as { total?: number } | undefined)?.total ?? body.total ?? '');

/** The visits of one run, in the order a day's work would open them. */
export function visitsOf(data: VisitData): Visit[] {
  const month = `month=${data.month}`;
  const ledger = (page: string, user: string, tier: string, selector: string): Visit => ({
    page,
    user,
    path: `/ledgers?tier=${tier}&${month}`,
    shown: (p) => rowsVisible(p, `${selector} .el-table__row, ${selector} .el-collapse-item`),
    size: { path: /^\/api\/ledgers\/\w+$/, read: (body) => `${total(body)} rows` },
  });
  return [
    {
      page: '工作台',
      user: 'demo-village',
      path: '/workbench',
      shown: (p) => rowsVisible(p, '[data-test=task-list] [data-task]'),
      size: { path: /^\/api\/tasks$/, read: (body) => `${total(body)} tasks` },
    },
    {
      page: '诉求 list',
      user: 'demo-dispatcher',
      path: '/demands',
      shown: (p) => rowsVisible(p, '[data-test=demand-table] [data-demand]'),
      size: { path: /^\/api\/demands$/, read: (body) => `${total(body)} demands` },
    },
    {
      page: '诉求 search',
      user: 'demo-dispatcher',
      path: '/demands',
      shown: (p) => rowsVisible(p, '[data-test=demand-table] [data-demand]'),
      act: async (p) => {
        const before = await p.locator('[data-test=demand-table]').innerText();
        await p
          .locator('input[data-test=search-q], [data-test=search-q] input')
          .fill(data.searchWord);
        await p.locator('[data-test=search-submit]').click();
        await waitFor(
          async () => (await p.locator('[data-test=demand-table]').innerText()) !== before,
          60_000,
        );
      },
      size: { path: /^\/api\/demands$/, read: (body) => `${total(body)} found` },
    },
    {
      page: '诉求 detail',
      user: 'demo-dispatcher',
      path: `/demands/${data.detailCode}`,
      shown: (p) =>
        rowsVisible(p, '[data-test=demand-detail] [data-test=history] .el-timeline-item'),
    },
    ledger('台账 district', 'demo-dispatcher', 'district', '[data-test=ledger-table]'),
    ledger('台账 township', 'demo-township', 'township', '[data-test=ledger-folders]'),
    ledger('台账 village', 'demo-village', 'village', '[data-test=ledger-table]'),
    {
      page: '台账 district Excel',
      user: 'demo-dispatcher',
      path: `/ledgers?tier=district&${month}`,
      shown: (p) => rowsVisible(p, '[data-test=ledger-table] .el-table__row'),
      act: async (p) => {
        const download = p.waitForEvent('download', { timeout: 120_000 });
        await p.locator('[data-test=ledger-export]').click();
        await (await download).path();
      },
    },
    {
      page: '红黑榜',
      user: 'demo-supervisor',
      path: `/rankings?kind=month&period=${data.month}`,
      shown: (p) => showsText(p.locator('[data-test=red-list]'), data.rankedUnitName, 60_000),
      size: {
        path: /^\/api\/rankings$/,
        read: (body) =>
          `${(body.groups as { units: unknown[] }[]).reduce((n, g) => n + g.units.length, 0)} units`,
      },
    },
    {
      page: '数据看板',
      user: 'demo-leader',
      path: '/dashboard',
      shown: async (p) => {
        await p.locator('[data-kpi=received] [data-test=kpi-value]').waitFor();
        await waitFor(async () => (await p.locator('[data-chart] canvas').count()) > 0, 60_000);
      },
      size: {
        path: /^\/api\/stats\/overview$/,
        read: (body) => `${String(body.total)} demands`,
      },
    },
    {
      page: '历史回放',
      user: 'demo-auditor',
      path: `/replay/${data.replayCode}`,
      shown: async (p) => {
        await p.locator('[data-test=diagram] svg [data-element-id=screen-first]').waitFor();
        await showsText(p.locator('[data-test=step-position]'), '步', 60_000);
      },
    },
    {
      page: '运维',
      user: 'demo-admin',
      path: '/ops',
      // The list of incidents, or the word that there are none (a month without failures).
      shown: (p) =>
        rowsVisible(p, '[data-test=incident-table] .el-table__row, [data-test=no-incidents]'),
      size: { path: /^\/api\/ops\/incidents$/, read: (body) => `${total(body)} incidents` },
    },
    {
      page: '群众 进度查询',
      user: null,
      path: `/citizen/progress?code=${encodeURIComponent(data.lookup.code)}`,
      shown: (p) => p.locator('input[data-test=lookup-phone]').waitFor(),
      act: async (p) => {
        await p.locator('input[data-test=lookup-phone]').fill(data.lookup.phone.slice(-4));
        await p.getByRole('button', { name: '查询', exact: true }).click();
        await p.locator('[data-test=status]').waitFor();
      },
    },
    {
      page: '流程建模',
      user: 'demo-process',
      path: '/modeler/',
      shown: (p) => p.locator('[data-process=demand-handling]').waitFor({ timeout: 60_000 }),
    },
  ];
}
