import type { Knex } from 'knex';
import type {
  JSONDoc,
  MustReturnJobActionAcknowledgement,
  ZeebeJob,
} from '@camunda8/sdk/dist/zeebe/types';
import type { WorkingCalendar } from '../domain/calendar';
import type { Log } from '../platform';

/** Every job's headers are strings (`stage`, `mode`, `reason`, `party`). */
export type JobHeaders = Record<string, string>;

/** A job as a handler sees it: its variables typed by the handler, outputs plain JSON. */
export type Job<Variables = Record<string, unknown>, Headers = JobHeaders> = Readonly<
  ZeebeJob<Variables, Headers, JSONDoc>
>;

/** Any job, whatever its variables: what the shared parts (effects, answer) need. */
export type DemandJob = Job<unknown, unknown>;

/** What a handler gets besides its job. */
export interface JobContext {
  knex: Knex;
  log: Log;
  calendar: WorkingCalendar;
  /** The engine's time when the job was created (the `now` input mapping). */
  now: Date;
}

/**
 * One job type's module: a handler that answers the engine itself (`job.complete`,
 * `job.error`) and returns the SDK's acknowledgement. Throwing is left to the runner, which
 * fails the job with back-off (or, for JobInputError, with no retries left).
 */
export interface JobDefinition<Variables = Record<string, unknown>, Headers = JobHeaders> {
  type: string;
  handle(job: Job<Variables, Headers>, context: JobContext): MustReturnJobActionAcknowledgement;
}

/** Declares a job module with its variable and header types checked. */
export function defineJob<Variables, Headers = JobHeaders>(
  definition: JobDefinition<Variables, Headers>,
): JobDefinition<Variables, Headers> {
  return definition;
}
