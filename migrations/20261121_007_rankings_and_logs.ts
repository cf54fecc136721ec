import type { Knex } from 'knex';
import { addCheck, makeAppendOnly, oneOf } from './sql';

/**
 * Unit rankings (红黑榜) and warnings (黄灯/红灯), and the two logs DESIGN §6 requires: every
 * read of a full personal value, and every state-changing request. Both logs are append-only.
 */

const RATES = ['response_rate', 'resolution_rate', 'satisfaction_rate', 'on_time_rate'];

export async function up(knex: Knex): Promise<void> {
  // Recomputing a period replaces that period's row for the unit; history is one row per period.
  await knex.schema.createTable('unit_rankings', (t) => {
    t.bigIncrements('id').primary();
    t.text('unit_code').notNullable().references('code').inTable('org_units');
    t.text('period').notNullable();
    t.text('period_kind').notNullable();
    // NULL when the unit had nothing to measure that period: no demands is not 0%.
    for (const rate of RATES) t.decimal(rate, 5, 4);
    // Weights are local policy (one county uses 30/35/35), so the score is stored, not derived.
    t.decimal('score').notNullable();
    t.integer('rank').notNullable();
    t.text('list').notNullable().defaultTo('none');
    t.timestamp('computed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['unit_code', 'period_kind', 'period']);
    t.index(['period_kind', 'period', 'rank']);
  });
  // Monthly periods read '2026-11'; weekly ones are ISO weeks, '2026-W47'.
  await addCheck(
    knex,
    'unit_rankings',
    'unit_rankings_period_check',
    `(period_kind = 'monthly' AND period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
     OR (period_kind = 'weekly' AND period ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$')`,
  );
  await addCheck(
    knex,
    'unit_rankings',
    'unit_rankings_rates_check',
    RATES.map((rate) => `(${rate} IS NULL OR ${rate} BETWEEN 0 AND 1)`).join(' AND '),
  );
  await addCheck(knex, 'unit_rankings', 'unit_rankings_rank_check', 'rank >= 1');
  await addCheck(
    knex,
    'unit_rankings',
    'unit_rankings_list_check',
    oneOf('list', ['red', 'black', 'none']),
  );

  // Yellow for low rates or many repeat petitions, red for data fraud or false closures.
  await knex.schema.createTable('unit_warnings', (t) => {
    t.bigIncrements('id').primary();
    t.text('unit_code').notNullable().references('code').inTable('org_units');
    t.text('level').notNullable();
    t.text('reason').notNullable();
    t.timestamp('issued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('lifted_at', { useTz: true });
    t.index(['unit_code', 'issued_at']);
  });
  await addCheck(
    knex,
    'unit_warnings',
    'unit_warnings_check',
    `${oneOf('level', ['yellow', 'red'])}
     AND btrim(reason) <> ''
     AND (lifted_at IS NULL OR lifted_at >= issued_at)`,
  );

  await knex.schema.createTable('access_log', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('user_id').references('id').inTable('users');
    t.bigInteger('demand_id').references('id').inTable('demands');
    t.text('field').notNullable();
    t.text('purpose').notNullable();
    t.timestamp('accessed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.specificType('ip', 'inet');
    t.index(['demand_id', 'accessed_at']);
    t.index(['user_id', 'accessed_at']);
  });
  await addCheck(
    knex,
    'access_log',
    'access_log_check',
    `${oneOf('field', ['citizen_name', 'citizen_phone', 'citizen_id_number'])}
     AND btrim(purpose) <> ''`,
  );
  await makeAppendOnly(knex, 'access_log');

  // details must never hold secrets or full ID numbers: the audit log is read by auditors who
  // are not entitled to them.
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('user_id').references('id').inTable('users');
    t.text('action').notNullable();
    t.text('entity_type');
    t.text('entity_id');
    t.text('request_id');
    t.specificType('ip', 'inet');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['entity_type', 'entity_id']);
    t.index(['user_id', 'occurred_at']);
    t.index(['occurred_at']);
  });
  await makeAppendOnly(knex, 'audit_log');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.schema.dropTable('access_log');
  await knex.schema.dropTable('unit_warnings');
  await knex.schema.dropTable('unit_rankings');
}
