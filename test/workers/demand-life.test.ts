import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { until } from '../processes/support/harness';
import { resolveAndAccept, screenValid, signOff } from './support/steps';
import { DISTRICT, STAFF, VILLAGE, useWorkerWorld } from './support/worker-world';

/**
 * A demand's whole life with the real workers: intake, screening, dispatch to the village,
 * deadlines, resolution, the citizen's acceptance, the four-party sign-off and the archive,
 * checked in the tables the rest of the system reads.
 */
describe('job workers: a demand from intake to archive', () => {
  const world = useWorkerWorld();

  const ledgerOf = async (demandId: string) =>
    (
      await world
        .knex('ledger_events')
        .where({ demand_id: demandId })
        .orderBy('id')
        .select('tier', 'unit_code', 'event_type')
    ).map((e) => `${e.tier}:${e.unit_code}:${e.event_type}`);

  it('runs to archived, leaving ledger, clocks, history, notifications and a chained archive entry', async () => {
    await world.setClock(new Date('2026-03-02T09:00:00+08:00'));
    const run = await world.submit('小区停水三天了，请尽快处理');
    await screenValid(run);
    const handle = await run.task('handle');
    expect(handle.candidateGroups).toEqual([`village_staff:${VILLAGE}`]);
    // Monday 2 March 2026: 20 working days (no holiday in March) end on Monday 30 March.
    expect(Date.parse(handle.dueDate!)).toBe(Date.parse('2026-03-30T23:59:59.999+08:00'));
    await resolveAndAccept(run);
    await signOff(run);
    expect(await run.ended()).toEqual(['archived']);
    await world.statusBecomes(run.demandCode, 'archived');

    const demand = await world.demandOf(run.demandCode);
    expect(demand).toMatchObject({
      status: 'archived',
      tier: 'village',
      responsible_unit_code: VILLAGE,
      satisfaction: 'satisfied',
      result: '已修复供水管道',
      process_instance_key: run.instanceKey,
    });
    expect(demand.archived_at).not.toBeNull();

    expect(await ledgerOf(demand.id)).toEqual([
      `district:${DISTRICT}:received`,
      `village:${VILLAGE}:assigned`,
      `village:${VILLAGE}:resolved`,
      `village:${VILLAGE}:verified`,
      `district:${DISTRICT}:closed`,
      `village:${VILLAGE}:closed`,
    ]);

    const clocks = await world
      .knex('demand_clocks')
      .where({ demand_id: demand.id })
      .orderBy('kind');
    expect(clocks.map((c) => [c.kind, c.state])).toEqual([
      ['resolution', 'met'],
      ['response', 'running'],
      ['verification', 'met'],
    ]);
    const resolution = clocks.find((c) => c.kind === 'resolution');
    expect(resolution.due_at.toISOString()).toBe('2026-03-30T15:59:59.999Z');
    expect(resolution.started_at.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(clocks.find((c) => c.kind === 'response').due_at.toISOString()).toBe(
      '2026-03-03T15:59:59.999Z',
    );

    const assignments = await world.knex('assignments').where({ demand_id: demand.id });
    expect(assignments.map((a) => [a.unit_code, a.role, a.tier, a.status])).toEqual([
      [VILLAGE, 'lead', 'village', 'active'],
    ]);

    const history = await world
      .knex('demand_history')
      .where({ demand_id: demand.id })
      .orderBy(['at', 'id'])
      .select('actor', 'action');
    expect(history.map((h) => `${h.action}:${h.actor}`)).toEqual([
      'received:citizen',
      'registered:system',
      `screening.first:${STAFF.villageStaff.username}`,
      `screening.review:${STAFF.townshipStaff.username}`,
      'assigned.dispatch:system',
      'deadlines.start:system',
      `handling.resolve:${STAFF.villageStaff.username}`,
      'verification.requested:system',
      'verification.recorded:citizen',
      'signoff.started:system',
      `signoff.signed:${STAFF.villageStaff.username}`,
      `signoff.signed:${STAFF.villageStaff.username}`,
      `signoff.signed:${STAFF.supervisor.username}`,
      `signoff.signed:${STAFF.principal.username}`,
      'archived:system',
    ]);

    const signoffs = await world.knex('sign_offs').where({ demand_id: demand.id }).orderBy('id');
    expect(signoffs.map((s) => [s.party, s.round, s.approved])).toEqual([
      ['citizen', 1, true],
      ['handler', 1, true],
      ['supervising_leader', 1, true],
      ['principal_leader', 1, true],
    ]);
    expect(signoffs[0].signer_name_masked).toBe('刘*');

    const outbox = await world
      .knex('notification_outbox')
      .whereRaw(`payload->>'demandCode' = ?`, [run.demandCode])
      .orderBy('id')
      .select('template', 'recipient', 'channel');
    expect(outbox.map((o) => `${o.template} ${o.recipient} ${o.channel}`)).toEqual([
      `demand_received citizen:${run.demandCode} sms`,
      `demand_assigned unit:${VILLAGE} in_app`,
      `verification_request citizen:${run.demandCode} sms`,
      `demand_archived citizen:${run.demandCode} sms`,
    ]);

    const entry = await world.knex('archive_entries').where({ demand_id: demand.id }).first();
    const before = await world
      .knex('archive_entries')
      .where('sequence', '<', entry.sequence)
      .orderBy('sequence', 'desc')
      .first();
    expect(entry.previous_hash).toBe(before ? before.record_hash : '0'.repeat(64));
    const expected = createHash('sha256')
      .update(`${entry.previous_hash}\n${canonicalize(entry.record)}`)
      .digest('hex');
    expect(entry.record_hash).toBe(expected);
    expect(entry.record.demand.code).toBe(run.demandCode);
    expect(entry.record.signOffs).toHaveLength(4);
    expect(entry.record.ledgerEvents.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(entry.record.demand).filter((k) => /_enc$|_hash$/.test(k))).toEqual([]);
    expect(JSON.stringify(entry.record)).not.toContain('15512342654');
  });

  it('each signer finds the sign-off form empty, not filled with the previous party’s answer', async () => {
    await world.setClock(new Date('2026-03-02T09:00:00+08:00'));
    const run = await world.submit('路灯不亮，晚上出行不便');
    await screenValid(run);
    await resolveAndAccept(run);
    await run.complete('signoff-citizen', {
      actor: STAFF.villageStaff.username,
      signoffApproved: true,
      signoffStatement: '群众确认：路灯已修好',
    });
    const next = await run.task('signoff-handler');
    const { body } = await world.rest('/v2/variables/search', 'POST', {
      filter: { processInstanceKey: next.processInstanceKey },
    });
    const values = Object.fromEntries(
      (body.items as { name: string; value: string }[]).map((v) => [v.name, JSON.parse(v.value)]),
    );
    expect(values.signoffApproved ?? null).toBeNull();
    expect(values.signoffStatement ?? null).toBeNull();
  });

  it('a refused sign-off sends the demand back to handling; the next round archives it on the chain', async () => {
    await world.setClock(new Date('2026-03-02T09:00:00+08:00'));
    const run = await world.submit('路灯不亮，晚上出行不便');
    await screenValid(run);
    await resolveAndAccept(run);
    await signOff(run, 'supervisor');

    const again = await run.task('handle');
    expect(again.candidateGroups).toEqual([`village_staff:${VILLAGE}`]);
    await world.statusBecomes(run.demandCode, 'handling');
    const demand = await world.demandOf(run.demandCode);
    const firstRound = await world.knex('sign_offs').where({ demand_id: demand.id }).orderBy('id');
    expect(firstRound.map((s) => [s.party, s.round, s.approved, s.statement])).toEqual([
      ['citizen', 1, true, 'citizen 同意'],
      ['handler', 1, true, 'handler 同意'],
      ['supervising_leader', 1, false, '回访记录不完整，退回重办'],
    ]);
    const rejected = await world
      .knex('notification_outbox')
      .where({ template: 'signoff_rejected' })
      .whereRaw(`payload->>'demandCode' = ?`, [run.demandCode]);
    expect(rejected.map((r) => r.recipient)).toEqual([`group:village_staff:${VILLAGE}`]);
    expect(
      (
        await world
          .knex('demand_clocks')
          .where({ demand_id: demand.id, kind: 'resolution' })
          .first()
      ).state,
    ).toBe('running');

    await resolveAndAccept(run);
    await signOff(run);
    expect(await run.ended()).toEqual(['archived']);
    await world.statusBecomes(run.demandCode, 'archived');
    const rounds = await world
      .knex('sign_offs')
      .where({ demand_id: demand.id, round: 2 })
      .orderBy('id');
    expect(rounds.map((s) => s.party)).toEqual([
      'citizen',
      'handler',
      'supervising_leader',
      'principal_leader',
    ]);

    // Both demands of this file are archived now: the second entry links to the first.
    const entries = await world.knex('archive_entries').orderBy('sequence');
    expect(entries.map((e) => Number(e.sequence))).toEqual([1, 2]);
    expect(entries[0].previous_hash).toBe('0'.repeat(64));
    expect(entries[1].previous_hash).toBe(entries[0].record_hash);
    for (const e of entries) {
      const hash = createHash('sha256')
        .update(`${e.previous_hash}\n${canonicalize(e.record)}`)
        .digest('hex');
      expect(e.record_hash).toBe(hash);
    }
    await until('nothing left to do', async () =>
      (await run.incidents()).length === 0 ? true : undefined,
    );
  });
});
