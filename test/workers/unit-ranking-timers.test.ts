import { randomBytes } from 'node:crypto';
import { insertDemand } from '../api/staff-fixtures';
import { until } from '../processes/support/harness';
import { DISTRICT, OTHER_VILLAGE, TOWNSHIP, useWorkerWorld, VILLAGE } from './support/worker-world';

/**
 * `unit-ranking` on the real engine with the real workers: its cron timers start it once the
 * engine's clock passes Monday (or the 1st) 08:00 Beijing time, and the jobs rank the period that
 * had just ended by the engine's `now`. The timers were scheduled when the models were
 * deployed, so the clock jumps to a Monday that is certainly later: 3 March 2031, 08:00:30.
 */
describe('unit-ranking on its timers', () => {
  const world = useWorkerWorld();

  const effects = (type: string) =>
    world
      .knex('job_effects')
      .where({ job_type: type })
      .orderBy('element_instance_key')
      .select<{ variables: Record<string, unknown> }[]>('variables');

  it('ranks the week and the month that just ended, then tells the listed units', async () => {
    // Week 9 of 2031 (24 February – 2 March): three demands each for two villages, one
    // village accepting and resolving them in time, the other never accepting them.
    let n = 0;
    for (const [village, good] of [
      [VILLAGE, true],
      [OTHER_VILLAGE, false],
    ] as const) {
      for (let i = 0; i < 3; i += 1) {
        n += 1;
        const id = await insertDemand(world.knex, randomBytes(32), {
          code: `${DISTRICT}-20310225-${String(n).padStart(5, '0')}`,
          receivedAt: '2031-02-25T09:00:00+08:00',
          district: DISTRICT,
          township: TOWNSHIP,
          village,
          lead: village,
          resolutionDue: '2031-02-27T17:30:00+08:00',
          clockState: good ? 'met' : 'breached',
          resolvedAt: good ? '2031-02-26T10:00:00+08:00' : null,
        });
        await world.knex('demand_clocks').insert({
          demand_id: id,
          kind: 'response',
          started_at: new Date('2031-02-25T09:00:00+08:00'),
          due_at: new Date('2031-02-26T09:00:00+08:00'),
          state: 'running',
          working_days: 1,
        });
        if (good) {
          await world.knex('demand_history').insert({
            demand_id: id,
            at: new Date('2031-02-25T10:00:00+08:00'),
            actor: 'w-village',
            action: 'handling.accept',
          });
        }
      }
    }
    await world.setClock(new Date('2031-03-03T08:00:30+08:00'));
    const computed = await until('both rankings computed', async () => {
      const rows = await effects('unit-ranking-compute');
      return rows.length >= 2 ? rows : undefined;
    });
    expect(computed.map((row) => row.variables.rankingPeriod).sort()).toEqual([
      '2031-02',
      '2031-W09',
    ]);
    expect(computed.map((row) => row.variables.rankingKind).sort()).toEqual(['month', 'week']);
    const notified = await until('both notices sent', async () => {
      const rows = await effects('unit-ranking-notify');
      return rows.length >= 2 ? rows : undefined;
    });
    // The same two villages head and tail the week and February.
    expect(notified.map((row) => row.variables.notifiedUnits)).toEqual([2, 2]);
    const lists = await world
      .knex('unit_rankings')
      .orderBy(['period', 'rank'])
      .select('period', 'unit_code', 'list');
    expect(lists.map((r) => `${r.period} ${r.unit_code} ${r.list}`)).toEqual([
      `2031-02 ${VILLAGE} red`,
      `2031-02 ${OTHER_VILLAGE} black`,
      `2031-W09 ${VILLAGE} red`,
      `2031-W09 ${OTHER_VILLAGE} black`,
    ]);
    const told = await world
      .knex('notification_outbox')
      .whereIn('template', ['unit_ranking_listed', 'unit_warning'])
      .select('template', 'recipient');
    expect(told.map((t) => `${t.template} ${t.recipient}`).sort()).toEqual(
      [
        `unit_ranking_listed unit:${VILLAGE}`,
        `unit_ranking_listed unit:${VILLAGE}`,
        `unit_ranking_listed unit:${OTHER_VILLAGE}`,
        `unit_ranking_listed unit:${OTHER_VILLAGE}`,
        `unit_warning unit:${OTHER_VILLAGE}`,
        `unit_warning unit:${OTHER_VILLAGE}`,
      ].sort(),
    );
    expect(
      world.workerLog.filter((line) => /unit-ranking/.test(line) && /fail|error/i.test(line)),
    ).toEqual([]);
  });
});
