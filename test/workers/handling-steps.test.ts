import { until } from '../processes/support/harness';
import { screenValid } from './support/steps';
import {
  DISTRICT,
  ENVIRONMENT_DEPARTMENT,
  STAFF,
  TOWNSHIP,
  VILLAGE,
  WATER_DEPARTMENT,
  NEIGHBOUR_DISTRICT,
  NEIGHBOUR_VILLAGE,
  NEIGHBOUR_WATER_DEPARTMENT,
  useWorkerWorld,
} from './support/worker-world';

/**
 * The other ways a demand goes with the real workers: closed or merged at screening, diverted
 * to an emergency number, and in handling a pause, an extension and an objection to the
 * dispatch; and who leads: never the accused unit, a department with the township assisting.
 * Dates are counted by hand (2026: 清明 4–6 April).
 */
describe('job workers: screening ends, handling detours, who leads', () => {
  const world = useWorkerWorld();
  const by = (member: { username: string }, variables: Record<string, unknown>) => ({
    ...variables,
    actor: member.username,
  });
  const outboxOf = (code: string) =>
    world
      .knex('notification_outbox')
      .whereRaw(`payload->>'demandCode' = ?`, [code])
      .orderBy('id')
      .select('template', 'recipient', 'channel', 'payload');

  it('closes false information with the reason explained, and merges a repeat into its original', async () => {
    await world.setClock(new Date('2026-03-02T09:00:00+08:00'));
    const original = await world.submit('小区门口垃圾堆放多日无人清理');
    await original.complete(
      'screen-first',
      by(STAFF.villageStaff, {
        screeningOutcome: 'invalid_false_info',
        screeningReasonCode: 'rumour',
        screeningExplanation: '经现场核实，垃圾已于当日清运',
      }),
    );
    expect(await original.ended()).toEqual(['closed']);
    await world.statusBecomes(original.demandCode, 'closed_invalid');
    expect(
      (await outboxOf(original.demandCode)).map((o) => [o.template, o.recipient, o.channel]),
    ).toEqual([
      ['demand_received', `citizen:${original.demandCode}`, 'sms'],
      ['demand_closed_explained', `citizen:${original.demandCode}`, 'sms'],
    ]);
    const closed = await world.demandOf(original.demandCode);
    expect(closed.screening_explanation).toBe('经现场核实，垃圾已于当日清运');

    const repeat = await world.submit('门口垃圾还是没人管');
    await repeat.complete(
      'screen-first',
      by(STAFF.villageStaff, {
        screeningOutcome: 'invalid_repeat_no_new_facts',
        screeningReasonCode: 'repeat',
        duplicateOfCode: original.demandCode,
      }),
    );
    expect(await repeat.ended()).toEqual(['merged']);
    await world.statusBecomes(repeat.demandCode, 'merged');
    const merged = await world.demandOf(repeat.demandCode);
    const originalRow = await world.demandOf(original.demandCode);
    expect(merged.duplicate_of_demand_id).toBe(originalRow.id);
    expect(merged.duplicate_group_id).not.toBeNull();
    expect(merged.duplicate_group_id).toBe(originalRow.duplicate_group_id);
    const told = (await outboxOf(repeat.demandCode)).find((o) => o.template === 'demand_merged');
    expect(told.payload).toMatchObject({
      originalCode: original.demandCode,
      originalStatus: 'closed_invalid',
    });
  });

  it('diverts an emergency found at screening to its centre and tells the citizen', async () => {
    const run = await world.submit('楼下店铺冒烟，有焦糊味');
    await run.complete(
      'screen-first',
      by(STAFF.villageStaff, {
        screeningOutcome: 'divert_emergency',
        emergencyNumber: '119',
        screeningReasonCode: 'emergency',
      }),
    );
    expect(await run.ended()).toEqual(['diverted']);
    await world.statusBecomes(run.demandCode, 'diverted');
    expect((await world.demandOf(run.demandCode)).diverted_to).toBe('119');
    expect(
      (await outboxOf(run.demandCode)).map((o) => [o.template, o.recipient, o.channel]),
    ).toEqual([
      ['demand_received', `citizen:${run.demandCode}`, 'sms'],
      ['emergency_centre_notice', 'emergency:119', 'sms'],
      ['emergency_diverted', `citizen:${run.demandCode}`, 'sms'],
    ]);
  });

  it('a pause adds its working days, an approved extension its own, and an objection re-dispatches', async () => {
    // Received Monday 2 March 2026: due Monday 30 March.
    await world.setClock(new Date('2026-03-02T09:00:00+08:00'));
    const run = await world.submit('自来水水压不足，高层无法用水');
    await screenValid(run);
    const demand = await world.demandOf(run.demandCode);
    await run.complete('handle', by(STAFF.villageStaff, { handleAction: 'accept' }));
    await run.complete(
      'handle',
      by(STAFF.villageStaff, { handleAction: 'pause', pauseReason: '等待群众提供户号' }),
    );
    await run.task('resume');
    await world.statusBecomes(run.demandCode, 'paused');

    // Resumed Wednesday 4 March: paused over 3 and 4 March, two working days → due 1 April.
    await world.setClock(new Date('2026-03-04T09:00:00+08:00'));
    await run.complete('resume', by(STAFF.villageStaff, { resumeNote: '户号已提供' }));
    const resumed = await run.task('handle');
    expect(Date.parse(resumed.dueDate!)).toBe(Date.parse('2026-04-01T23:59:59.999+08:00'));
    const pause = await world
      .knex('clock_pauses as p')
      .join('demand_clocks as c', 'c.id', 'p.clock_id')
      .where('c.demand_id', demand.id)
      .first('p.reason', 'p.paused_at', 'p.resumed_at');
    expect(pause).toMatchObject({ reason: '等待群众提供户号' });
    expect(pause.resumed_at.toISOString()).toBe('2026-03-04T01:00:00.000Z');

    // Five more working days from 1 April: 2, 3, (4–6 清明), 7, 8, 9 April.
    await run.complete(
      'handle',
      by(STAFF.villageStaff, {
        handleAction: 'extend',
        extensionDays: 5,
        extensionReason: '需更换加压泵',
      }),
    );
    await run.complete(
      'approve-extension',
      by(STAFF.supervisor, { extensionApproved: true, approvalNote: '同意' }),
    );
    const extended = await run.task('handle');
    expect(Date.parse(extended.dueDate!)).toBe(Date.parse('2026-04-09T23:59:59.999+08:00'));
    const extension = await world
      .knex('clock_extensions as e')
      .join('demand_clocks as c', 'c.id', 'e.clock_id')
      .join('users as r', 'r.id', 'e.requested_by_user_id')
      .join('users as a', 'a.id', 'e.approved_by_user_id')
      .where('c.demand_id', demand.id)
      .first(
        'e.state',
        'e.extra_working_days',
        'r.username as requester',
        'a.username as approver',
      );
    expect(extension).toEqual({
      state: 'approved',
      extra_working_days: 5,
      requester: STAFF.villageStaff.username,
      approver: STAFF.supervisor.username,
    });
    const extensionTold = (await outboxOf(run.demandCode)).find(
      (o) => o.template === 'extension_told',
    );
    expect(extensionTold).toMatchObject({ recipient: `citizen:${run.demandCode}`, channel: 'sms' });
    expect(extensionTold.payload).toMatchObject({ extraDays: 5, reason: '需更换加压泵' });

    await run.complete(
      'handle',
      by(STAFF.villageStaff, {
        handleAction: 'object',
        objectionReason: '属供水公司管网，非本社区职责',
      }),
    );
    await run.complete(
      'dispatch-review',
      by(STAFF.dispatcher, {
        dispatchDecision: 'redispatch',
        newLeadUnitCode: WATER_DEPARTMENT,
        dispatchNote: '改派水务局',
      }),
    );
    const redispatched = await run.task('handle');
    expect(redispatched.candidateGroups).toEqual([`department_staff:${WATER_DEPARTMENT}`]);
    const assignments = await world
      .knex('assignments')
      .where({ demand_id: demand.id })
      .orderBy('id');
    expect(assignments.map((a) => [a.unit_code, a.tier, a.status, a.objection_reason])).toEqual([
      [VILLAGE, 'village', 'objected', '属供水公司管网，非本社区职责'],
      [WATER_DEPARTMENT, 'district', 'active', null],
    ]);
    expect(assignments[0].handler_user_id).not.toBeNull();
    const ledger = await world.knex('ledger_events').where({ demand_id: demand.id }).orderBy('id');
    expect(ledger.map((e) => `${e.tier}:${e.unit_code}:${e.event_type}`)).toEqual([
      `district:${DISTRICT}:received`,
      `village:${VILLAGE}:assigned`,
      `village:${VILLAGE}:accepted`,
      `village:${VILLAGE}:paused`,
      `village:${VILLAGE}:objected`,
      `district:${DISTRICT}:assigned`,
    ]);
    expect(await world.demandOf(run.demandCode)).toMatchObject({
      tier: 'district',
      responsible_unit_code: WATER_DEPARTMENT,
      status: 'handling',
    });
  });

  it('a conduct complaint against the village is led by the district; the discipline inspectors record their finding', async () => {
    await world.setClock(new Date('2026-03-02T09:00:00+08:00'));
    const run = await world.submit('社区工作人员办事推诿，多次不予办理');
    await screenValid(
      run,
      { category: 'complaint', domain: 'conduct', scope: 'village', accusedUnitCode: VILLAGE },
      { category: 'complaint', domain: 'conduct' },
    );
    const handle = await run.task('handle');
    // The routing table sends conduct to the district, owned there by no department of this
    // tree: the district leads, as the department_staff of the district.
    expect(handle.candidateGroups).toEqual([`department_staff:${DISTRICT}`]);
    await run.complete(
      'discipline-supervise',
      by(STAFF.inspector, { disciplineFinding: 'reminded', disciplineNote: '已约谈提醒' }),
    );
    const demand = await world.demandOf(run.demandCode);
    await until(
      'the finding',
      async () =>
        (await world
          .knex('demand_history')
          .where({ demand_id: demand.id, action: 'discipline.reviewed' })
          .first()) ?? undefined,
    );
    const finding = await world
      .knex('demand_history')
      .where({ demand_id: demand.id, action: 'discipline.reviewed' })
      .first();
    expect(finding).toMatchObject({
      actor: STAFF.inspector.username,
      detail: { finding: 'reminded', note: '已约谈提醒' },
    });
    expect((await world.demandOf(run.demandCode)).accused_unit_code).toBe(VILLAGE);
  });

  it('a village-scope complaint accusing the village is led by the township, never by the accused', async () => {
    const run = await world.submit('社区垃圾清运不及时，投诉社区');
    await screenValid(
      run,
      { category: 'complaint', domain: 'sanitation', scope: 'village', accusedUnitCode: VILLAGE },
      { category: 'complaint', domain: 'sanitation' },
    );
    const handle = await run.task('handle');
    expect(handle.candidateGroups).toEqual([`township_staff:${TOWNSHIP}`]);
    const demand = await world.demandOf(run.demandCode);
    expect(demand).toMatchObject({ tier: 'township', responsible_unit_code: TOWNSHIP });
    await run.task('discipline-supervise');
  });

  it('noise shared by departments: the environment department leads, the township assists', async () => {
    const run = await world.submit('夜间工地施工噪音扰民');
    await screenValid(
      run,
      { category: 'complaint', domain: 'environment', scope: 'district', matter: 'noise' },
      { category: 'complaint', domain: 'environment' },
    );
    const handle = await run.task('handle');
    expect(handle.candidateGroups).toEqual([`department_staff:${ENVIRONMENT_DEPARTMENT}`]);
    const demand = await world.demandOf(run.demandCode);
    const assignments = await world
      .knex('assignments')
      .where({ demand_id: demand.id })
      .orderBy('id');
    expect(assignments.map((a) => [a.unit_code, a.role, a.tier, a.status])).toEqual([
      [ENVIRONMENT_DEPARTMENT, 'lead', 'district', 'active'],
      [TOWNSHIP, 'co', 'district', 'active'],
    ]);
    const told = await world
      .knex('notification_outbox')
      .where({ template: 'demand_assigned' })
      .whereRaw(`payload->>'demandCode' = ?`, [run.demandCode])
      .orderBy('id');
    expect(told.map((t) => [t.recipient, t.payload.role])).toEqual([
      [`unit:${ENVIRONMENT_DEPARTMENT}`, 'lead'],
      [`unit:${TOWNSHIP}`, 'co'],
    ]);
  });

  it('two districts of one city: a district-scope demand goes to its own district’s department', async () => {
    const run = await world.submit('小区停水两天，水压一直很低', NEIGHBOUR_VILLAGE);
    const first = await run.task('screen-first');
    expect(first.candidateGroups).toEqual([`village_staff:${NEIGHBOUR_VILLAGE}`]);
    await screenValid(run, { scope: 'district', domain: 'utilities' });
    const handle = await run.task('handle');
    expect(handle.candidateGroups).toEqual([`department_staff:${NEIGHBOUR_WATER_DEPARTMENT}`]);
    const demand = await world.demandOf(run.demandCode);
    expect(demand).toMatchObject({
      district_code: NEIGHBOUR_DISTRICT,
      responsible_unit_code: NEIGHBOUR_WATER_DEPARTMENT,
    });
    const ledger = await world.knex('ledger_events').where({ demand_id: demand.id });
    expect(ledger.map((e) => e.unit_code)).not.toContain(DISTRICT);
    expect(ledger.map((e) => e.unit_code)).not.toContain(WATER_DEPARTMENT);
  });
});
