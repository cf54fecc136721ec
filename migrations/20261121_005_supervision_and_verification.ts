import type { Knex } from 'knex';
import { addCheck, oneOf } from './sql';

/**
 * Supervision orders (督办单) to lagging units, return visits (回访) that ask the citizen, and
 * the four-party sign-off (四方会签) that must be complete before a demand is archived.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('supervision_orders', (t) => {
    t.bigIncrements('id').primary();
    // The printed order number staff quote in meetings and letters.
    t.text('code').notNullable().unique();
    t.bigInteger('demand_id').notNullable().references('id').inTable('demands');
    // The lagging unit the order is addressed to.
    t.text('unit_code').notNullable().references('code').inTable('org_units');
    t.text('level').notNullable();
    t.text('kind').notNullable();
    t.text('reason').notNullable();
    t.timestamp('issued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // NULL: issued by the escalation timer, not by a person.
    t.bigInteger('issued_by_user_id').references('id').inTable('users');
    t.timestamp('due_at', { useTz: true });
    t.timestamp('acknowledged_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.index(['demand_id']);
  });
  await addCheck(
    knex,
    'supervision_orders',
    'supervision_orders_level_check',
    oneOf('level', ['yellow', 'red']),
  );
  await addCheck(
    knex,
    'supervision_orders',
    'supervision_orders_kind_check',
    oneOf('kind', ['reminder', 'supervision', 'listed_supervision', 'escalation']),
  );
  await addCheck(
    knex,
    'supervision_orders',
    'supervision_orders_times_check',
    `btrim(reason) <> ''
     AND (due_at IS NULL OR due_at >= issued_at)
     AND (acknowledged_at IS NULL OR acknowledged_at >= issued_at)
     AND (closed_at IS NULL OR closed_at >= issued_at)`,
  );
  // A unit's open orders are what its dashboard and the monthly dispatch meeting go through.
  await knex.raw(`CREATE INDEX supervision_orders_open_by_unit
    ON supervision_orders (unit_code, issued_at) WHERE closed_at IS NULL`);

  // Not satisfied → handled again, so a demand may have several visits; the latest counts.
  await knex.schema.createTable('return_visits', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('demand_id').notNullable().references('id').inTable('demands');
    t.text('method').notNullable();
    t.text('satisfaction').notNullable();
    t.text('comment');
    t.timestamp('visited_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // NULL for automated SMS surveys.
    t.bigInteger('visitor_user_id').references('id').inTable('users');
    t.index(['demand_id', 'visited_at']);
  });
  await addCheck(
    knex,
    'return_visits',
    'return_visits_method_check',
    oneOf('method', ['phone', 'on_site', 'online', 'sms']),
  );
  await addCheck(
    knex,
    'return_visits',
    'return_visits_satisfaction_check',
    oneOf('satisfaction', ['satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable']),
  );

  // One signature per party per round; a reopened case signs again in the next round.
  await knex.schema.createTable('sign_offs', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('demand_id').notNullable().references('id').inTable('demands');
    t.text('party').notNullable();
    t.integer('round').notNullable().defaultTo(1);
    // The citizen has no account; the three staff parties must be identifiable people.
    t.bigInteger('signer_user_id').references('id').inTable('users');
    t.text('signer_name_masked');
    t.text('statement').notNullable();
    t.timestamp('signed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['demand_id', 'party', 'round']);
  });
  await addCheck(
    knex,
    'sign_offs',
    'sign_offs_party_check',
    oneOf('party', ['citizen', 'handler', 'supervising_leader', 'principal_leader']),
  );
  await addCheck(
    knex,
    'sign_offs',
    'sign_offs_check',
    `round >= 1
     AND btrim(statement) <> ''
     AND (party = 'citizen' OR signer_user_id IS NOT NULL)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sign_offs');
  await knex.schema.dropTable('return_visits');
  await knex.schema.dropTable('supervision_orders');
}
