import type { Camunda8 } from '@camunda8/sdk';
import type { Knex } from 'knex';
import type { WorkingCalendar } from '../domain/calendar';
import type { Log } from '../platform';
import type { JobDefinition } from './job-types';
import { wrapHandler } from './job-wrapper';
import { createWorkerStatus, type WorkersStatus } from './worker-status';

/** How many jobs of one type a worker holds at once, and how long before the engine re-offers one. */
const MAX_JOBS_TO_ACTIVATE = 8;
const JOB_TIMEOUT_MS = 60_000;
/**
 * How long one activation request waits for jobs. A closed worker still waits for the request
 * in flight, so this bounds how long `stop()` keeps the process alive; 18 idle workers then ask
 * about twice a second in all.
 */
const LONG_POLL_MS = 10_000;
/**
 * How soon a worker asks again after an activation answered (the SDK's default is 300 ms). A
 * demand's steps are jobs of a few types in a row: when the next job of a type arrives while
 * its worker is between requests, it waits for this tick. An idle worker's request stays open,
 * so the shorter tick costs no extra requests.
 */
const POLL_INTERVAL_MS = 50;

export interface RunnerOptions {
  knex: Knex;
  camunda: Pick<Camunda8, 'getZeebeGrpcApiClient'>;
  log: Log;
  calendar: WorkingCalendar;
  jobs: ReadonlyArray<JobDefinition<never, never>>;
}

export interface RunningJobWorkers {
  status(): WorkersStatus;
  stop(): Promise<void>;
}

/**
 * One SDK polling worker (`createWorker`) per job type, all sharing the wrapper and the
 * status `/health` reports.
 */
export function runJobWorkers(options: RunnerOptions): RunningJobWorkers {
  const { knex, log, calendar } = options;
  const status = createWorkerStatus(options.jobs.length);
  const zeebe = options.camunda.getZeebeGrpcApiClient();
  const workers = options.jobs.map((definition) =>
    zeebe.createWorker({
      taskType: definition.type,
      taskHandler: wrapHandler(definition, { knex, log, calendar, status }) as never,
      maxJobsToActivate: MAX_JOBS_TO_ACTIVATE,
      timeout: JOB_TIMEOUT_MS,
      failProcessOnException: false,
      longPoll: LONG_POLL_MS,
      pollInterval: POLL_INTERVAL_MS,
      onConnectionErrorHandler: (error) =>
        status.failed(`connection lost: ${error instanceof Error ? error.message : String(error)}`),
    }),
  );
  log(`job workers running for ${workers.length} job types`);
  return {
    status: () => status.snapshot(),
    async stop() {
      status.stopped();
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
