import type { Knex } from 'knex';
import { addCheck, oneOf } from './sql';

/**
 * What each job of the processes did, by the job's element instance: jobs arrive at least once,
 * so a job delivered again finds its effect here and answers the engine with the stored
 * outcome instead of writing twice (workers/README.md).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_effects', (t) => {
    // One row per element instance: a loop or a timer cycle runs the element anew, with a new key.
    t.bigInteger('element_instance_key').primary();
    t.text('job_type').notNullable();
    t.bigInteger('job_key').notNullable();
    t.bigInteger('process_instance_key').notNullable();
    t.text('outcome').notNullable();
    // The variables the job completed with, or the BPMN error's variables.
    t.jsonb('variables').notNullable().defaultTo('{}');
    t.text('error_code');
    t.timestamp('done_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['process_instance_key']);
  });
  await addCheck(
    knex,
    'job_effects',
    'job_effects_outcome_check',
    oneOf('outcome', ['complete', 'error']),
  );
  await addCheck(
    knex,
    'job_effects',
    'job_effects_error_check',
    `(outcome = 'error') = (error_code IS NOT NULL) AND jsonb_typeof(variables) = 'object'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('job_effects');
}
