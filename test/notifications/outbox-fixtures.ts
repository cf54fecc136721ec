import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { NotificationSender, OutgoingNotification } from '../../workers/notifications';
import { importDemoDistrict } from '../api/helpers';
import { insertDemand } from '../api/staff-fixtures';

export const CITIZEN_PHONE = '15512342654';
export const DEMAND_CODE = '511999-20260302-00042';

/** The demo district and one demand whose citizen left a phone number, encrypted at rest. */
export async function seedDemand(knex: Knex): Promise<{ dataKey: Buffer }> {
  await importDemoDistrict(knex);
  const dataKey = randomBytes(32);
  await insertDemand(knex, dataKey, {
    code: DEMAND_CODE,
    receivedAt: '2026-03-02T09:00:00+08:00',
    citizen: { name: '刘洋', phone: CITIZEN_PHONE },
  });
  return { dataKey };
}

export interface OutboxInput {
  channel?: string;
  recipient?: string;
  template?: string;
  payload?: Record<string, unknown>;
  nextAttemptAt?: Date;
}

export async function enqueue(knex: Knex, input: OutboxInput = {}): Promise<string> {
  const [row] = await knex('notification_outbox')
    .insert({
      channel: input.channel ?? 'sms',
      recipient: input.recipient ?? `citizen:${DEMAND_CODE}`,
      template: input.template ?? 'demand_received',
      payload: input.payload ?? { demandCode: DEMAND_CODE },
      next_attempt_at: input.nextAttemptAt ?? new Date('2026-03-02T00:00:00Z'),
    })
    .returning<{ id: string }[]>('id');
  return String(row!.id);
}

export async function outboxRow(knex: Knex, id: string) {
  return knex('notification_outbox').where({ id }).first();
}

/** A sender that records what it was given and answers as told. */
export function recordingSender(
  answer: (n: OutgoingNotification) => Promise<void> = async () => {},
) {
  const sent: OutgoingNotification[] = [];
  const sender: NotificationSender = {
    async send(n) {
      sent.push(n);
      await answer(n);
    },
  };
  return { sender, sent };
}
