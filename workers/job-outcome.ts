import type { Knex } from 'knex';
import type { JSONDoc, MustReturnJobActionAcknowledgement } from '@camunda8/sdk/dist/zeebe/types';
import type { DemandJob } from './job-types';

type JobIdentity = Pick<DemandJob, 'elementInstanceKey' | 'type' | 'key' | 'processInstanceKey'>;

/** What a job answers the engine: completion with variables, or a BPMN error (a business outcome). */
export type JobOutcome =
  | { outcome: 'complete'; variables: Record<string, unknown> }
  | {
      outcome: 'error';
      errorCode: string;
      errorMessage: string;
      variables: Record<string, unknown>;
    };

export const completed = (variables: Record<string, unknown> = {}): JobOutcome => ({
  outcome: 'complete',
  variables,
});

export const thrown = (
  errorCode: string,
  errorMessage: string,
  variables: Record<string, unknown>,
): JobOutcome => ({ outcome: 'error', errorCode, errorMessage, variables });

/**
 * Runs `work` (every database effect of the job) in one transaction, at most once per element
 * instance: the outcome is stored in `job_effects` in the same transaction, and a job delivered
 * again (a retry, a timed-out activation) gets the stored outcome without writing anything.
 * A second delivery racing the first waits on the element's advisory lock, then finds its row.
 */
export async function once(
  knex: Knex,
  job: JobIdentity,
  work: (trx: Knex.Transaction) => Promise<JobOutcome>,
): Promise<JobOutcome> {
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?::bigint)', [job.elementInstanceKey]);
    const done = await trx('job_effects')
      .where({ element_instance_key: job.elementInstanceKey })
      .first<{ outcome: string; variables: Record<string, unknown>; error_code: string | null }>(
        'outcome',
        'variables',
        'error_code',
      );
    if (done) {
      return done.outcome === 'error'
        ? thrown(done.error_code!, done.error_code!, done.variables)
        : completed(done.variables);
    }
    const outcome = await work(trx);
    await trx('job_effects').insert({
      element_instance_key: job.elementInstanceKey,
      job_type: job.type,
      job_key: job.key,
      process_instance_key: job.processInstanceKey,
      outcome: outcome.outcome,
      variables: JSON.stringify(outcome.variables),
      error_code: outcome.outcome === 'error' ? outcome.errorCode : null,
    });
    return outcome;
  });
}

/** Answers the engine with `outcome`: the SDK's acknowledgement every handler must return. */
export function answer(
  job: Pick<DemandJob, 'complete' | 'error'>,
  outcome: JobOutcome,
): MustReturnJobActionAcknowledgement {
  const variables = outcome.variables as JSONDoc;
  return outcome.outcome === 'complete'
    ? job.complete(variables)
    : job.error({ errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, variables });
}
