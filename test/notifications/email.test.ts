import nodemailer, { type SendMailOptions } from 'nodemailer';
import {
  createEmailSender,
  defaultSenders,
  deliverDueNotifications,
  deliveryContext,
} from '../../workers/notifications';
import { movableClock } from '../api/helpers';
import { useTestDatabase } from '../support/database';
import { DEMAND_CODE, enqueue, outboxRow, seedDemand } from './outbox-fixtures';
import { startSmtpTestServer } from './smtp-test-server';

/** The decoded body of a received message (nodemailer sends UTF-8 text quoted-printable or base64). */
function bodyOf(data: string): string {
  const [head = '', ...rest] = data.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  if (/Content-Transfer-Encoding: base64/i.test(head)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

describe('e-mail notifications', () => {
  const db = useTestDatabase();
  let dataKey: Buffer;
  const logs: string[] = [];

  beforeAll(async () => {
    ({ dataKey } = await seedDemand(db.knex));
  });

  it('delivers through SMTP when SMTP_URL is set; retries a 4xx answer, fails a 5xx one', async () => {
    const smtp = await startSmtpTestServer({ refuse: /^nobody@/, defer: /^busy@/ });
    try {
      const senders = defaultSenders(
        { SMTP_URL: smtp.url, SMTP_FROM: '青石区民生诉求 <no-reply@county.example.cn>' },
        (line) => logs.push(line),
      );
      const ctx = deliveryContext({
        knex: db.knex,
        log: (line) => logs.push(line),
        dataKey,
        now: movableClock(),
        senders,
      });
      const delivered = await enqueue(db.knex, {
        channel: 'email',
        recipient: 'email:dispatch@county.example.cn',
        template: 'supervision_order',
        payload: { demandCode: DEMAND_CODE, unitName: '青石镇人民政府', level: 'red' },
      });
      const refused = await enqueue(db.knex, {
        channel: 'email',
        recipient: 'email:nobody@county.example.cn',
        template: 'demand_archived',
      });
      const deferred = await enqueue(db.knex, {
        channel: 'email',
        recipient: 'email:busy@county.example.cn',
        template: 'demand_archived',
      });
      expect(await deliverDueNotifications(ctx)).toEqual(
        expect.objectContaining({ sent: 1, retried: 1, failed: 1 }),
      );

      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail!.from).toBe('no-reply@county.example.cn');
      expect(mail!.to).toEqual(['dispatch@county.example.cn']);
      expect(mail!.data).toMatch(/^Subject: =\?UTF-8\?/m);
      expect(mail!.data).toContain(`Message-ID: <notification-${delivered}@county.example.cn>`);
      const body = bodyOf(mail!.data);
      expect(body).toContain(`现对诉求 ${DEMAND_CODE} 予以红色督办`);
      expect((await outboxRow(db.knex, delivered)).state).toBe('sent');

      const failed = await outboxRow(db.knex, refused);
      expect(failed.state).toBe('failed');
      expect(failed.last_error).toMatch(/550/);
      expect(failed.last_error).toContain('n***@county.example.cn');
      const retried = await outboxRow(db.knex, deferred);
      expect(retried.state).toBe('pending');
      expect(retried.last_error).toMatch(/451/);
      expect(retried.last_error).not.toContain('busy@');
      expect(logs.join('\n')).not.toMatch(/nobody@|busy@|dispatch@/);
    } finally {
      await smtp.close();
    }
  });

  it('renders the message nodemailer is given: To, Subject, text and the outbox id', async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const sent: Array<Record<string, unknown>> = [];
    const original = transport.sendMail.bind(transport);
    transport.sendMail = (async (mail: SendMailOptions) => {
      const info = await original(mail);
      sent.push(JSON.parse((info as { message: string }).message) as Record<string, unknown>);
      return info;
    }) as typeof transport.sendMail;
    const sender = createEmailSender({ transport, from: '民生诉求 <no-reply@county.example.cn>' });
    await sender.send({
      id: '42',
      channel: 'email',
      template: 'demand_archived',
      demandCode: DEMAND_CODE,
      recipient: { kind: 'email', address: 'a@b.cn', masked: 'email:a***@b.cn' },
      subject: '诉求已办结归档',
      text: '已办结',
    });
    expect(sent).toEqual([
      expect.objectContaining({
        to: [{ address: 'a@b.cn', name: '' }],
        subject: '诉求已办结归档',
        text: '已办结',
        messageId: '<notification-42@county.example.cn>',
        headers: { 'X-Minsheng-Notification': '42', 'X-Minsheng-Demand': DEMAND_CODE },
      }),
    ]);
    await expect(
      sender.send({
        id: '43',
        channel: 'email',
        template: 'demand_archived',
        demandCode: DEMAND_CODE,
        recipient: { kind: 'unit', address: '511999', masked: 'unit:511999' },
        text: '已办结',
      }),
    ).rejects.toMatchObject({ permanent: true });
  });
});
