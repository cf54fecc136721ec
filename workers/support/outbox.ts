import type { Knex } from 'knex';

/** The notification templates the sender renders (workers/README.md lists their payloads). */
export const TEMPLATES = [
  'demand_received',
  'emergency_diverted',
  'emergency_centre_notice',
  'demand_closed_explained',
  'demand_merged',
  'demand_assigned',
  'deadline_warning',
  'deadline_reminder',
  'supervision_order',
  'demand_escalated',
  'extension_told',
  'verification_request',
  'signoff_rejected',
  'demand_archived',
  'unit_ranking_listed',
  'unit_warning',
  'unit_fraud_warning',
  'spot_check_false_closure',
] as const;
export type Template = (typeof TEMPLATES)[number];

/**
 * Who receives a notification: references the sender resolves at send time, never a phone or
 * ID number (the outbox is logged and inspected).
 */
export const recipient = {
  citizen: (demandCode: string) => `citizen:${demandCode}`,
  unit: (unitCode: string) => `unit:${unitCode}`,
  group: (candidateGroup: string) => `group:${candidateGroup}`,
  emergency: (number: string) => `emergency:${number}`,
};

/**
 * SMS to citizens and to the emergency centres (whose gateway takes SMS only, see
 * notifications/README.md), in-app for staff (units, groups).
 */
function channelOf(to: string): 'sms' | 'in_app' {
  return to.startsWith('citizen:') || to.startsWith('emergency:') ? 'sms' : 'in_app';
}

/**
 * Queues one notification in `notification_outbox`, in the job's transaction. The dedupe key is
 * the element instance, the template and the recipient, so a job delivered again queues
 * nothing new.
 */
export async function notify(
  trx: Knex.Transaction,
  elementInstanceKey: string,
  note: { template: Template; to: string; payload: Record<string, unknown> },
): Promise<void> {
  await trx('notification_outbox')
    .insert({
      channel: channelOf(note.to),
      recipient: note.to,
      template: note.template,
      payload: JSON.stringify(note.payload),
      dedupe_key: `${elementInstanceKey}:${note.template}:${note.to}`,
    })
    .onConflict('dedupe_key')
    .ignore();
}
