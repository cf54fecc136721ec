import type { Knex } from 'knex';
import { addCheck, oneOf } from './sql';

/**
 * The escalation ladder of the black list (000): the first listing a reminder (提醒), the second
 * a talk with the unit's head (约谈), the third and later a formal review (问责审查). One row per
 * unit and listed period, so recomputing a period replaces its row and never counts it twice.
 * Yellow warnings raised by a ranking carry their period, so a recomputation replaces them too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('unit_ladder', (t) => {
    t.bigIncrements('id').primary();
    t.text('unit_code').notNullable().references('code').inTable('org_units');
    t.text('period_kind').notNullable();
    t.text('period').notNullable();
    // Black listings counted up to and including this period (the policy decides the window).
    t.integer('listing_count').notNullable();
    t.text('step').notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['unit_code', 'period_kind', 'period']);
    t.index(['period_kind', 'period']);
  });
  await addCheck(
    knex,
    'unit_ladder',
    'unit_ladder_check',
    `listing_count >= 1
     AND ${oneOf('step', ['reminder', 'talk', 'formal_review'])}
     AND ${oneOf('period_kind', ['monthly', 'weekly'])}`,
  );

  // What a ranking row was computed from, as shown with it: the comparable group (分档分类) it
  // was ranked in and the counts behind its rates (the policy may change after).
  await knex.schema.alterTable('unit_rankings', (t) => {
    t.text('ranking_group');
    t.jsonb('counts').notNullable().defaultTo('{}');
  });

  await knex.schema.alterTable('unit_warnings', (t) => {
    // NULL for warnings raised by a person or a spot check (red), not by a ranking.
    t.text('period_kind');
    t.text('period');
    t.index(['period_kind', 'period']);
  });
  await addCheck(
    knex,
    'unit_warnings',
    'unit_warnings_period_check',
    `(period_kind IS NULL) = (period IS NULL)
     AND (period_kind IS NULL OR ${oneOf('period_kind', ['monthly', 'weekly'])})`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE unit_warnings DROP CONSTRAINT unit_warnings_period_check');
  await knex.schema.alterTable('unit_warnings', (t) => {
    t.dropIndex(['period_kind', 'period']);
    t.dropColumn('period');
    t.dropColumn('period_kind');
  });
  await knex.schema.alterTable('unit_rankings', (t) => {
    t.dropColumn('counts');
    t.dropColumn('ranking_group');
  });
  await knex.schema.dropTable('unit_ladder');
}
