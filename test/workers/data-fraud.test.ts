import { randomBytes } from 'node:crypto';
import { insertDemand } from '../api/staff-fixtures';
import { until } from '../processes/support/harness';
import { unitRankingCompute } from '../../workers/jobs/unit-ranking-compute';
import type { JobContext } from '../../workers/job-types';
import { renderNotification } from '../../workers/notifications';
import {
  DISTRICT,
  OTHER_VILLAGE,
  STAFF,
  TOWNSHIP,
  useWorkerWorld,
  VILLAGE,
} from './support/worker-world';

/**
 * Data fraud (数据造假) found by `unit-ranking` on the real engine with the real workers: in
 * February 2031 新华社区 closes complaints minutes after receiving them with one pasted result,
 * lets one account sign two parts of a sign-off and has most of its spot-checked closures
 * contradicted; 光明社区 handles the same load honestly. When the engine's clock passes
 * Monday 3 March 08:00 Beijing time the monthly ranking raises red warnings for the faker only,
 * and tells its head; computing February again raises nothing twice.
 */
describe('data fraud found by the periodic ranking', () => {
  const world = useWorkerWorld();
  const FAKER = VILLAGE;
  const HONEST = OTHER_VILLAGE;
  const PASTED = '经现场核实，问题已全部整改到位，群众表示满意，现申请办结。';
  let n = 0;

  const userId = async (username: string): Promise<string> =>
    String((await world.knex('users').where({ username }).first('id')).id);

  /** A complaint of `unit` received on 10 February, resolved `minutes` after it was assigned. */
  async function closure(unit: string, minutes: number, result: string): Promise<string> {
    n += 1;
    const code = `${DISTRICT}-20310210-${String(n).padStart(5, '0')}`;
    const received = new Date('2031-02-10T09:00:00+08:00');
    const resolved = new Date(received.getTime() + minutes * 60_000);
    const id = await insertDemand(world.knex, randomBytes(32), {
      code,
      receivedAt: received.toISOString(),
      district: DISTRICT,
      township: TOWNSHIP,
      village: unit,
      lead: unit,
      category: 'complaint',
      resolutionDue: '2031-02-17T17:30:00+08:00',
      clockState: 'met',
      resolvedAt: resolved.toISOString(),
      satisfaction: 'satisfied',
      status: 'archived',
      archivedAt: new Date(resolved.getTime() + 86_400_000).toISOString(),
      screening: { outcome: 'valid' },
    });
    await world.knex('demands').where({ id }).update({ result });
    await world.knex('demand_history').insert({
      demand_id: id,
      at: new Date(received.getTime() + 60_000),
      actor: 'w-village',
      action: 'handling.accept',
    });
    return code;
  }

  /** The three staff signatures of the demand's first sign-off round, on 20 February. */
  async function signed(code: string, handler: string, supervisor: string, principal: string) {
    const demand = await world.knex('demands').where({ code }).first('id');
    const parties = [
      ['handler', handler],
      ['supervising_leader', supervisor],
      ['principal_leader', principal],
    ] as const;
    for (const [party, username] of parties) {
      await world.knex('sign_offs').insert({
        demand_id: demand.id,
        party,
        round: 1,
        signer_user_id: await userId(username),
        statement: '同意',
        approved: true,
        signed_at: new Date('2031-02-20T10:00:00+08:00'),
      });
    }
  }

  /** A spot check made on 25 February of a January closure of `unit`. */
  async function visited(unit: string, result: 'confirmed' | 'contradicted' | 'unreachable') {
    n += 1;
    const code = `${DISTRICT}-20310110-${String(n).padStart(5, '0')}`;
    const id = await insertDemand(world.knex, randomBytes(32), {
      code,
      receivedAt: '2031-01-10T09:00:00+08:00',
      district: DISTRICT,
      township: TOWNSHIP,
      village: unit,
      lead: unit,
      resolvedAt: '2031-01-14T09:00:00+08:00',
      status: 'archived',
      archivedAt: '2031-01-15T09:00:00+08:00',
    });
    await world.knex('spot_checks').insert({
      period: '2031-01',
      demand_id: id,
      unit_code: unit,
      sampled_at: new Date('2031-02-01T08:30:00+08:00'),
      visited_at: new Date('2031-02-25T15:00:00+08:00'),
      result,
      visited_by: STAFF.supervisor.username,
    });
    return code;
  }

  const fraudWarnings = () =>
    world
      .knex('unit_warnings')
      .where({ reason_code: 'data_fraud' })
      .orderBy(['unit_code', 'signal'])
      .select('id', 'unit_code', 'level', 'signal', 'period_kind', 'period', 'reason', 'evidence');

  it('raises red warnings for the unit that faked its data, not for its honest peer', async () => {
    const faked = [];
    for (let i = 0; i < 4; i += 1) faked.push(await closure(FAKER, 10 + i, PASTED));
    const faked5 = await closure(FAKER, 3 * 24 * 60, '已联系供水公司更换破损水管，恢复供水。');
    await signed(faked5, STAFF.villageStaff.username, STAFF.villageStaff.username, 'w-principal');
    await signed(faked[0]!, 'w-village', 'w-supervisor', 'w-principal');
    const contradicted = [
      await visited(FAKER, 'contradicted'),
      await visited(FAKER, 'contradicted'),
    ];
    await visited(FAKER, 'confirmed');

    const honest = [];
    for (let i = 0; i < 5; i += 1) {
      honest.push(
        await closure(
          HONEST,
          2 * 24 * 60 + i * 90,
          `已为第${i + 1}户居民疏通下水管道，经回访恢复正常使用。`,
        ),
      );
    }
    for (const code of honest) await signed(code, 'w-village', 'w-supervisor', 'w-principal');
    await visited(HONEST, 'confirmed');
    await visited(HONEST, 'confirmed');
    await visited(HONEST, 'contradicted');
    await visited(HONEST, 'confirmed');
    await visited(HONEST, 'unreachable');

    await world.setClock(new Date('2031-03-03T08:00:30+08:00'));
    const computed = await until('both rankings computed', async () => {
      const rows = await world
        .knex('job_effects')
        .where({ job_type: 'unit-ranking-compute' })
        .select<{ variables: Record<string, unknown> }[]>('variables');
      return rows.length >= 2 ? rows : undefined;
    });
    // Fraud is judged on the month; the week's ranking checks nothing (policy: periodKinds).
    expect(
      computed.map((r) => [r.variables.rankingPeriod, r.variables.dataFraudWarnings]).sort(),
    ).toEqual([
      ['2031-02', 4],
      ['2031-W09', 0],
    ]);

    const warnings = await fraudWarnings();
    expect(warnings.map((w) => [w.unit_code, w.level, w.signal, w.period_kind, w.period])).toEqual([
      [FAKER, 'red', 'copied_results', 'monthly', '2031-02'],
      [FAKER, 'red', 'hasty_closure', 'monthly', '2031-02'],
      [FAKER, 'red', 'signer_overlap', 'monthly', '2031-02'],
      [FAKER, 'red', 'spot_check_contradictions', 'monthly', '2031-02'],
    ]);
    const bySignal = Object.fromEntries(warnings.map((w) => [w.signal, w]));
    expect(bySignal.copied_results.evidence).toEqual({ demandCodes: faked, count: 4, of: 5 });
    expect(bySignal.hasty_closure.evidence).toEqual({ demandCodes: faked, count: 4, of: 5 });
    expect(bySignal.signer_overlap.evidence).toEqual({ demandCodes: [faked5], count: 1, of: 2 });
    expect(bySignal.spot_check_contradictions.evidence).toEqual({
      demandCodes: contradicted,
      count: 2,
      of: 3,
    });
    expect(bySignal.signer_overlap.reason).toBe(
      `2031年2月四方会签一人多签：会签的2件诉求中有1件由同一人签署了经办人、督办领导中的两方以上（诉求 ${faked5}）`,
    );
    expect(bySignal.hasty_closure.reason).toContain(`最快的投诉诉求 ${faked[0]} 用时10分钟`);
    // Reasons name demands and counts, never a citizen's phone (every fixture citizen has one).
    for (const w of warnings) expect(w.reason).not.toMatch(/\d{11}/);

    // The faker's head is told once, with every finding; the honest village hears of no fraud.
    const told = await until('the fraud notice', async () => {
      const rows = await world
        .knex('notification_outbox')
        .where({ template: 'unit_fraud_warning' })
        .select('recipient', 'template', 'payload', 'channel');
      return rows.length > 0 ? rows : undefined;
    });
    await until('both notices sent', async () => {
      const rows = await world.knex('job_effects').where({ job_type: 'unit-ranking-notify' });
      return rows.length >= 2 ? rows : undefined;
    });
    expect(
      await world
        .knex('notification_outbox')
        .where({ template: 'unit_fraud_warning' })
        .count('* as c'),
    ).toEqual([{ c: '1' }]);
    expect(told[0]).toMatchObject({ recipient: `unit:${FAKER}`, channel: 'in_app' });
    const message = renderNotification(told[0].template, told[0].payload);
    expect(message.subject).toBe('2031年2月红灯预警：疑似数据造假');
    for (const w of warnings) expect(message.text).toContain(w.reason);
    expect(
      world.workerLog.filter((line) => /unit-ranking/.test(line) && /fail|error/i.test(line)),
    ).toEqual([]);
  });

  it('raises nothing twice when February is computed again, nor what an inspector lifted', async () => {
    const before = await fraudWarnings();
    const answered: Array<Record<string, unknown>> = [];
    const job = {
      key: '1',
      type: unitRankingCompute.type,
      elementInstanceKey: '990000000001',
      processInstanceKey: '990000000002',
      customHeaders: { kind: 'month' },
      variables: { rankingPeriod: '2031-02' },
      complete: async (variables: Record<string, unknown>) => {
        answered.push(variables);
        return 'JOB_ACTION_ACKNOWLEDGEMENT' as const;
      },
      error: async () => {
        throw new Error('the ranking jobs throw no BPMN error');
      },
    };
    await unitRankingCompute.handle(
      job as never,
      {
        knex: world.knex,
        now: new Date('2031-03-10T09:00:00+08:00'),
        log: () => undefined,
      } as unknown as JobContext,
    );
    expect(answered).toEqual([expect.objectContaining({ dataFraudWarnings: 4 })]);
    expect(await fraudWarnings()).toEqual(before);

    // An inspector lifts one after checking; computing again does not raise it anew.
    const lifted = before.find((w) => w.signal === 'hasty_closure')!;
    await world
      .knex('unit_warnings')
      .where({ id: lifted.id })
      .update({ lifted_at: new Date('2031-03-11T09:00:00+08:00') });
    await unitRankingCompute.handle(
      { ...job, elementInstanceKey: '990000000003' } as never,
      {
        knex: world.knex,
        now: new Date('2031-03-12T09:00:00+08:00'),
        log: () => undefined,
      } as unknown as JobContext,
    );
    expect(answered[1]).toMatchObject({ dataFraudWarnings: 3 });
    expect(await fraudWarnings()).toEqual(before);
    expect(
      await world
        .knex('unit_warnings')
        .where({ id: lifted.id })
        .whereNotNull('lifted_at')
        .count('* as c'),
    ).toEqual([{ c: '1' }]);
  });
});
