import { Zeebe } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { createWorkingCalendar } from '../../domain/calendar';
import { wrapHandler } from '../../workers/job-wrapper';
import type { DemandJob, JobDefinition } from '../../workers/job-types';
import { JobInputError } from '../../workers/job-errors';
import { createWorkerStatus } from '../../workers/worker-status';

/**
 * The SDK's job answers: exactly one per job, since each releases one of the worker's slots
 * (`@camunda8/sdk` warns "Call to job.forward() after job.complete()" and counts the slot
 * twice otherwise). The job is a stand-in recording the answers the wrapper gives.
 */
function fakeJob(completeResult: () => Promise<never> | Promise<'JOB_ACTION_ACKNOWLEDGEMENT'>) {
  const calls: string[] = [];
  const ack = Zeebe.Types.JOB_ACTION_ACKNOWLEDGEMENT;
  const job = {
    key: '1',
    type: 'demand-test',
    elementId: 'test',
    elementInstanceKey: '2',
    processInstanceKey: '3',
    retries: 3,
    variables: {},
    customHeaders: {},
    complete: () => {
      calls.push('complete');
      return completeResult();
    },
    error: () => {
      calls.push('error');
      return Promise.resolve(ack);
    },
    fail: () => {
      calls.push('fail');
      return Promise.resolve(ack);
    },
    forward: () => {
      calls.push('forward');
      return ack;
    },
  } as unknown as DemandJob;
  return { job, calls };
}

function wrapped(handle: JobDefinition<never, never>['handle']) {
  const logs: string[] = [];
  const status = createWorkerStatus(1);
  const handler = wrapHandler({ type: 'demand-test', handle } as JobDefinition<never, never>, {
    knex: {} as Knex,
    log: (line) => logs.push(line),
    calendar: createWorkingCalendar(),
    status,
  });
  return { handler, logs, status };
}

describe('job wrapper: one answer per job', () => {
  it('sends no second answer when the engine refuses a completion (NOT_FOUND: the job is gone)', async () => {
    const { job, calls } = fakeJob(() =>
      Promise.reject(new Error('5 NOT_FOUND: Command rejected: job not found')),
    );
    const { handler, logs } = wrapped((j) => (j as DemandJob).complete({}));
    await expect(handler(job)).resolves.toBe(Zeebe.Types.JOB_ACTION_ACKNOWLEDGEMENT);
    expect(calls).toEqual(['complete']);
    expect(logs.join('\n')).toMatch(/the job is gone/);
  });

  it('sends no second answer when a completion fails otherwise; the job comes back by timeout', async () => {
    const { job, calls } = fakeJob(() => Promise.reject(new Error('14 UNAVAILABLE')));
    const { handler, status } = wrapped((j) => (j as DemandJob).complete({}));
    await handler(job);
    expect(calls).toEqual(['complete']);
    expect(status.snapshot().lastError).toMatch(/UNAVAILABLE/);
  });

  it('fails the job with back-off when the work itself fails, with no retries for bad input', async () => {
    const down = fakeJob(() => Promise.resolve(Zeebe.Types.JOB_ACTION_ACKNOWLEDGEMENT));
    await wrapped(() => Promise.reject(new Error('connection refused'))).handler(down.job);
    expect(down.calls).toEqual(['fail']);
    const bad = fakeJob(() => Promise.resolve(Zeebe.Types.JOB_ACTION_ACKNOWLEDGEMENT));
    await wrapped(() => Promise.reject(new JobInputError('demandCode is missing'))).handler(
      bad.job,
    );
    expect(bad.calls).toEqual(['fail']);
  });
});
