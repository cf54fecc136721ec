import type { Camunda8 } from '@camunda8/sdk';
import type { Knex } from 'knex';
import { createWorkingCalendar, loadCalendarOptions } from '../domain/calendar';
import type { Log } from '../platform';
import { ALL_JOBS } from './jobs';
import { runJobWorkers } from './runner';
import type { WorkersStatus } from './worker-status';

export type { WorkersStatus } from './worker-status';
export { ALL_JOBS } from './jobs';
export { startNotificationDelivery, type RunningDelivery } from './notifications';
export { verifyArchiveChain, type ArchiveVerification } from './archive';

export interface WorkerDependencies {
  knex: Knex;
  camunda: Pick<Camunda8, 'getZeebeGrpcApiClient'>;
  log: Log;
  /** Only these job types (default: every job type of the processes). */
  jobTypes?: readonly string[];
}

export interface StartedWorkers {
  status(): WorkersStatus;
  stop(): Promise<void>;
}

/**
 * Starts the job workers of `demand-handling` and `four-party-signoff` on the given SDK client
 * and database. The working-day calendar is the national one plus MINSHENG_CALENDAR_FILE.
 */
export function startWorkers(deps: WorkerDependencies): StartedWorkers {
  const wanted = deps.jobTypes;
  const jobs = wanted ? ALL_JOBS.filter((job) => wanted.includes(job.type)) : ALL_JOBS;
  const calendar = createWorkingCalendar(loadCalendarOptions());
  return runJobWorkers({ knex: deps.knex, camunda: deps.camunda, log: deps.log, calendar, jobs });
}
