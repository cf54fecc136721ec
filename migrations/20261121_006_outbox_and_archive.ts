import type { Knex } from 'knex';
import { addCheck, makeAppendOnly, oneOf, SHA256_HEX } from './sql';

/**
 * The notification outbox, written in the same transaction as the change it announces and
 * sent afterwards, and the hash-chained archive (建档销号).
 */

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notification_outbox', (t) => {
    t.bigIncrements('id').primary();
    t.text('channel').notNullable();
    // A masked number or a unit/user reference: the sender resolves it at send time, so the
    // outbox (which is retried, logged and inspected) never holds a full personal number.
    t.text('recipient').notNullable();
    t.text('template').notNullable();
    t.jsonb('payload').notNullable().defaultTo('{}');
    // Lets a retried step enqueue "the same" message without sending it twice.
    t.text('dedupe_key').unique();
    t.text('state').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true });
  });
  await addCheck(
    knex,
    'notification_outbox',
    'notification_outbox_channel_check',
    oneOf('channel', ['sms', 'wechat', 'email', 'in_app']),
  );
  await addCheck(
    knex,
    'notification_outbox',
    'notification_outbox_state_check',
    oneOf('state', ['pending', 'sent', 'failed']),
  );
  // An 18-character resident ID number (17 digits and a check character) is never a recipient.
  await addCheck(
    knex,
    'notification_outbox',
    'notification_outbox_check',
    `attempts >= 0
     AND (state <> 'sent' OR sent_at IS NOT NULL)
     AND jsonb_typeof(payload) = 'object'
     AND recipient !~ '[0-9]{17}[0-9Xx]'`,
  );
  await knex.raw(`CREATE INDEX notification_outbox_due
    ON notification_outbox (next_attempt_at) WHERE state = 'pending'`);

  // The archive step hashes the frozen record together with previous_hash, so altering any
  // archived case breaks every later link. previous_hash is unique, so two writers racing for
  // the same tail cannot both succeed (the chain cannot fork); the loser retries on the new tail.
  await knex.schema.createTable('archive_entries', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('demand_id').notNullable().unique().references('id').inTable('demands');
    t.bigInteger('sequence').notNullable().unique();
    t.jsonb('record').notNullable();
    t.text('record_hash').notNullable().unique();
    t.text('previous_hash').notNullable().unique();
    t.timestamp('archived_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // NULL when the archive step ran automatically after the last signature.
    t.bigInteger('archived_by_user_id').references('id').inTable('users');
  });
  // Only the first entry links to the genesis value of 64 zeros.
  await addCheck(
    knex,
    'archive_entries',
    'archive_entries_chain_check',
    `sequence >= 1
     AND record_hash ~ ${SHA256_HEX}
     AND previous_hash ~ ${SHA256_HEX}
     AND (sequence = 1) = (previous_hash = repeat('0', 64))`,
  );
  await makeAppendOnly(knex, 'archive_entries');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('archive_entries');
  await knex.schema.dropTable('notification_outbox');
}
