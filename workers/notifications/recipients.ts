import type { Knex } from 'knex';
import { EMERGENCY_NUMBERS, isOneOf, ROLES } from '../../domain/demand';
import { maskMobile, type FieldCipher } from '../../domain/pii';
import { maskEmails, PermanentDeliveryError } from './delivery-errors';

/**
 * Who an outbox row is for. The `recipient` column holds a reference, never a personal number:
 * `citizen:<demandCode>` is resolved to the citizen's phone only here, at send time, and the
 * clear number goes to the gateway and nowhere else (logs get `masked`).
 */
export type RecipientKind = 'citizen' | 'unit' | 'group' | 'emergency' | 'email';

export interface Recipient {
  kind: RecipientKind;
  /** What the gateway sends to: a phone number, a unit code, `ROLE:UNIT`, a number, an address. */
  address: string;
  /** The same, safe for logs and errors. */
  masked: string;
}

export type Channel = 'sms' | 'wechat' | 'email' | 'in_app';

/** Which recipients each channel can reach; anything else fails at once with the reason. */
const REACHES: Record<Channel, readonly RecipientKind[]> = {
  sms: ['citizen', 'unit', 'group', 'emergency'],
  wechat: ['citizen', 'unit', 'group'],
  email: ['email'],
  in_app: ['citizen', 'unit', 'group'],
};

export class RecipientError extends PermanentDeliveryError {
  override name = 'RecipientError';
}

/** The recipient column as it may appear in a log: e-mail addresses masked. */
export function describeRecipient(recipient: string): string {
  return maskEmails(recipient);
}

export function assertChannelReaches(channel: Channel, recipient: Recipient): void {
  if (!REACHES[channel]?.includes(recipient.kind)) {
    throw new RecipientError(`channel ${channel} cannot reach a ${recipient.kind} recipient`);
  }
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export interface RecipientResolver {
  resolve(recipient: string): Promise<Recipient>;
}

/** `cipher` is asked for only when a citizen's phone must be decrypted. */
export function createRecipientResolver(knex: Knex, cipher: () => FieldCipher): RecipientResolver {
  return {
    async resolve(recipient) {
      const colon = recipient.indexOf(':');
      const kind = recipient.slice(0, colon);
      const ref = recipient.slice(colon + 1).trim();
      if (colon < 0 || ref === '') {
        throw new RecipientError(
          `recipient "${describeRecipient(recipient)}" is not kind:reference`,
        );
      }
      switch (kind) {
        case 'citizen':
          return citizen(knex, cipher, ref);
        case 'unit':
          await assertUnit(knex, ref);
          return { kind, address: ref, masked: recipient };
        case 'group': {
          const [role, unit, extra] = ref.split(':');
          if (!isOneOf(ROLES, role) || !unit || extra !== undefined) {
            throw new RecipientError(`recipient "${recipient}" is not group:ROLE:UNIT`);
          }
          await assertUnit(knex, unit);
          return { kind, address: ref, masked: recipient };
        }
        case 'emergency':
          if (!isOneOf(EMERGENCY_NUMBERS, ref)) {
            throw new RecipientError(`"${ref}" is not an emergency number (110, 119, 120, 122)`);
          }
          return { kind, address: ref, masked: recipient };
        case 'email':
          if (!EMAIL.test(ref)) {
            throw new RecipientError(`"${maskEmails(ref)}" is not an e-mail address`);
          }
          return { kind, address: ref, masked: `email:${maskEmails(ref)}` };
        default:
          throw new RecipientError(`unknown recipient kind "${kind}"`);
      }
    },
  };
}

async function assertUnit(knex: Knex, code: string): Promise<void> {
  const unit = await knex('org_units').where({ code }).first('code');
  if (!unit) throw new RecipientError(`no org unit has the code "${code}"`);
}

async function citizen(
  knex: Knex,
  cipher: () => FieldCipher,
  demandCode: string,
): Promise<Recipient> {
  const demand = await knex('demands')
    .where({ code: demandCode })
    .first<{ citizen_phone_enc: string | null; citizen_phone_masked: string | null }>(
      'citizen_phone_enc',
      'citizen_phone_masked',
    );
  if (!demand) throw new RecipientError(`no demand has the code "${demandCode}"`);
  if (!demand.citizen_phone_enc) {
    throw new RecipientError(`the citizen of demand ${demandCode} left no phone number`);
  }
  // A decryption failure (wrong key) is not a RecipientError: it is retried, as a fixed
  // configuration may still deliver the message.
  const phone = cipher().decrypt(demand.citizen_phone_enc);
  return {
    kind: 'citizen',
    address: phone,
    masked: `citizen:${demandCode} (${demand.citizen_phone_masked ?? maskMobile(phone)})`,
  };
}
