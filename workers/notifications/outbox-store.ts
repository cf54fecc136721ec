import type { Knex } from 'knex';
import type { Channel } from './recipients';

/**
 * The outbox rows' life: pending → sending (claimed) → sent, or back to pending with a later
 * `next_attempt_at`, or failed. Every change after the claim names the claim by its attempt
 * number, so a loop can only settle a row it claimed itself.
 */
export interface ClaimedNotification {
  id: string;
  channel: Channel;
  recipient: string;
  template: string;
  payload: unknown;
  /** This claim's attempt number (1 for the first). */
  attempts: number;
}

const TABLE = 'notification_outbox';

/**
 * Claims up to `limit` due pending rows in one statement: rows another loop holds locked are
 * skipped, and the claimed rows are `sending` once it commits, so no other loop or later
 * restart picks them up again.
 */
export async function claimDue(
  knex: Knex,
  now: Date,
  limit: number,
): Promise<ClaimedNotification[]> {
  const { rows } = await knex.raw<{ rows: Array<Record<string, unknown>> }>(
    `UPDATE notification_outbox o
        SET state = 'sending', claimed_at = :now, attempts = o.attempts + 1
      WHERE o.id IN (SELECT id FROM notification_outbox
                      WHERE state = 'pending' AND next_attempt_at <= :now
                      ORDER BY next_attempt_at, id
                      LIMIT :limit
                      FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.channel, o.recipient, o.template, o.payload, o.attempts`,
    { now, limit },
  );
  return rows
    .map((row) => ({
      id: String(row.id),
      channel: row.channel as Channel,
      recipient: row.recipient as string,
      template: row.template as string,
      payload: row.payload,
      attempts: Number(row.attempts),
    }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

type Claim = Pick<ClaimedNotification, 'id' | 'attempts'>;

/** Sent. Also after the stale-claim sweep closed it as failed: the real outcome wins. */
export async function markSent(knex: Knex, claim: Claim, now: Date): Promise<boolean> {
  const updated = await knex(TABLE)
    .where({ id: claim.id, attempts: claim.attempts })
    .whereIn('state', ['sending', 'failed'])
    .update({ state: 'sent', sent_at: now, last_error: null });
  return updated === 1;
}

export async function markRetry(knex: Knex, claim: Claim, at: Date, error: string) {
  await knex(TABLE)
    .where({ id: claim.id, attempts: claim.attempts, state: 'sending' })
    .update({ state: 'pending', next_attempt_at: at, last_error: error });
}

export async function markFailed(knex: Knex, claim: Claim, error: string) {
  await knex(TABLE)
    .where({ id: claim.id, attempts: claim.attempts, state: 'sending' })
    .update({ state: 'failed', last_error: error });
}

/**
 * Claims older than `before` whose outcome never came back (the process stopped between the
 * claim and the answer): the message may or may not have gone out, and resending could send it
 * twice, so they are closed as failed with that reason for staff to follow up.
 */
export async function failStaleClaims(knex: Knex, before: Date): Promise<string[]> {
  const rows = await knex(TABLE)
    .where({ state: 'sending' })
    .andWhere('claimed_at', '<', before)
    .update({
      state: 'failed',
      last_error:
        'delivery outcome unknown: the sender stopped after claiming it; not resent, to avoid ' +
        'sending it twice',
    })
    .returning<{ id: string }[]>('id');
  return rows.map((row) => String(row.id));
}
