/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import request from 'supertest';
import { forecastSeries } from '../../domain/forecast';
import { loadRankingPolicy } from '../../domain/rankings';
import { seedDemoHistory } from '../../server/org';
import { useTestDatabase } from '../support/database';
import {
  DISTRICT,
  demo,
  importDemoDistrict,
  loggedIn,
  makeApp,
  movableClock,
  staffAccount,
  type TestApp,
} from './helpers';
import {
  DEPARTMENT,
  GRID_A1,
  TOWNSHIP_A,
  TOWNSHIP_B,
  VILLAGE_A1,
  VILLAGE_A2,
  VILLAGE_B1,
  insertDemand,
  type DemandFixture,
} from './staff-fixtures';

type Agent = Awaited<ReturnType<typeof loggedIn>>;

/** "Now" for the whole file: mid-August, so July is the last complete month. */
const NOW = new Date('2026-08-15T10:00:00+08:00');

const A1 = { district: DISTRICT, township: TOWNSHIP_A.code, village: VILLAGE_A1.code };
const DEMANDS: DemandFixture[] = [
  // August: the overview's and hot spots' period.
  {
    code: `${DISTRICT}-20260802-00001`,
    receivedAt: '2026-08-02T09:00:00+08:00',
    ...A1,
    grid: GRID_A1.code,
    domain: 'education',
    lead: VILLAGE_A1.code,
    screening: { outcome: 'valid' },
    resolutionDue: '2026-08-09T18:00:00+08:00',
    resolvedAt: '2026-08-08T16:00:00+08:00',
    clockState: 'met',
    satisfaction: 'basically_satisfied',
  },
  {
    code: `${DISTRICT}-20260803-00002`,
    receivedAt: '2026-08-03T10:00:00+08:00',
    ...A1,
    domain: 'education',
    category: 'consultation',
    status: 'closed_invalid',
    screening: { outcome: 'invalid_false_info', explanation: '经核实不属实' },
    // Screened out: nobody's work, left out of the rates whatever it says.
    resolvedAt: '2026-08-04T10:00:00+08:00',
    satisfaction: 'satisfied',
  },
  {
    code: `${DISTRICT}-20260803-00003`,
    receivedAt: '2026-08-03T23:30:00+08:00',
    district: DISTRICT,
    township: TOWNSHIP_A.code,
    village: VILLAGE_A2.code,
    domain: 'utilities',
    // Past its deadline, unresolved: late.
    resolutionDue: '2026-08-10T18:00:00+08:00',
  },
  {
    code: `${DISTRICT}-20260810-00004`,
    receivedAt: '2026-08-10T09:00:00+08:00',
    district: DISTRICT,
    township: TOWNSHIP_B.code,
    village: VILLAGE_B1.code,
    domain: 'traffic',
    category: 'complaint',
    status: 'diverted',
    screening: { outcome: 'divert_emergency' },
    satisfaction: 'unsatisfied',
  },
  // Education at village A1 in May, June and July too: a recurring matter.
  {
    code: `${DISTRICT}-20260510-00005`,
    receivedAt: '2026-05-10T09:00:00+08:00',
    ...A1,
    domain: 'education',
    resolutionDue: '2026-05-17T18:00:00+08:00',
    resolvedAt: '2026-05-15T10:00:00+08:00',
    clockState: 'met',
    satisfaction: 'unsatisfied',
  },
  {
    code: `${DISTRICT}-20260610-00006`,
    receivedAt: '2026-06-10T09:00:00+08:00',
    ...A1,
    domain: 'education',
    resolutionDue: '2026-06-17T18:00:00+08:00',
    resolvedAt: '2026-06-17T17:00:00+08:00',
    clockState: 'met',
    satisfaction: 'satisfied',
  },
  {
    code: `${DISTRICT}-20260720-00007`,
    receivedAt: '2026-07-20T09:00:00+08:00',
    ...A1,
    domain: 'education',
    // Still within its deadline on the 15th: on neither side of the on-time rate.
    resolutionDue: '2026-08-20T18:00:00+08:00',
  },
];

/**
 * The overview's rates worked out by hand from the fixtures, as the ranking policy defines
 * them: screened-out demands left out; on time = resolved by the deadline ÷ (resolved, or past
 * the deadline by now); satisfaction with 基本满意 at the policy's credit; rounded to 4 places.
 */
function expectedRates(from: string, to: string, township: string | null) {
  const credit = loadRankingPolicy().basicallySatisfiedCredit;
  const at = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : null);
  const measured = DEMANDS.filter(
    (d) =>
      at(d.receivedAt)! >= at(from)! &&
      at(d.receivedAt)! < at(to)! &&
      (township === null || d.township === township) &&
      !['closed_invalid', 'diverted', 'merged'].includes(d.status ?? '') &&
      (d.screening?.outcome ?? 'valid') === 'valid',
  );
  const now = NOW.getTime();
  const resolved = measured.filter((d) => at(d.resolvedAt) !== null && at(d.resolvedAt)! <= now);
  const due = measured.filter(
    (d) => resolved.includes(d) || (at(d.resolutionDue) !== null && at(d.resolutionDue)! <= now),
  );
  const onTime = resolved.filter(
    (d) => at(d.resolutionDue) === null || at(d.resolvedAt)! <= at(d.resolutionDue)!,
  );
  const points: Record<string, number> = {
    satisfied: 1,
    basically_satisfied: credit,
    unsatisfied: 0,
  };
  const answers = measured.filter((d) => d.satisfaction);
  const rate = (part: number, whole: number) =>
    whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
  return {
    resolved: resolved.length,
    onTimeRate: rate(onTime.length, due.length),
    satisfactionRate: rate(
      answers.reduce((sum, d) => sum + points[d.satisfaction!]!, 0),
      answers.length,
    ),
  };
}

describe('statistics: overview, hot spots, forecast', () => {
  const db = useTestDatabase();
  let t: TestApp;
  const as: Record<string, Agent> = {};

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    await seedDemoHistory(db.knex, demo, NOW);
    t = makeApp(db.knex, { clock: movableClock(NOW) });
    const accounts: Record<string, [string, string]> = {
      township: ['township_staff', TOWNSHIP_A.code],
      dispatcher: ['dispatcher', DISTRICT],
      leader: ['principal_leader', DISTRICT],
      auditor: ['auditor', DISTRICT],
      village: ['village_staff', VILLAGE_A1.code],
      department: ['department_staff', DEPARTMENT('housing').code],
    };
    for (const [name, [role, unit]] of Object.entries(accounts)) {
      as[name] = await loggedIn(t.app, await staffAccount(db.knex, role, unit));
    }
    for (const demand of DEMANDS) await insertDemand(db.knex, t.dataKey, demand);
  });

  const AUGUST = 'from=2026-08-01&to=2026-08-31';

  describe('who may read them', () => {
    it('answers 401 without a session and 403 to villages and departments', async () => {
      for (const path of ['overview', 'hotspots', 'forecast']) {
        const anonymous = await request(t.app).get(`/api/stats/${path}`);
        expect(anonymous.status).toBe(401);
        for (const who of ['village', 'department']) {
          const res = await as[who]!.agent.get(`/api/stats/${path}`);
          expect(res.status).toBe(403);
          expect(res.type).toBe('application/problem+json');
          expect(res.body.type).toBe('urn:minsheng:problem:forbidden');
        }
      }
    });

    it('keeps a township to itself: another township is 404, as is an unknown unit', async () => {
      for (const path of ['overview', 'hotspots', 'forecast']) {
        const other = await as.township!.agent.get(
          `/api/stats/${path}?township=${TOWNSHIP_B.code}`,
        );
        expect(other.status).toBe(404);
        expect(other.type).toBe('application/problem+json');
        const unknown = await as.dispatcher!.agent.get(`/api/stats/${path}?township=999999999`);
        expect(unknown.status).toBe(404);
      }
    });

    it('refuses bad parameters with 400 and every error named', async () => {
      const overview = await as.dispatcher!.agent.get(
        '/api/stats/overview?from=2026-13-01&to=yesterday&interval=week',
      );
      expect(overview.status).toBe(400);
      expect(overview.type).toBe('application/problem+json');
      expect(overview.body.errors.map((e: any) => e.field).sort()).toEqual([
        'from',
        'interval',
        'to',
      ]);
      const backwards = await as.dispatcher!.agent.get(
        '/api/stats/overview?from=2026-08-10&to=2026-08-01',
      );
      expect(backwards.body.errors).toEqual([{ field: 'to', message: expect.any(String) }]);
      const hotspots = await as.dispatcher!.agent.get(
        '/api/stats/hotspots?level=county&domain=weather',
      );
      expect(hotspots.status).toBe(400);
      expect(hotspots.body.errors.map((e: any) => e.field).sort()).toEqual(['domain', 'level']);
      for (const month of ['2026-8', '2026-09']) {
        const forecast = await as.dispatcher!.agent.get(`/api/stats/forecast?month=${month}`);
        expect(forecast.status).toBe(400);
        expect(forecast.body.errors[0].field).toBe('month');
      }
      const village = await as.dispatcher!.agent.get(
        `/api/stats/overview?township=${VILLAGE_A1.code}`,
      );
      expect(village.status).toBe(400);
      expect(village.body.errors[0].field).toBe('township');
    });
  });

  describe('overview', () => {
    it('counts the district’s demands of the period by status, category, domain and screening', async () => {
      const res = await as.leader!.agent.get(`/api/stats/overview?${AUGUST}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        from: '2026-08-01T00:00:00.000+08:00',
        to: '2026-09-01T00:00:00.000+08:00',
        area: { unit: { code: DISTRICT } },
        total: 4,
        screening: { valid: 1, screenedOut: 1, diverted: 1, pending: 1 },
      });
      const count = (list: any[], key: string, value: string) =>
        list.find((item) => item[key] === value);
      expect(count(res.body.byStatus, 'status', 'handling')).toMatchObject({
        count: 1,
        label: '办理中',
      });
      expect(count(res.body.byStatus, 'status', 'closed_invalid').count).toBe(1);
      expect(count(res.body.byStatus, 'status', 'diverted').count).toBe(1);
      expect(count(res.body.byStatus, 'status', 'screening').count).toBe(1);
      expect(res.body.byStatus.reduce((n: number, s: any) => n + s.count, 0)).toBe(4);
      expect(count(res.body.byDomain, 'domain', 'education')).toMatchObject({
        count: 2,
        share: 0.5,
      });
      expect(count(res.body.byCategory, 'category', 'request')).toMatchObject({
        count: 2,
        share: 0.5,
      });
      expect(count(res.body.byCategory, 'category', 'complaint')).toMatchObject({
        count: 1,
        share: 0.25,
      });
      // A daily trend for a month: every Beijing day, 23:30 on the 3rd still the 3rd.
      expect(res.body.trend.interval).toBe('day');
      expect(res.body.trend.points).toHaveLength(31);
      expect(res.body.trend.points[2]).toEqual({ period: '2026-08-03', count: 2 });
    });

    it('gives the resolved count and the on-time and satisfaction rates as the rankings measure them', async () => {
      const august = await as.leader!.agent.get(`/api/stats/overview?${AUGUST}`);
      const expected = expectedRates(
        '2026-08-01T00:00:00+08:00',
        '2026-09-01T00:00:00+08:00',
        null,
      );
      // One resolved on time, one late and unresolved; one 基本满意 answer.
      expect(expected).toEqual({
        resolved: 1,
        onTimeRate: 0.5,
        satisfactionRate: loadRankingPolicy().basicallySatisfiedCredit,
      });
      expect(august.body).toMatchObject(expected);

      const township = await as.township!.agent.get(
        '/api/stats/overview?from=2026-05-01&to=2026-08-31',
      );
      const own = expectedRates(
        '2026-05-01T00:00:00+08:00',
        '2026-09-01T00:00:00+08:00',
        TOWNSHIP_A.code,
      );
      expect(own.resolved).toBe(3);
      expect(township.body).toMatchObject(own);

      // Township B's only August demand was diverted: nothing to measure is no rate, not 0%.
      const nothing = await as.dispatcher!.agent.get(
        `/api/stats/overview?${AUGUST}&township=${TOWNSHIP_B.code}`,
      );
      expect(nothing.body).toMatchObject({ resolved: 0, onTimeRate: null, satisfactionRate: null });
    });

    it('gives a township its own demands, and monthly trends on request', async () => {
      const res = await as.township!.agent.get(
        '/api/stats/overview?from=2026-05-01&to=2026-08-31&interval=month',
      );
      expect(res.status).toBe(200);
      expect(res.body.area.unit).toEqual({ code: TOWNSHIP_A.code, name: TOWNSHIP_A.name });
      expect(res.body.total).toBe(6);
      expect(res.body.trend.points).toEqual([
        { period: '2026-05', count: 1 },
        { period: '2026-06', count: 1 },
        { period: '2026-07', count: 1 },
        { period: '2026-08', count: 3 },
      ]);
      const narrowed = await as.dispatcher!.agent.get(
        `/api/stats/overview?${AUGUST}&township=${TOWNSHIP_B.code}`,
      );
      expect(narrowed.body.total).toBe(1);
      const auditor = await as.auditor!.agent.get(`/api/stats/overview?${AUGUST}`);
      expect(auditor.body).toMatchObject({ total: 4, area: { unit: null } });
    });
  });

  describe('hot spots', () => {
    it('counts per village and domain, busiest first, and finds the recurring matter', async () => {
      const res = await as.dispatcher!.agent.get(`/api/stats/hotspots?${AUGUST}&level=village`);
      expect(res.status).toBe(200);
      expect(res.body.places).toEqual([
        {
          unit: { code: VILLAGE_A1.code, name: VILLAGE_A1.name },
          total: 2,
          domains: [{ domain: 'education', label: '教育', count: 2 }],
        },
        ...[
          [VILLAGE_A2, 'utilities', '水电气讯'],
          [VILLAGE_B1, 'traffic', '交通'],
        ]
          .sort(([a], [b]) => (a as any).code.localeCompare((b as any).code))
          .map(([v, domain, label]: any) => ({
            unit: { code: v.code, name: v.name },
            total: 1,
            domains: [{ domain, label, count: 1 }],
          })),
      ]);
      expect(res.body.unplaced).toBe(0);
      expect(res.body.recurring).toEqual({
        months: ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'],
        minMonths: 3,
        items: [
          {
            unit: { code: VILLAGE_A1.code, name: VILLAGE_A1.name },
            domain: 'education',
            label: '教育',
            months: 4,
            counts: [0, 0, 1, 1, 1, 2],
            total: 5,
          },
        ],
      });
    });

    it('narrows to a level, a domain and the caller’s township', async () => {
      const grid = await as.dispatcher!.agent.get(`/api/stats/hotspots?${AUGUST}&level=grid`);
      expect(grid.body.places.map((p: any) => [p.unit.code, p.total])).toEqual([[GRID_A1.code, 1]]);
      expect(grid.body.unplaced).toBe(3);
      expect(grid.body.recurring.items).toEqual([]);
      const education = await as.dispatcher!.agent.get(
        `/api/stats/hotspots?${AUGUST}&domain=education`,
      );
      expect(education.body.places.map((p: any) => p.unit.code)).toEqual([VILLAGE_A1.code]);
      const township = await as.township!.agent.get(`/api/stats/hotspots?${AUGUST}&level=township`);
      expect(township.body.places).toEqual([
        expect.objectContaining({
          unit: { code: TOWNSHIP_A.code, name: TOWNSHIP_A.name },
          total: 3,
        }),
      ]);
    });
  });

  describe('forecast', () => {
    const historyOf = async (township: string, domain: string, month: string) =>
      Number(
        (
          await db
            .knex('demand_monthly_counts')
            .where({ township_code: township, domain, month })
            .first('count')
        )?.count,
      );

    it('forecasts every township × domain from the demo history, with its back-tested error', async () => {
      const res = await as.dispatcher!.agent.get('/api/stats/forecast?month=2026-05');
      expect(res.status).toBe(200);
      expect(res.body.month).toBe('2026-05');
      // The history's months before May 2026 (it starts in August 2024), none of them live.
      expect(res.body.months).toHaveLength(21);
      expect(res.body.months[0]).toEqual({ month: '2024-08', source: 'history' });
      expect(res.body.months.every((m: any) => m.source === 'history')).toBe(true);
      expect(res.body.series).toHaveLength(22 * 16);
      expect(res.body.totals).toHaveLength(16);
      const series = res.body.series.find(
        (s: any) => s.township.code === TOWNSHIP_A.code && s.domain === 'education',
      );
      expect(series.township.name).toBe(TOWNSHIP_A.name);
      expect(series.history[0]).toEqual({
        month: '2024-08',
        count: await historyOf(TOWNSHIP_A.code, 'education', '2024-08'),
      });
      const values = series.history.map((h: any) => h.count);
      const expected = forecastSeries(values);
      expect(series.forecast).toMatchObject({
        month: '2026-05',
        method: expected.method,
        value: Math.round(expected.value! * 10) / 10,
      });
      expect(['seasonal_naive', 'holt_winters']).toContain(series.forecast.method);
      expect(series.forecast.mase).toBeGreaterThan(0);
      expect(series.backtest.map((b: any) => [b.method, b.months])).toEqual([
        ['seasonal_naive', 9],
        ['holt_winters', 9],
      ]);
      // Each back-tested month has a year before it: 2025-08 … 2026-04.
      // The chosen method is the one with the lower back-tested MASE.
      const chosen = series.backtest.find((b: any) => b.method === series.forecast.method);
      expect(Math.min(...series.backtest.map((b: any) => b.mase))).toBe(chosen.mase);
      // A domain's total is the sum over the townships, month by month.
      const total = res.body.totals.find((s: any) => s.domain === 'education');
      const sum = res.body.series
        .filter((s: any) => s.domain === 'education')
        .reduce((n: number, s: any) => n + s.history[0].count, 0);
      expect(total.history[0]).toEqual({ month: '2024-08', count: sum });
    });

    it('takes live demands for the months that have them and history for the others', async () => {
      const res = await as.township!.agent.get('/api/stats/forecast?domain=education');
      expect(res.status).toBe(200);
      expect(res.body.month).toBe('2026-08');
      expect(res.body.months.slice(-4)).toEqual([
        { month: '2026-04', source: 'history' },
        { month: '2026-05', source: 'live' },
        { month: '2026-06', source: 'live' },
        { month: '2026-07', source: 'live' },
      ]);
      expect(res.body.series).toHaveLength(1);
      const [series] = res.body.series;
      expect(series.township.code).toBe(TOWNSHIP_A.code);
      expect(series.history.slice(-4)).toEqual([
        { month: '2026-04', count: await historyOf(TOWNSHIP_A.code, 'education', '2026-04') },
        { month: '2026-05', count: 1 },
        { month: '2026-06', count: 1 },
        { month: '2026-07', count: 1 },
      ]);
      expect(res.body.totals).toEqual([expect.objectContaining({ domain: 'education' })]);
      expect(res.body.totals[0].history).toEqual(series.history);
      // Other townships have no live demands in May–July: the district took them live, so 0.
      const district = await as.dispatcher!.agent.get(
        `/api/stats/forecast?domain=education&township=${TOWNSHIP_B.code}`,
      );
      expect(district.body.series[0].history.slice(-3).map((h: any) => h.count)).toEqual([0, 0, 0]);
    });
  });
});
