import { Zeebe } from '@camunda8/sdk';
import type { MustReturnJobActionAcknowledgement } from '@camunda8/sdk/dist/zeebe/types';
import type { Knex } from 'knex';
import type { WorkingCalendar } from '../domain/calendar';
import type { Log } from '../platform';
import { JobInputError } from './job-errors';
import type { DemandJob, JobDefinition } from './job-types';
import { engineNow } from './support/time';
import type { WorkerStatus } from './worker-status';

/** Zeebe's default retries are 3: back-off 2 s, 4 s, 8 s, then an incident. */
const BACK_OFF_BASE_MS = 2_000;
const BACK_OFF_MAX_MS = 60_000;

export function retryBackOffMs(retriesLeft: number): number {
  const attempt = Math.max(0, 3 - retriesLeft);
  return Math.min(BACK_OFF_MAX_MS, BACK_OFF_BASE_MS * 2 ** attempt);
}

/** The engine's answer when the job no longer exists (Zeebe rejects with NOT_FOUND). */
function isJobGone(message: string): boolean {
  return /NOT_FOUND/.test(message);
}

/**
 * The job with its two answers (`complete`, `error`) noted when called: once the handler has
 * answered, the SDK has released the job's slot, and a second answer would release it again.
 */
function noteAnswers(job: DemandJob): { job: DemandJob; answered: () => boolean } {
  let answered = false;
  const noted: DemandJob = {
    ...job,
    complete: ((...args: Parameters<DemandJob['complete']>) => {
      answered = true;
      return job.complete(...args);
    }) as DemandJob['complete'],
    error: ((...args: Parameters<DemandJob['error']>) => {
      answered = true;
      return job.error(...args);
    }) as DemandJob['error'],
  };
  return { job: noted, answered: () => answered };
}

export interface WrapperDependencies {
  knex: Knex;
  log: Log;
  calendar: WorkingCalendar;
  status: WorkerStatus;
}

/**
 * The concerns every job shares, written once: the engine's `now`, logging, and what a thrown
 * error means. A JobInputError cannot heal by waiting, so the job fails with no retries (an
 * incident); anything else (database down, a lock timeout) fails with back-off so the engine
 * offers the job again. Messages name the job and instance, never personal data.
 */
export function wrapHandler(
  definition: JobDefinition<never, never>,
  deps: WrapperDependencies,
): (job: DemandJob) => Promise<MustReturnJobActionAcknowledgement> {
  return async (received) => {
    const { job, answered } = noteAnswers(received);
    const now = engineNow((job.variables as { now?: unknown } | undefined)?.now);
    const where = `${job.type} at ${job.elementId} (instance ${job.processInstanceKey})`;
    try {
      const acknowledgement = await definition.handle(job as never, {
        knex: deps.knex,
        log: deps.log,
        calendar: deps.calendar,
        now,
      });
      deps.status.jobHandled();
      return acknowledgement;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (answered()) {
        // The engine did not take the answer. NOT_FOUND: completed or cancelled meanwhile (an
        // interrupting timer, a cancelled instance), nothing left to answer. Otherwise the job
        // times out and comes back, and `once` answers it from the stored outcome. Either way
        // the effects are kept, keyed by the element, and no second answer is sent.
        const why = isJobGone(message) ? 'the job is gone' : 'the answer was not taken';
        deps.log(`${where}: ${why} (${message}); nothing more to answer`);
        if (!isJobGone(message)) deps.status.failed(`${where}: ${message}`);
        return Zeebe.Types.JOB_ACTION_ACKNOWLEDGEMENT;
      }
      deps.status.failed(`${where}: ${message}`);
      if (error instanceof JobInputError) {
        deps.log(`${where} failed, not retried: ${message}`);
        return job.fail({ errorMessage: message, retries: 0 });
      }
      const retries = Math.max(0, job.retries - 1);
      const retryBackOff = retryBackOffMs(job.retries);
      deps.log(`${where} failed (${retries} retries left, next in ${retryBackOff} ms): ${message}`);
      return job.fail({ errorMessage: message, retries, retryBackOff });
    }
  };
}
