import type { Knex } from 'knex';
import { addCheck, oneOf } from './sql';

/**
 * The triage model's versions and the decisions it learns from. Each saved state is a new row
 * (its id is the version a suggestion names), so a bad run of learning can be undone by a reset
 * and suggestions stay traceable. A decision is a field a person set at a stage; the learner
 * marks it learned once the model has seen it.
 */

const REASONS = ['seed', 'learned', 'reset'];
const STAGES = ['first', 'review', 'dispatch'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('triage_models', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('reason').notNullable();
    t.integer('examples_seen').notNullable().defaultTo(0);
    t.jsonb('state').notNullable();
  });
  await addCheck(knex, 'triage_models', 'triage_models_reason_check', oneOf('reason', REASONS));

  await knex.schema.createTable('triage_decisions', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('demand_id').notNullable().references('id').inTable('demands');
    t.text('stage').notNullable();
    t.text('field').notNullable();
    t.text('suggested');
    t.text('decided');
    t.text('decided_by').notNullable();
    t.timestamp('decided_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('learned_at', { useTz: true });
    t.index(['demand_id']);
  });
  await addCheck(knex, 'triage_decisions', 'triage_decisions_stage_check', oneOf('stage', STAGES));
  await knex.raw(`CREATE INDEX triage_decisions_unlearned
    ON triage_decisions (id) WHERE learned_at IS NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('triage_decisions');
  await knex.schema.dropTable('triage_models');
}
