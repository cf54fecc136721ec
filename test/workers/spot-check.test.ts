import { randomBytes } from 'node:crypto';
import { insertDemand } from '../api/staff-fixtures';
import { until } from '../processes/support/harness';
import { spotCheckSample } from '../../workers/jobs/spot-check-sample';
import type { JobContext } from '../../workers/job-types';
import {
  DISTRICT,
  STAFF,
  TOWNSHIP,
  useWorkerWorld,
  VILLAGE,
  WATER_DEPARTMENT,
} from './support/worker-world';

/**
 * `spot-check` (抽查回访) on the real engine with the real workers: its cron timer starts it once
 * the engine's clock passes the 1st of the month, 08:30 Beijing time; the sample is drawn from
 * the demands archived in the month before, the district's supervisors visit each citizen again,
 * and a closure the citizen contradicts reopens the demand and puts a red light on its unit.
 */
describe('spot-check on its timer', () => {
  const world = useWorkerWorld();
  /** The ended instance that archived demand n: 2251799813685000 + n. */
  const oldInstance = (code: string) => String(2251799813685000n + BigInt(code.slice(-5)));

  /** An archived demand of `lead`, closed at `archivedAt` (Beijing time). */
  let n = 0;
  async function archived(lead: string, archivedAt: string, tier = 'village'): Promise<string> {
    n += 1;
    const code = `${DISTRICT}-20311008-${String(n).padStart(5, '0')}`;
    await insertDemand(world.knex, randomBytes(32), {
      code,
      receivedAt: '2031-09-20T09:00:00+08:00',
      district: DISTRICT,
      township: TOWNSHIP,
      village: VILLAGE,
      lead,
      tier,
      status: 'archived',
      resolvedAt: '2031-09-28T10:00:00+08:00',
      satisfaction: 'satisfied',
      archivedAt,
      processInstanceKey: oldInstance(code),
      screening: { outcome: 'valid' },
    });
    return code;
  }

  const completed = (key: string) =>
    until(`instance ${key} completed`, async () => {
      const found = await world.rest(`/v2/process-instances/${key}`);
      return found.body?.state === 'COMPLETED' ? true : undefined;
    });

  const openVisits = async (count: number) =>
    until(`${count} open visits`, async () => {
      const found = await world.rest('/v2/user-tasks/search', 'POST', {
        filter: { elementId: 'spot-check-visit', state: 'CREATED' },
      });
      const items = found.body.items as Array<{ userTaskKey: string; candidateGroups: string[] }>;
      return items.length === count ? items : undefined;
    });

  it('samples last month per unit, records the visits and reopens a false closure', async () => {
    // October 2031: twelve closures of the village (10 % is 1.2: two sampled) and three of the
    // water department (at least one each); closures just outside October are not sampled.
    for (let i = 0; i < 12; i += 1) await archived(VILLAGE, `2031-10-${10 + i}T16:00:00+08:00`);
    for (let i = 0; i < 3; i += 1) {
      await archived(WATER_DEPARTMENT, `2031-10-0${1 + i}T00:05:00+08:00`, 'district');
    }
    const september = await archived(VILLAGE, '2031-09-30T23:59:00+08:00');
    const november = await archived(VILLAGE, '2031-11-01T00:01:00+08:00');

    await world.setClock(new Date('2031-11-01T08:30:30+08:00'));
    const sampled = await until('the sample', async () => {
      const row = await world.knex('job_effects').where({ job_type: 'spot-check-sample' }).first<{
        variables: Record<string, unknown>;
        element_instance_key: string;
        process_instance_key: string;
      }>('variables', 'element_instance_key', 'process_instance_key');
      return row;
    });
    expect(sampled.variables.spotCheckPeriod).toBe('2031-10');
    expect(sampled.variables.sampledCount).toBe(3);
    const checks = await world
      .knex('spot_checks as s')
      .join('demands as d', 'd.id', 's.demand_id')
      .orderBy('d.code')
      .select('s.id', 's.period', 's.unit_code', 'd.code');
    const perUnit = (unit: string) => checks.filter((c) => c.unit_code === unit).length;
    expect({ village: perUnit(VILLAGE), water: perUnit(WATER_DEPARTMENT) }).toEqual({
      village: 2,
      water: 1,
    });
    expect(checks.map((c) => c.period)).toEqual(['2031-10', '2031-10', '2031-10']);
    expect(checks.map((c) => c.code)).not.toContain(september);
    expect(checks.map((c) => c.code)).not.toContain(november);

    // One visit per sampled demand, offered to the district's supervisors and dispatchers.
    const visits = await openVisits(3);
    for (const visit of visits) {
      expect([...visit.candidateGroups].sort()).toEqual([
        `dispatcher:${DISTRICT}`,
        `supervisor:${DISTRICT}`,
      ]);
    }

    // A redelivered sampling job answers as before and samples nothing more.
    const answered: unknown[] = [];
    const job = {
      key: '1',
      type: 'spot-check-sample',
      elementInstanceKey: String(sampled.element_instance_key),
      processInstanceKey: '2',
      variables: {},
      customHeaders: {},
      complete: (variables: unknown) => answered.push(variables),
      error: () => answered.push('error'),
    };
    await spotCheckSample.handle(
      job as never,
      {
        knex: world.knex,
        now: new Date('2031-11-01T08:31:00+08:00'),
      } as JobContext,
    );
    expect(answered).toEqual([sampled.variables]);
    // So does a second run for the same month, started by hand at the sampling: its sample is empty, no visit is asked twice.
    const rerun = await world.rest('/v2/process-instances', 'POST', {
      processDefinitionId: 'spot-check',
      startInstructions: [{ elementId: 'spot-check-sample' }],
      variables: { spotCheckPeriod: '2031-10' },
    });
    expect(rerun.status).toBe(200);
    await until('the second sampling', async () => {
      const rows = await world.knex('job_effects').where({ job_type: 'spot-check-sample' });
      return rows.length === 2 ? rows : undefined;
    });
    await completed(String(rerun.body.processInstanceKey));
    expect(await world.knex('spot_checks').count('* as c')).toEqual([{ c: '3' }]);
    expect(await openVisits(3)).toHaveLength(3);

    // The first citizen contradicts the closure, the others confirm it.
    for (const [index, visit] of visits.entries()) {
      const contradicted = index === 0;
      const done = await world.rest(`/v2/user-tasks/${visit.userTaskKey}/completion`, 'POST', {
        variables: {
          actor: contradicted ? STAFF.supervisor.username : STAFF.dispatcher.username,
          visitResult: contradicted ? 'contradicted' : 'confirmed',
          satisfaction: contradicted ? 'unsatisfied' : 'satisfied',
          visitNote: contradicted ? '群众反映问题并未解决' : '群众确认已解决',
        },
      });
      expect(done.status).toBe(204);
    }
    const results = await until('every visit recorded', async () => {
      const rows = await world
        .knex('spot_checks as s')
        .join('demands as d', 'd.id', 's.demand_id')
        .whereNotNull('s.visited_at')
        .select(
          'd.code',
          's.unit_code',
          's.result',
          's.satisfaction',
          's.reopened',
          's.visited_by',
        );
      return rows.length === 3 ? rows : undefined;
    });
    await completed(String(sampled.process_instance_key));
    const contradicted = results.filter((r) => r.result === 'contradicted');
    expect(contradicted).toHaveLength(1);
    const falseClosure = contradicted[0]!;
    expect(falseClosure).toMatchObject({
      satisfaction: 'unsatisfied',
      reopened: true,
      visited_by: STAFF.supervisor.username,
    });
    expect(
      results.filter((r) => r.result === 'confirmed').map((r) => [r.reopened, r.visited_by]),
    ).toEqual([
      [false, STAFF.dispatcher.username],
      [false, STAFF.dispatcher.username],
    ]);

    // The false closure runs again in a new process instance, from screening.
    await world.statusBecomes(falseClosure.code, 'screening');
    const reopened = await world.demandOf(falseClosure.code);
    expect(reopened.archived_at).toBeNull();
    const newInstance = await until('the new instance', async () => {
      const row = await world.demandOf(falseClosure.code);
      const key = row.process_instance_key === null ? null : String(row.process_instance_key);
      return key !== null && key !== oldInstance(falseClosure.code) ? key : undefined;
    });
    // The new instance's first job writes 'registered' after the instance key is stored.
    const history = await until('the new instance registered', async () => {
      const actions: string[] = await world
        .knex('demand_history')
        .where({ demand_id: reopened.id })
        .orderBy('id')
        .pluck('action');
      return actions.includes('registered') ? actions : undefined;
    });
    expect(history).toEqual([
      'received',
      'spot_check.recorded',
      'spot_check.reopened',
      'registered',
    ]);
    const registered = await world
      .knex('demand_history')
      .where({ demand_id: reopened.id, action: 'registered' })
      .first('detail');
    expect(registered.detail).toEqual({ processInstanceKey: newInstance });
    // The confirmed ones stay archived.
    for (const row of results.filter((r) => r.result === 'confirmed')) {
      expect((await world.demandOf(row.code)).status).toBe('archived');
    }

    // A red light for the unit that closed it, and the unit told.
    const warnings = await world
      .knex('unit_warnings')
      .where({ level: 'red' })
      .select('unit_code', 'reason', 'period');
    expect(warnings).toEqual([
      {
        unit_code: falseClosure.unit_code,
        reason: expect.stringContaining(falseClosure.code),
        period: null,
      },
    ]);
    const told = await world
      .knex('notification_outbox')
      .where({ template: 'spot_check_false_closure' })
      .select('recipient', 'payload');
    expect(told).toEqual([
      {
        recipient: `unit:${falseClosure.unit_code}`,
        payload: expect.objectContaining({
          demandCode: falseClosure.code,
          period: '2031-10',
          reopened: true,
        }),
      },
    ]);
    expect(
      world.workerLog.filter((line) => /spot-check/.test(line) && /fail|error/i.test(line)),
    ).toEqual([]);
  });
});
