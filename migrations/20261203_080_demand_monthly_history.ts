import type { Knex } from 'knex';
import { addCheck, oneOf } from './sql';

/**
 * Monthly demand counts per township and domain kept as aggregates: the months before the
 * system went live (`history`, e.g. the hotline's past figures, or the demo district's), and
 * past live months rolled up (`live`). Statistics use the demands themselves for every month
 * that has any, and these rows only for months without.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('demand_monthly_counts', (t) => {
    t.text('district_code').notNullable().references('code').inTable('org_units');
    t.text('township_code').notNullable().references('code').inTable('org_units');
    t.text('domain').notNullable();
    // A Beijing calendar month, `2026-03`.
    t.text('month').notNullable();
    t.integer('count').notNullable();
    t.text('source').notNullable();
    t.primary(['district_code', 'township_code', 'domain', 'month', 'source']);
    t.index(['district_code', 'month']);
  });
  await addCheck(
    knex,
    'demand_monthly_counts',
    'demand_monthly_counts_check',
    `month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND count >= 0 AND btrim(domain) <> ''
     AND ${oneOf('source', ['history', 'live'])}`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('demand_monthly_counts');
}
