import { defaultSenders, type OutgoingNotification } from '../../workers/notifications';

const message: OutgoingNotification = {
  id: '7',
  channel: 'sms',
  template: 'demand_received',
  demandCode: '511999-20260302-00042',
  recipient: {
    kind: 'citizen',
    address: '15512342654',
    masked: 'citizen:511999-20260302-00042 (155****2654)',
  },
  subject: '诉求已受理',
  text: '【民生诉求】您好！您反映的诉求已受理。',
};

describe('default senders', () => {
  it('log SMS, WeChat and e-mail in development with the masked recipient, not the text', async () => {
    const lines: string[] = [];
    const senders = defaultSenders({}, (line) => lines.push(line));
    await senders.sms.send(message);
    await senders.wechat.send({ ...message, channel: 'wechat' });
    await senders.email.send({ ...message, channel: 'email' });
    await senders.in_app.send({ ...message, channel: 'in_app' });
    expect(lines).toEqual(
      ['sms', 'wechat', 'email'].map(
        (channel) =>
          `${channel} (development, not sent to a gateway) to citizen:511999-20260302-00042 ` +
          `(155****2654): demand_received for 511999-20260302-00042, ${message.text.length} characters`,
      ),
    );
  });

  it('refuse to pretend in production while no gateway is configured', async () => {
    const lines: string[] = [];
    const senders = defaultSenders({ NODE_ENV: 'production' }, (line) => lines.push(line));
    await expect(senders.sms.send(message)).rejects.toThrow('no sms gateway is configured');
    await expect(senders.wechat.send(message)).rejects.toThrow('no wechat gateway is configured');
    await expect(senders.email.send(message)).rejects.toThrow('no email gateway is configured');
    await expect(senders.in_app.send(message)).resolves.toBeUndefined();
    expect(lines).toEqual([]);
  });
});
