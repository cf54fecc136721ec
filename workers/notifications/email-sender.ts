import nodemailer, { type Transporter } from 'nodemailer';
import { PermanentDeliveryError } from './delivery-errors';
import type { NotificationSender } from './senders';

export interface EmailSenderOptions {
  /** A nodemailer transport; tests pass a stream or JSON transport. */
  transport?: Transporter;
  /** `smtp://user:pass@host:587`, `smtps://…` (nodemailer's URL form). Never logged. */
  smtpUrl?: string;
  /** The From header, e.g. `民生诉求 <no-reply@county.gov.cn>`. */
  from: string;
}

/**
 * E-mail over SMTP with nodemailer. The Message-ID is derived from the outbox row, so a message
 * a server received twice (a retry after a lost answer) carries the same id both times.
 */
export function createEmailSender(options: EmailSenderOptions): NotificationSender {
  const transport =
    options.transport ??
    (options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined);
  if (!transport) throw new Error('createEmailSender needs a transport or an SMTP URL');
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'minsheng.invalid';
  return {
    async send(n) {
      if (n.recipient.kind !== 'email') {
        throw new PermanentDeliveryError(`e-mail cannot reach a ${n.recipient.kind} recipient`);
      }
      await transport.sendMail({
        from: options.from,
        to: n.recipient.address,
        subject: n.subject ?? `诉求 ${n.demandCode}`,
        text: n.text,
        messageId: `<notification-${n.id}@${domain}>`,
        headers: { 'X-Minsheng-Notification': n.id, 'X-Minsheng-Demand': n.demandCode },
      });
    },
  };
}
