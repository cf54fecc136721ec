import { until, type DemandRun } from '../processes/support/harness';
import { resolveAndAccept, screenValid } from './support/steps';
import { TOWNSHIP, VILLAGE, useWorkerWorld } from './support/worker-world';

/**
 * Deadlines on the working-day calendar with the real workers, and what the engine's timers do
 * with them once the engine clock passes them: warning, supervision order, daily reminder and
 * escalation to the township. Expected dates are counted by hand on the State Council's 2026
 * arrangement (国办发明电〔2025〕 holiday notice): 清明 4–6 April; 劳动节 1–5 May, 9 May worked;
 * 中秋 25 September; 国庆 1–7 October, 20 September and 10 October worked.
 */
describe('job workers: deadlines', () => {
  const world = useWorkerWorld();
  const MINUTE = 60_000;

  /** A process variable of the instance as the engine's search shows it (it lags a little). */
  async function variable(run: DemandRun, name: string, expected: unknown): Promise<unknown> {
    let last: unknown;
    await until(`${name} = ${JSON.stringify(expected)}`, async () => {
      const found = await world.rest('/v2/variables/search', 'POST', {
        filter: { processInstanceKey: run.instanceKey, scopeKey: run.instanceKey, name },
      });
      const item = found.body?.items?.[0];
      last = item ? JSON.parse(item.value) : undefined;
      return JSON.stringify(last) === JSON.stringify(expected) ? true : undefined;
    }).catch(() => undefined);
    return last;
  }

  const count = async (table: string, where: Record<string, unknown>) =>
    Number((await world.knex(table).where(where).count<{ c: string }[]>('* as c'))[0]!.c);

  it('counts a consultation received before National Day past the holiday and its make-up Saturday', async () => {
    // Tuesday 29 September 2026, 10:00. A consultation: answered the same day, resolved within
    // 5 working days: 30 Sep (1), 1–7 Oct off, 8 Oct (2), 9 Oct (3), Saturday 10 Oct worked (4),
    // 11 Oct off, 12 Oct (5). Escalation after 3 more working days: 13, 14, 15 October.
    await world.setClock(new Date('2026-09-29T10:00:00+08:00'));
    const run = await world.submit('咨询：国庆期间社区服务中心是否开放？');
    await screenValid(
      run,
      { category: 'consultation', domain: 'other' },
      { category: 'consultation', domain: 'other' },
    );
    const handle = await run.task('handle');
    expect(Date.parse(handle.dueDate!)).toBe(Date.parse('2026-10-12T23:59:59.999+08:00'));
    expect(await variable(run, 'resolutionDue', '2026-10-12T23:59:59.999+08:00')).toBe(
      '2026-10-12T23:59:59.999+08:00',
    );
    expect(await variable(run, 'responseDue', '2026-09-29T23:59:59.999+08:00')).toBe(
      '2026-09-29T23:59:59.999+08:00',
    );
    expect(await variable(run, 'escalateAt', '2026-10-15T23:59:59.999+08:00')).toBe(
      '2026-10-15T23:59:59.999+08:00',
    );
    expect(await variable(run, 'reminderCycle', 'R/2026-10-13T23:59:59.999+08:00/P1D')).toBe(
      'R/2026-10-13T23:59:59.999+08:00/P1D',
    );
    expect(await variable(run, 'extensions', 0)).toBe(0);

    const demand = await world.demandOf(run.demandCode);
    const clocks = await world
      .knex('demand_clocks')
      .where({ demand_id: demand.id })
      .orderBy('kind');
    expect(clocks.map((c) => [c.kind, c.due_at.toISOString(), c.working_days, c.state])).toEqual([
      ['resolution', '2026-10-12T15:59:59.999Z', 5, 'running'],
      ['response', '2026-09-29T15:59:59.999Z', 0, 'running'],
    ]);
  });

  it('warns, supervises once and reminds daily past the deadline, then escalates to the township', async () => {
    // Monday 2 March 2026: due Monday 30 March (20 working days), escalation after Thursday 2 April.
    await world.setClock(new Date('2026-03-02T09:00:00+08:00'));
    const run = await world.submit('村道路面塌陷，车辆无法通行');
    await screenValid(run);
    await run.task('handle');
    const demand = await world.demandOf(run.demandCode);

    await world.setClock(new Date(Date.parse('2026-03-30T23:59:59.999+08:00') + MINUTE));
    await until('a supervision order', async () =>
      (await count('supervision_orders', { demand_id: demand.id })) === 1 ? true : undefined,
    );
    const order = await world.knex('supervision_orders').where({ demand_id: demand.id }).first();
    expect(order).toMatchObject({ unit_code: VILLAGE, level: 'yellow', kind: 'supervision' });
    await until('the warning', async () =>
      (await count('demand_history', { demand_id: demand.id, action: 'deadline.warned' })) === 1
        ? true
        : undefined,
    );

    // The first daily reminder is due a day after the deadline.
    await world.setClock(new Date('2026-04-01T00:00:30+08:00'));
    await until('the first reminder', async () =>
      (await count('demand_history', { demand_id: demand.id, action: 'deadline.reminded' })) === 1
        ? true
        : undefined,
    );
    const reminder = await world
      .knex('notification_outbox')
      .where({ template: 'deadline_reminder' })
      .whereRaw(`payload->>'demandCode' = ?`, [run.demandCode])
      .first();
    expect(reminder).toMatchObject({
      recipient: `group:village_staff:${VILLAGE}`,
      channel: 'in_app',
    });

    // Past the grace: escalated to the township, whose 20 working days start now (Friday
    // 3 April): 清明 4–6 April and 劳动节 1–5 May off, so the new deadline is Thursday 7 May.
    const escalatedAt = new Date('2026-04-03T00:01:00+08:00');
    await world.setClock(escalatedAt);
    const handle = await until('the township to handle', async () => {
      const task = await run.task('handle');
      return task.candidateGroups[0] === `township_staff:${TOWNSHIP}` ? task : undefined;
    });
    expect(Date.parse(handle.dueDate!)).toBe(Date.parse('2026-05-07T23:59:59.999+08:00'));

    const after = await world.demandOf(run.demandCode);
    expect(after).toMatchObject({
      tier: 'township',
      responsible_unit_code: TOWNSHIP,
      status: 'handling',
    });
    const assignments = await world
      .knex('assignments')
      .where({ demand_id: demand.id })
      .orderBy('id');
    expect(assignments.map((a) => [a.unit_code, a.tier, a.status])).toEqual([
      [VILLAGE, 'village', 'withdrawn'],
      [TOWNSHIP, 'township', 'active'],
    ]);
    const ledger = await world.knex('ledger_events').where({ demand_id: demand.id }).orderBy('id');
    expect(ledger.map((e) => `${e.tier}:${e.unit_code}:${e.event_type}`)).toContain(
      `township:${TOWNSHIP}:escalated`,
    );
    const resolution = await world
      .knex('demand_clocks')
      .where({ demand_id: demand.id, kind: 'resolution' })
      .first();
    expect(resolution.started_at.toISOString()).toBe(escalatedAt.toISOString());
    const told = await world
      .knex('notification_outbox')
      .whereIn('template', ['demand_escalated', 'demand_assigned'])
      .whereRaw(`payload->>'demandCode' = ?`, [run.demandCode])
      .orderBy('id');
    expect(told.map((t) => `${t.template} ${t.recipient}`)).toEqual([
      `demand_assigned unit:${VILLAGE}`,
      `demand_assigned unit:${TOWNSHIP}`,
      `demand_escalated unit:${VILLAGE}`,
    ]);
    // Re-entering handling re-armed the timers on the new deadline: the old one stays supervised
    // and warned once.
    expect(await count('supervision_orders', { demand_id: demand.id })).toBe(1);
    expect(await count('demand_history', { demand_id: demand.id, action: 'deadline.warned' })).toBe(
      1,
    );
  });

  it('unsatisfied twice: handled again once, then a red listed order and escalation to the township', async () => {
    await world.setClock(new Date('2026-03-02T09:00:00+08:00'));
    const run = await world.submit('小区电梯反复故障');
    await screenValid(run);
    await resolveAndAccept(run, 'unsatisfied');
    const again = await run.task('handle');
    expect(again.candidateGroups).toEqual([`village_staff:${VILLAGE}`]);
    const demand = await world.demandOf(run.demandCode);
    await until('the first answer', async () =>
      (await world.demandOf(run.demandCode)).unsatisfied_count === 1 ? true : undefined,
    );
    expect(await count('supervision_orders', { demand_id: demand.id })).toBe(0);

    await resolveAndAccept(run, 'unsatisfied');
    const escalated = await until('the township to handle', async () => {
      const task = await run.task('handle');
      return task.candidateGroups[0] === `township_staff:${TOWNSHIP}` ? task : undefined;
    });
    expect(escalated.candidateGroups).toEqual([`township_staff:${TOWNSHIP}`]);
    const orders = await world.knex('supervision_orders').where({ demand_id: demand.id });
    expect(orders.map((o) => [o.unit_code, o.level, o.kind])).toEqual([
      [VILLAGE, 'red', 'listed_supervision'],
    ]);
    const visits = await world.knex('return_visits').where({ demand_id: demand.id }).orderBy('id');
    expect(visits.map((v) => [v.method, v.satisfaction])).toEqual([
      ['citizen_web', 'unsatisfied'],
      ['citizen_web', 'unsatisfied'],
    ]);
    expect(await world.demandOf(run.demandCode)).toMatchObject({
      unsatisfied_count: 2,
      tier: 'township',
      status: 'handling',
    });
  });
});
