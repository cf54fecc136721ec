import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { generateDemoDistrict, type TownshipNode } from '../../domain/org';
import { saveScreenshot } from './artifacts';
import { expectNoSeriousA11yViolations } from './axe';
import { browserSuite } from './browser-suite';
import { apiSession, type DemoLogin, type RunningApp } from './running-app';
import { waitFor } from './waits';

/**
 * 数据看板 in a real Chromium against the real system (its demo seed holds two years of
 * monthly history): the KPI cards show what `GET /api/stats/overview` answers for the page's
 * own query, every chart draws and lists its data, each forecast stands beside its back-tested
 * error, and choosing a township changes the figures to that township's.
 */
jest.setTimeout(10 * 60_000);

type Json = Record<string, unknown>;
interface Counted {
  label: string;
  count: number;
}
interface SeriesJson {
  label: string;
  township?: { name: string };
  forecast: { value: number | null; method: string | null; mape: number | null };
}

const CHARTS = ['category', 'domain', 'trend', 'domain-history', 'hotspots', 'forecast'];
const METHOD_NAMES: Record<string, string> = {
  seasonal_naive: '季节性朴素法',
  holt_winters: 'Holt-Winters 指数平滑',
};

describe('数据看板 in Chromium', () => {
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

  async function submitDemand(content: string, unitCode: string): Promise<void> {
    const answer = await fetch(`${app.baseUrl}/api/demands`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await app.channelKey('hotline_12345')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        externalId: `12345-dashboard-${randomBytes(4).toString('hex')}`,
        content,
        citizen: { name: '王芳', phone: '13800002222' },
        location: { unitCode },
      }),
    });
    expect(answer.status).toBe(201);
  }

  it('shows the overview, charts, hot spots and forecast of the API, by township', async () => {
    // Two townships with villages: three demands in the first, one in the second.
    const [first, second] = (generateDemoDistrict().children ?? []).filter(
      (t: TownshipNode) => (t.children ?? []).length > 0,
    ) as [TownshipNode, TownshipNode];
    const villageOf = (t: TownshipNode) => t.children![0]!.code;
    await submitDemand('小区路灯坏了一个多月没人修，晚上出行很不方便。', villageOf(first));
    await submitDemand('村里自来水水压太低，二楼以上经常停水。', villageOf(first));
    await submitDemand('菜市场门口占道经营严重，早晚高峰堵车。', villageOf(first));
    await submitDemand('学校门口没有红绿灯，孩子过马路很危险。', villageOf(second));

    const leader = login('demo-leader');
    const api = await apiSession(app.baseUrl, leader);
    // Triage fills in category and domain shortly after intake: compare once it is done.
    await settled(() => api.get('/api/stats/overview'));
    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('用户名').fill(leader.username);
    await page.getByLabel('密码', { exact: true }).fill(leader.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');

    const started = Date.now();
    await page.goto(`${app.baseUrl}/dashboard`);
    await page.waitForURL((url) => url.searchParams.has('from'));
    await page.locator('[data-kpi=received] [data-test=kpi-value]').waitFor();
    await waitForCharts(page);
    const loadMs = Date.now() - started;
    console.log(
      `数据看板 load time: ${loadMs} ms (login done; to KPI cards and every chart drawn)`,
    );

    // The page's own query (defaults written into the URL): the last 12 months, by month.
    const query = new URL(page.url()).searchParams;
    expect(query.get('interval')).toBe('month');
    const period = `from=${query.get('from')}&to=${query.get('to')}`;
    const overview = (await api.get(`/api/stats/overview?${period}&interval=month`)).body;
    expect(overview.total as number).toBeGreaterThanOrEqual(4);
    await expectKpis(page, overview);

    // Every chart drew on its canvas and lists the same data as a table.
    const byDomain = (overview.byDomain as Counted[]).filter((d) => d.count > 0);
    expect(await tableRows(page, 'domain')).toEqual(
      byDomain.map((d) => [d.label, String(d.count)]).sort(byCount),
    );
    const trend = (overview.trend as { points: { period: string; count: number }[] }).points;
    expect(trend).toHaveLength(12);
    expect(await tableRows(page, 'trend')).toEqual(trend.map((p) => [p.period, String(p.count)]));
    const hotspots = (await api.get(`/api/stats/hotspots?${period}&level=township`)).body;
    const cells = (hotspots.places as { unit: { name: string }; domains: Counted[] }[]).flatMap(
      (p) => p.domains.map((d) => [p.unit.name, d.label, String(d.count)]),
    );
    expect((await tableRows(page, 'hotspots')).sort()).toEqual(cells.sort());
    expect(cells.map((c) => c[0])).toEqual(expect.arrayContaining([first.name, second.name]));

    // Next month's forecast: every value beside its back-tested error, the method named.
    const forecast = (await api.get('/api/stats/forecast')).body;
    const totals = forecast.totals as SeriesJson[];
    const series = forecast.series as SeriesJson[];
    expect(series.length).toBeGreaterThan(100);
    const shown = await page.$$eval('[data-test=forecast-row]', (rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim()),
      ),
    );
    const expected = [...totals, ...series];
    expect(shown).toHaveLength(expected.length);
    shown.forEach(([, domain, value, error, method], i) => {
      const { forecast: f, label } = expected[i]!;
      expect(domain).toBe(label);
      expect(value).toBe(f.value === null ? '—' : String(f.value));
      expect(error).toMatch(/^MAPE (\d+(\.\d)?%|—) · MASE (\d+\.\d\d|—)$/);
      if (f.mape !== null) expect(error).toContain(`MAPE ${f.mape}%`);
      if (f.method) expect(method).toBe(METHOD_NAMES[f.method]);
    });
    expect(shown.filter(([, , value]) => value !== '—').length).toBeGreaterThan(100);

    await expectNoSeriousA11yViolations(page);
    await saveWholePage(page, 'dashboard');

    // The charts follow the window's width (one column below 1100 px: wider, not narrower).
    const before = await chartWidths(page, 'trend');
    await page.setViewportSize({ width: 1000, height: 900 });
    await waitFor(async () => {
      const after = await chartWidths(page, 'trend');
      return after.canvas !== before.canvas && Math.abs(after.canvas - after.box) <= 2;
    });

    // One township: the figures become that township's, and the URL says so. The choice
    // offers the district's townships of the org tree (GET /api/units), all of them.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('[data-test=filter-township]').click();
    const townships = (await api.get('/api/units?tier=township')).body.items as {
      name: string;
    }[];
    expect(townships.map((t) => t.name)).toEqual(expect.arrayContaining([first.name, second.name]));
    const offered = page.locator('.el-select-dropdown__item:visible');
    await waitFor(async () => (await offered.count()) === townships.length + 1);
    expect((await offered.allInnerTexts()).map((text) => text.trim()).slice(1)).toEqual(
      townships.map((t) => t.name),
    );
    await page
      .locator('.el-select-dropdown__item', { hasText: new RegExp(`^${first.name}$`) })
      .click();
    await page.waitForURL((url) => url.searchParams.get('township') === first.code);
    const narrowed = (
      await api.get(`/api/stats/overview?${period}&interval=month&township=${first.code}`)
    ).body;
    expect(narrowed.total as number).toBeLessThan(overview.total as number);
    await waitFor(
      async () => (await kpiValue(page, 'received')) === String(narrowed.total),
      30_000,
    );
    await expectKpis(page, narrowed);
    await waitForCharts(page);
    const villages = await tableRows(page, 'hotspots');
    expect(villages.map((row) => row[0])).toContain(first.children![0]!.name);
    // The forecast is the township's own: its totals, each with its error.
    const own = (await api.get(`/api/stats/forecast?township=${first.code}`)).body;
    const ownTotals = own.totals as SeriesJson[];
    await waitFor(async () => {
      const places = await page.$$eval('[data-test=forecast-row] td:first-child', (cells) =>
        cells.map((cell) => (cell.textContent ?? '').trim()),
      );
      return places.length === ownTotals.length && places.every((p) => p === first.name);
    });
    const ownValues = await page.$$eval(
      '[data-test=forecast-row] [data-test=forecast-value]',
      (cells) => cells.map((cell) => (cell.textContent ?? '').trim()),
    );
    expect(ownValues).toEqual(
      ownTotals.map((s) => (s.forecast.value === null ? '—' : String(s.forecast.value))),
    );
    await saveWholePage(page, 'dashboard-township');
  });
});

/**
 * The shell scrolls inside its main area, so a full-page screenshot would show one screen:
 * the window is made as tall as the dashboard for the picture, then set back.
 */
async function saveWholePage(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page
    .locator('[data-test=dashboard]')
    .evaluate((node) => (node as unknown as { scrollHeight: number }).scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: height + 120 });
  await waitForCharts(page);
  await saveScreenshot(page, name);
  await page.setViewportSize(viewport);
}

/** Expected KPI texts, computed from the overview answer (`resolved` and the rates are the server's). */
async function expectKpis(page: Page, overview: Json): Promise<void> {
  const screening = overview.screening as { valid: number };
  const resolved = overview.resolved as number;
  const asPercent = (rate: number | null) =>
    rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
  const onTime = overview.onTimeRate as number | null;
  const satisfaction = overview.satisfactionRate as number | null;
  expect({
    received: await kpiValue(page, 'received'),
    valid: await kpiValue(page, 'valid'),
    resolved: await kpiValue(page, 'resolved'),
    resolutionRate: await kpiValue(page, 'resolutionRate'),
    onTimeRate: await kpiValue(page, 'onTimeRate'),
    satisfactionRate: await kpiValue(page, 'satisfactionRate'),
  }).toEqual({
    received: String(overview.total),
    valid: String(screening.valid),
    resolved: String(resolved),
    resolutionRate: screening.valid === 0 ? '—' : asPercent(resolved / screening.valid),
    onTimeRate: asPercent(onTime),
    satisfactionRate: asPercent(satisfaction),
  });
  // A rate says how it is measured, or why there is none; the API gives both rates now.
  const kpis = await page.locator('[data-test=kpis]').innerText();
  expect(kpis).not.toContain('统计接口暂未提供');
  expect(kpis).toContain(onTime === null ? '本期暂无到期或办结的诉求' : '期限内办结');
  expect(kpis).toContain(satisfaction === null ? '本期暂无群众评价' : '满意与基本满意');
}

/** Waits until three answers in a row, two seconds apart, are the same. */
async function settled(read: () => Promise<{ body: Json }>): Promise<void> {
  let last = '';
  let same = 0;
  const deadline = Date.now() + 60_000;
  while (same < 2 && Date.now() < deadline) {
    const now = JSON.stringify((await read()).body);
    same = now === last ? same + 1 : 0;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

const kpiValue = (page: Page, key: string) =>
  page.locator(`[data-kpi=${key}] [data-test=kpi-value]`).innerText();

/** Largest count first, as the domain chart's table lists them. */
/** The little of a canvas element the checks read (the tests compile without the DOM types). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  };
  getBoundingClientRect(): { width: number };
}

const byCount = (a: string[], b: string[]) => Number(b[1]) - Number(a[1]);

/** Every chart's canvas has pixels drawn on it (a blank canvas has none). */
async function waitForCharts(page: Page): Promise<void> {
  for (const chart of CHARTS) {
    await waitFor(async () =>
      page
        .locator(`[data-chart="${chart}"] canvas`)
        .first()
        .evaluate((node) => {
          const canvas = node as unknown as Canvas;
          const { width, height } = canvas;
          if (width === 0 || height === 0) return false;
          const pixels = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) return true;
          return false;
        })
        .catch(() => false),
    );
  }
}

/** Opens a chart's 查看数据 table and reads its rows (then closes it again). */
async function tableRows(page: Page, chart: string): Promise<string[][]> {
  const panel = page.locator(`[data-chart="${chart}"]`);
  const toggle = panel.locator('[data-test=toggle-data]');
  await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  const rows = await panel
    .locator('[data-test=chart-data] tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
  await toggle.click();
  // The share column is derived; the label and count are what the chart draws.
  return rows.map((row) => row.slice(0, chart === 'hotspots' ? 3 : 2));
}

/** The width of a chart's canvas and of the box it is drawn in. */
async function chartWidths(page: Page, chart: string): Promise<{ canvas: number; box: number }> {
  const width = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((node) => (node as unknown as Canvas).getBoundingClientRect().width);
  return {
    canvas: await width(`[data-chart="${chart}"] canvas`),
    box: await width(`[data-chart="${chart}"] .chart`),
  };
}
