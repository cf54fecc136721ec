import type { Knex } from 'knex';
import { addCheck, oneOf } from './sql';

/**
 * Spot checks of closed demands (验靶, 回访抽查; 001 re-checked 413): each month a share of the
 * demands archived in the month before is sampled per lead unit and the citizen is visited
 * again. One row per demand and sampled month, so a second sampling of the month adds nothing;
 * the visit fills in its result, and a citizen contradicting the closure reopens the demand.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('spot_checks', (t) => {
    t.bigIncrements('id').primary();
    // The Beijing calendar month whose closures were sampled, `2026-10`.
    t.text('period').notNullable();
    t.bigInteger('demand_id').notNullable().references('id').inTable('demands');
    // The lead unit that closed the demand: the one a false closure is held against.
    t.text('unit_code').notNullable().references('code').inTable('org_units');
    t.timestamp('sampled_at', { useTz: true }).notNullable();
    t.timestamp('visited_at', { useTz: true });
    t.text('result');
    t.text('satisfaction');
    t.text('note');
    t.boolean('reopened').notNullable().defaultTo(false);
    // The username of the staff member who made the visit.
    t.text('visited_by');
    t.unique(['period', 'demand_id']);
    t.index(['unit_code', 'period']);
  });
  await addCheck(
    knex,
    'spot_checks',
    'spot_checks_check',
    `period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'
     AND (result IS NULL OR ${oneOf('result', ['confirmed', 'contradicted', 'unreachable'])})
     AND (satisfaction IS NULL OR ${oneOf('satisfaction', ['satisfied', 'basically_satisfied', 'unsatisfied'])})
     AND (result IS NULL) = (visited_at IS NULL)
     AND (NOT reopened OR result = 'contradicted')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('spot_checks');
}
