import { createWorkingCalendar } from '../../domain/calendar';
import { startWorkers } from '../../workers';
import { demandRegister } from '../../workers/jobs/demand-register';
import { until } from '../processes/support/harness';
import { useWorkerWorld } from './support/worker-world';

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
});
