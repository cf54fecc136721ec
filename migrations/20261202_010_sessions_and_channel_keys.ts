import type { Knex } from 'knex';
import { addCheck, oneOf, SHA256_HEX } from './sql';

/**
 * What the server's front door needs: staff sessions and the per-account login throttle, the
 * API keys of intake channels, and what intake writes besides the demand itself — attachment
 * metadata, the per-district daily sequence of unified codes, the answer given to the channel
 * (replayed for a repeated delivery) and the outbox of process starts, written in the same
 * transaction as the demand so that a stored demand always gets its process.
 */

// A copy of the contract's channel list: shipped migrations never import application code.
const CHANNELS = [
  'hotline_12345',
  'wechat',
  'qr_scan',
  'mailbox',
  'questionnaire',
  'door_visit',
  'online_forum',
  'leader_reception',
  'letter',
  'citizen_web',
];

export async function up(knex: Knex): Promise<void> {
  // Only the SHA-256 of a session id is stored: someone reading the table (a backup, a console)
  // cannot take over a session with it.
  await knex.schema.createTable('staff_sessions', (t) => {
    t.text('id_hash').primary();
    t.bigInteger('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).notNullable();
    t.specificType('ip', 'inet');
    t.text('user_agent');
    t.index(['user_id']);
  });
  await addCheck(
    knex,
    'staff_sessions',
    'staff_sessions_check',
    `id_hash ~ ${SHA256_HEX} AND last_seen_at >= created_at`,
  );

  // One row per account name tried (existing or not, so the answer never reveals which exist).
  await knex.schema.createTable('login_throttle', (t) => {
    t.text('account').primary();
    t.integer('failures').notNullable().defaultTo(0);
    t.timestamp('window_started_at', { useTz: true });
    t.timestamp('locked_until', { useTz: true });
  });
  await addCheck(knex, 'login_throttle', 'login_throttle_check', 'failures >= 0');

  await knex.schema.createTable('channel_keys', (t) => {
    t.bigIncrements('id').primary();
    t.text('channel').notNullable();
    // A key bound to a district places its demands there and refuses units outside it.
    t.text('district_code').references('code').inTable('org_units');
    t.text('key_hash').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('revoked_at', { useTz: true });
  });
  await addCheck(
    knex,
    'channel_keys',
    'channel_keys_check',
    `${oneOf('channel', CHANNELS)} AND key_hash ~ ${SHA256_HEX}
     AND (revoked_at IS NULL OR revoked_at >= created_at)`,
  );
  await knex.schema.alterTable('demands', (t) => {
    t.foreign('channel_key_id', 'demands_channel_key_id_foreign')
      .references('id')
      .inTable('channel_keys');
    // The citizen asked not to be named (the contract's `citizen.anonymous`).
    t.boolean('citizen_anonymous').notNullable().defaultTo(false);
    // The body of the 201 answer, returned again when the channel repeats the delivery.
    t.jsonb('intake_answer');
  });

  await knex.schema.createTable('demand_attachments', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('demand_id').notNullable().references('id').inTable('demands');
    t.integer('position').notNullable();
    t.text('name').notNullable();
    t.text('media_type').notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.text('sha256');
    t.unique(['demand_id', 'position']);
  });
  await addCheck(
    knex,
    'demand_attachments',
    'demand_attachments_check',
    `position >= 0 AND size_bytes >= 0 AND btrim(name) <> ''
     AND (sha256 IS NULL OR sha256 ~ ${SHA256_HEX})`,
  );

  // Unified codes are numbered per district and Beijing day without gaps: the row lock taken by
  // the increment serialises concurrent intakes of one district for the rest of the transaction.
  await knex.schema.createTable('demand_code_counters', (t) => {
    t.text('district_code').notNullable().references('code').inTable('org_units');
    t.date('day').notNullable();
    t.integer('last_seq').notNullable();
    t.primary(['district_code', 'day']);
  });
  await addCheck(knex, 'demand_code_counters', 'demand_code_counters_check', 'last_seq >= 1');

  await knex.schema.createTable('process_start_outbox', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('demand_id').notNullable().unique().references('id').inTable('demands');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('attempts').notNullable().defaultTo(0);
    // Also the lease of a starter working on the row: a crashed starter's row comes due again.
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('last_error');
    t.timestamp('started_at', { useTz: true });
    t.bigInteger('process_instance_key');
  });
  await addCheck(
    knex,
    'process_start_outbox',
    'process_start_outbox_check',
    `attempts >= 0 AND (started_at IS NULL) = (process_instance_key IS NULL)`,
  );
  await knex.raw(`CREATE INDEX process_start_outbox_due
    ON process_start_outbox (next_attempt_at) WHERE started_at IS NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('process_start_outbox');
  await knex.schema.dropTable('demand_code_counters');
  await knex.schema.dropTable('demand_attachments');
  await knex.schema.alterTable('demands', (t) => {
    t.dropForeign(['channel_key_id'], 'demands_channel_key_id_foreign');
    t.dropColumn('citizen_anonymous');
    t.dropColumn('intake_answer');
  });
  await knex.schema.dropTable('channel_keys');
  await knex.schema.dropTable('login_throttle');
  await knex.schema.dropTable('staff_sessions');
}
