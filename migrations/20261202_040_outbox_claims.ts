import type { Knex } from 'knex';
import { addCheck, oneOf } from './sql';

/**
 * A notification is claimed in the database before it is handed to a gateway (state `sending`,
 * `claimed_at`), so neither a second delivery loop nor a restart can send it again: delivery
 * is at most once. A claim whose outcome never came back is closed as `failed`, not resent.
 */

const STATES = ['pending', 'sending', 'sent', 'failed'];
const OLD_STATES = ['pending', 'sent', 'failed'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_state_check');
  await addCheck(
    knex,
    'notification_outbox',
    'notification_outbox_state_check',
    oneOf('state', STATES),
  );
  await knex.schema.alterTable('notification_outbox', (t) => {
    t.timestamp('claimed_at', { useTz: true });
  });
  await addCheck(
    knex,
    'notification_outbox',
    'notification_outbox_claim_check',
    `state <> 'sending' OR claimed_at IS NOT NULL`,
  );
  await knex.raw(`CREATE INDEX notification_outbox_claimed
    ON notification_outbox (claimed_at) WHERE state = 'sending'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX notification_outbox_claimed');
  await knex.raw('ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_claim_check');
  // The older schema has no state for a send in flight; its outcome is unknown, so not resent.
  await knex('notification_outbox')
    .where({ state: 'sending' })
    .update({ state: 'failed', last_error: 'delivery outcome unknown (schema rolled back)' });
  await knex.schema.alterTable('notification_outbox', (t) => {
    t.dropColumn('claimed_at');
  });
  await knex.raw('ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_state_check');
  await addCheck(
    knex,
    'notification_outbox',
    'notification_outbox_state_check',
    oneOf('state', OLD_STATES),
  );
}
