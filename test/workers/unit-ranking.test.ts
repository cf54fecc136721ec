import { randomBytes } from 'node:crypto';
import { createWorkingCalendar } from '../../domain/calendar';
import { unitRankingCompute } from '../../workers/jobs/unit-ranking-compute';
import { unitRankingNotify } from '../../workers/jobs/unit-ranking-notify';
import { renderNotification } from '../../workers/notifications';
import { importDemoDistrict } from '../api/helpers';
import {
  TOWNSHIP_A,
  TOWNSHIP_B,
  VILLAGE_A1,
  VILLAGE_A2,
  VILLAGE_B1,
  insertDemand,
} from '../api/staff-fixtures';
import { useTestDatabase } from '../support/database';

/**
 * The two jobs of `unit-ranking`, handled directly with the test's database (the process starts
 * on timers only): three villages over three months, the one lagging every month climbing the
 * ladder, recomputations changing nothing.
 */
describe('unit-ranking jobs', () => {
  const db = useTestDatabase();
  const dataKey = randomBytes(32);
  const GOOD = VILLAGE_A1.code;
  const MIDDLE = VILLAGE_A2.code;
  const LAGGING = VILLAGE_B1.code;
  let jobs = 0;
  let sequence = 0;

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
  });

  /** Runs a job handler as the runner would, with a fresh element instance; returns its answer. */
  async function run(
    handler: typeof unitRankingCompute | typeof unitRankingNotify,
    kind: string,
    now: string,
    variables: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    jobs += 1;
    let answer: Record<string, unknown> | undefined;
    const job = {
      key: String(9_000_000 + jobs),
      type: handler.type,
      elementInstanceKey: String(8_000_000 + jobs),
      processInstanceKey: '7000000',
      customHeaders: { kind },
      variables,
      complete: async (output: Record<string, unknown>) => {
        answer = output;
        return 'JOB_ACTION_ACKNOWLEDGEMENT' as const;
      },
      error: async () => {
        throw new Error('the ranking jobs throw no BPMN error');
      },
    };
    await handler.handle(job as never, {
      knex: db.knex,
      log: () => undefined,
      calendar: createWorkingCalendar(),
      now: new Date(now),
    });
    return answer!;
  }

  /**
   * Three demands led by `unit` in the month: `good` ones accepted at once, resolved in time and
   * satisfied; lagging ones never accepted, both deadlines long passed.
   */
  async function month(month: string, unit: string, township: string, good: boolean) {
    for (let i = 0; i < 3; i += 1) {
      sequence += 1;
      const code = `511999-2026${month}02-${String(sequence).padStart(5, '0')}`;
      const received = `2026-${month}-02T09:00:00+08:00`;
      const id = await insertDemand(db.knex, dataKey, {
        code,
        receivedAt: received,
        township,
        village: unit,
        lead: unit,
        resolutionDue: `2026-${month}-09T17:30:00+08:00`,
        clockState: good ? 'met' : 'breached',
        resolvedAt: good ? `2026-${month}-05T10:00:00+08:00` : null,
        satisfaction: good ? 'satisfied' : null,
        status: good ? 'archived' : 'handling',
        archivedAt: good ? `2026-${month}-06T10:00:00+08:00` : null,
      });
      await db.knex('demand_clocks').insert({
        demand_id: id,
        kind: 'response',
        started_at: new Date(received),
        due_at: new Date(`2026-${month}-03T17:30:00+08:00`),
        state: 'running',
        working_days: 1,
      });
      if (good) {
        await db.knex('demand_history').insert({
          demand_id: id,
          at: new Date(`2026-${month}-02T10:00:00+08:00`),
          actor: 'staff',
          action: 'handling.accept',
        });
      }
    }
  }

  async function setUpMonth(m: string, middleGood: boolean) {
    await month(m, GOOD, TOWNSHIP_A.code, true);
    await month(m, MIDDLE, TOWNSHIP_A.code, middleGood);
    await month(m, LAGGING, TOWNSHIP_B.code, false);
  }

  const rankingsOf = (period: string) =>
    db
      .knex('unit_rankings')
      .where({ period_kind: 'monthly', period })
      .orderBy('rank')
      .select('unit_code', 'rank', 'list', 'score', 'response_rate', 'resolution_rate');

  it('ranks March: the good villages red, the lagging one black with a reminder and yellow warnings', async () => {
    await setUpMonth('03', true);
    // A merged repeat the good village led is screened out: it does not lower its rates.
    await insertDemand(db.knex, dataKey, {
      code: '511999-20260310-00999',
      receivedAt: '2026-03-10T09:00:00+08:00',
      township: TOWNSHIP_A.code,
      village: GOOD,
      lead: GOOD,
      status: 'merged',
      duplicateOf: '511999-20260302-00001',
      resolutionDue: '2026-03-12T17:30:00+08:00',
    });

    const output = await run(unitRankingCompute, 'month', '2026-04-01T08:00:05+08:00');
    expect(output).toMatchObject({
      rankingKind: 'month',
      rankingPeriod: '2026-03',
      redListed: 2,
      blackListed: 1,
    });

    // Three villages: one place on each list, which the good and the middle village share
    // (they score 100 alike).
    const rows = await rankingsOf('2026-03');
    expect(rows.map((r) => [r.unit_code, r.rank, r.list, Number(r.score)])).toEqual([
      [GOOD, 1, 'red', 100],
      [MIDDLE, 1, 'red', 100],
      [LAGGING, 3, 'black', 0],
    ]);
    expect(Number(rows[2]!.response_rate)).toBe(0);

    const ladder = await db
      .knex('unit_ladder')
      .select('unit_code', 'period', 'listing_count', 'step');
    expect(ladder).toEqual([
      { unit_code: LAGGING, period: '2026-03', listing_count: 1, step: 'reminder' },
    ]);
    const warnings = await db.knex('unit_warnings').where({ unit_code: LAGGING }).orderBy('id');
    expect(warnings.map((w) => w.reason)).toEqual([
      '2026年3月响应率0.0%，低于80.0%',
      '2026年3月办结率0.0%，低于80.0%',
      '2026年3月按期办结率0.0%，低于70.0%',
    ]);
    expect(warnings.every((w) => w.level === 'yellow' && w.period === '2026-03')).toBe(true);
  });

  it('computes March again (the next run, and a recomputation named by rankingPeriod) without counting anything twice', async () => {
    const before = await rankingsOf('2026-03');
    await run(unitRankingCompute, 'month', '2026-04-01T08:00:05+08:00');
    await run(unitRankingCompute, 'month', '2026-04-20T08:00:00+08:00', {
      rankingPeriod: '2026-03',
    });
    expect(await rankingsOf('2026-03')).toEqual(before);
    expect(await db.knex('unit_ladder').count('* as c')).toEqual([{ c: '1' }]);
    expect(await db.knex('unit_warnings').count('* as c')).toEqual([{ c: '3' }]);
  });

  it('climbs the ladder in April (约谈) and May (问责审查), and tells the listed units', async () => {
    await setUpMonth('04', false);
    await setUpMonth('05', false);
    await run(unitRankingCompute, 'month', '2026-05-01T08:00:00+08:00');
    await run(unitRankingCompute, 'month', '2026-06-01T08:00:00+08:00');
    // April: the middle village lagged too; both share the last place and the black list.
    expect((await rankingsOf('2026-04')).map((r) => [r.unit_code, r.rank, r.list])).toEqual([
      [GOOD, 1, 'red'],
      [MIDDLE, 2, 'black'],
      [LAGGING, 2, 'black'],
    ]);
    const ladder = await db
      .knex('unit_ladder')
      .orderBy(['unit_code', 'period'])
      .select('unit_code', 'period', 'listing_count', 'step');
    expect(ladder.filter((l) => l.unit_code === LAGGING)).toEqual([
      { unit_code: LAGGING, period: '2026-03', listing_count: 1, step: 'reminder' },
      { unit_code: LAGGING, period: '2026-04', listing_count: 2, step: 'talk' },
      { unit_code: LAGGING, period: '2026-05', listing_count: 3, step: 'formal_review' },
    ]);
    expect(ladder.filter((l) => l.unit_code === MIDDLE).map((l) => l.step)).toEqual([
      'reminder',
      'talk',
    ]);

    await run(unitRankingNotify, 'month', '2026-05-01T08:00:10+08:00');
    const notes = await db
      .knex('notification_outbox')
      .orderBy('id')
      .select('recipient', 'template', 'payload', 'channel');
    expect(notes.map((n) => `${n.template} ${n.recipient}`).sort()).toEqual(
      [
        `unit_ranking_listed unit:${GOOD}`,
        `unit_ranking_listed unit:${MIDDLE}`,
        `unit_ranking_listed unit:${LAGGING}`,
        `unit_warning unit:${MIDDLE}`,
        `unit_warning unit:${LAGGING}`,
      ].sort(),
    );
    expect(notes.every((n) => n.channel === 'in_app')).toBe(true);
    const lagging = notes.find(
      (n) => n.template === 'unit_ranking_listed' && n.recipient === `unit:${LAGGING}`,
    )!;
    expect(renderNotification(lagging.template, lagging.payload).text).toBe(
      `【红黑榜】${VILLAGE_B1.name}：你单位在2026年4月诉求办理考评中列入黑榜（同类单位第2名，综合得分0）。` +
        '这是你单位第2次列入黑榜，将约谈单位主要负责人，请做好准备并提交整改报告。详情请登录民生诉求系统查看。',
    );
    const warning = notes.find(
      (n) => n.template === 'unit_warning' && n.recipient === `unit:${LAGGING}`,
    )!;
    expect(renderNotification(warning.template, warning.payload).text).toContain(
      '2026年4月响应率0.0%，低于80.0%；2026年4月办结率0.0%',
    );
  });
});
