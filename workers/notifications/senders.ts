import type { Log } from '../../platform';
import type { Channel, Recipient } from './recipients';

/** One message ready for a gateway: rendered, its recipient resolved. */
export interface OutgoingNotification {
  /** The outbox row's id: gateways that accept a client message id get it, so a retried
   *  request they already accepted is recognisable as the same message. */
  id: string;
  channel: Channel;
  template: string;
  demandCode: string;
  recipient: Recipient;
  subject?: string;
  text: string;
}

/**
 * A channel's gateway. `send` resolves once the gateway has accepted the message and rejects
 * when it has not; an error with `permanent: true` (PermanentDeliveryError) is not retried.
 */
export interface NotificationSender {
  send(notification: OutgoingNotification): Promise<void>;
}

export type NotificationSenders = Record<Channel, NotificationSender>;

/**
 * Development stand-in for the SMS and WeChat gateways: one log line per message, with the
 * masked recipient and no text (the text may quote what the citizen wrote). A real gateway
 * implements NotificationSender and is passed in `senders`.
 */
export function createLogSender(channel: Channel, log: Log): NotificationSender {
  return {
    async send(n) {
      log(
        `${channel} (development, not sent to a gateway) to ${n.recipient.masked}: ` +
          `${n.template} for ${n.demandCode}, ${n.text.length} characters`,
      );
    },
  };
}

/** Production with no gateway configured: messages wait (and are retried) instead of being
 *  marked sent after a log line nobody reads. */
export function createUnconfiguredSender(channel: Channel): NotificationSender {
  return {
    async send() {
      throw new Error(`no ${channel} gateway is configured`);
    },
  };
}

/** In-app notifications are read from the outbox itself: delivering one only marks it sent. */
export function createInAppSender(): NotificationSender {
  return { send: async () => undefined };
}
