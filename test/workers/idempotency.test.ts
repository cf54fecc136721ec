import { createWorkingCalendar } from '../../domain/calendar';
import { startWorkers } from '../../workers';
import { demandArchive } from '../../workers/jobs/demand-archive';
import { demandRegister } from '../../workers/jobs/demand-register';
import { until } from '../processes/support/harness';
import { VILLAGE, useWorkerWorld } from './support/worker-world';

/**
 * Jobs arrive at least once. The registration job is played here by the test (no worker
 * subscribes it), so it can be handled twice and redelivered after its effects were written.
 */
describe('job workers: a job delivered again writes nothing twice', () => {
  const world = useWorkerWorld({ except: ['demand-register'] });

  const counts = async (demandId: string) => ({
    ledger: await world
      .knex('ledger_events')
      .where({ demand_id: demandId, event_type: 'received' })
      .count('* as c'),
    history: await world
      .knex('demand_history')
      .where({ demand_id: demandId, action: 'registered' })
      .count('* as c'),
    outbox: await world
      .knex('notification_outbox')
      .where({ template: 'demand_received' })
      .whereRaw(`payload->>'demandCode' = (SELECT code FROM demands WHERE id = ?)`, [demandId])
      .count('* as c'),
  });

  it('handled twice, and redelivered to the runner after a lost completion: one effect, the same outputs', async () => {
    await world.setClock(new Date('2026-03-02T09:00:00+08:00'));
    const run = await world.submit('楼道灯坏了');
    const [job] = await until('the registration job', async () => {
      const jobs = await world.engine.zeebe.activateJobs({
        type: 'demand-register',
        worker: 'test',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 1_000,
      });
      return jobs.length > 0 ? jobs : undefined;
    });
    expect(job!.processInstanceKey).toBe(run.instanceKey);

    const answers: unknown[] = [];
    const delivered = {
      ...job!,
      complete: async (variables: unknown) => {
        answers.push(variables);
        return 'JOB_ACTION_ACKNOWLEDGEMENT' as const;
      },
      error: async () => {
        throw new Error('registration throws no BPMN error');
      },
      fail: async () => {
        throw new Error('registration does not fail here');
      },
    };
    const context = {
      knex: world.knex,
      log: () => undefined,
      calendar: createWorkingCalendar(),
      now: new Date('2026-03-02T09:00:00+08:00'),
    };
    await demandRegister.handle(delivered as never, context);
    await demandRegister.handle(delivered as never, context);
    expect(answers).toEqual([{ duplicateInstance: false }, { duplicateInstance: false }]);

    const demand = await world.demandOf(run.demandCode);
    expect(demand.status).toBe('screening');
    const once = { ledger: [{ c: '1' }], history: [{ c: '1' }], outbox: [{ c: '1' }] };
    expect(await counts(demand.id)).toEqual(once);

    // The completion never reached the engine: the job fails back and the runner gets it again.
    await world.engine.zeebe.failJob({
      jobKey: job!.key,
      retries: 1,
      errorMessage: 'lost',
      retryBackOff: 0,
    });
    const runner = startWorkers({
      knex: world.knex,
      camunda: world.camunda,
      jobTypes: ['demand-register'],
      log: () => undefined,
    });
    try {
      const task = await run.task('screen-first');
      expect(task.processInstanceKey).toBe(run.instanceKey);
      await until('the runner to report the job', async () =>
        runner.status().jobsHandled === 1 ? true : undefined,
      );
    } finally {
      await runner.stop();
    }
    expect(await counts(demand.id)).toEqual(once);
    expect(
      await world
        .knex('job_effects')
        .where({ process_instance_key: run.instanceKey, job_type: 'demand-register' }),
    ).toHaveLength(1);
  });

  it('two demands archived at the same moment chain one after the other, never onto the same tail', async () => {
    const first = await world.submit('井盖缺失');
    const second = await world.submit('路灯闪烁');
    // Where handling would have left them: a tier and a lead unit.
    await world
      .knex('demands')
      .whereIn('code', [first.demandCode, second.demandCode])
      .update({ tier: 'village', responsible_unit_code: VILLAGE });
    const before = await world.knex('archive_entries').count<{ c: string }[]>('* as c');
    const context = {
      knex: world.knex,
      log: () => undefined,
      calendar: createWorkingCalendar(),
      now: new Date('2026-03-20T10:00:00+08:00'),
    };
    const jobFor = (code: string, elementInstanceKey: string) => ({
      key: elementInstanceKey,
      type: 'demand-archive',
      elementInstanceKey,
      processInstanceKey: '1',
      variables: { demandCode: code },
      complete: async () => 'JOB_ACTION_ACKNOWLEDGEMENT' as const,
    });
    await Promise.all([
      demandArchive.handle(jobFor(first.demandCode, '9000000000000001') as never, context),
      demandArchive.handle(jobFor(second.demandCode, '9000000000000002') as never, context),
    ]);
    const entries = await world.knex('archive_entries').orderBy('sequence');
    expect(entries).toHaveLength(Number(before[0]!.c) + 2);
    let previous = '0'.repeat(64);
    entries.forEach((entry, index) => {
      expect(Number(entry.sequence)).toBe(index + 1);
      expect(entry.previous_hash).toBe(previous);
      previous = entry.record_hash;
    });
    const archived = await world
      .knex('demands')
      .whereIn('code', [first.demandCode, second.demandCode])
      .pluck('status');
    expect(archived).toEqual(['archived', 'archived']);
  });
});
