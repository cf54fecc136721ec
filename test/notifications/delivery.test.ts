import {
  deliverDueNotifications,
  deliveryContext,
  PermanentDeliveryError,
  startNotificationDelivery,
  type DeliveryOptions,
  type NotificationSender,
} from '../../workers/notifications';
import { createKnex } from '../../platform';
import { movableClock, MINUTE, VILLAGE, waitFor } from '../api/helpers';
import { useTestDatabase } from '../support/database';
import {
  CITIZEN_PHONE,
  DEMAND_CODE,
  enqueue,
  outboxRow,
  recordingSender,
  seedDemand,
} from './outbox-fixtures';

describe('notification delivery', () => {
  const db = useTestDatabase();
  let dataKey: Buffer;
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);

  beforeAll(async () => {
    ({ dataKey } = await seedDemand(db.knex));
  });
  beforeEach(async () => {
    await db.knex('notification_outbox').delete();
    logs.length = 0;
  });
  afterEach(() => {
    // Whatever a test did, the logs never carry the citizen's number.
    for (const line of logs) expect(line).not.toContain(CITIZEN_PHONE);
  });

  /** One delivery pass set-up with a hand-moved clock and the given senders. */
  function delivery(options: Partial<DeliveryOptions> = {}) {
    const clock = movableClock(new Date('2026-03-02T09:00:00+08:00'));
    const sms = recordingSender();
    const ctx = deliveryContext({
      knex: db.knex,
      log,
      dataKey,
      now: clock,
      senders: { sms: sms.sender, wechat: sms.sender, email: sms.sender, in_app: sms.sender },
      ...options,
    });
    return { clock, sms, ctx, pass: () => deliverDueNotifications(ctx) };
  }

  it("sends to the citizen's decrypted phone at send time and marks the row sent", async () => {
    const id = await enqueue(db.knex, {
      payload: { demandCode: DEMAND_CODE, dueAt: '2026-03-09T10:00:00Z' },
    });
    const { sms, pass, clock } = delivery();
    expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0, unknown: 0, more: false });
    expect(sms.sent).toEqual([
      expect.objectContaining({
        id,
        channel: 'sms',
        template: 'demand_received',
        demandCode: DEMAND_CODE,
        recipient: {
          kind: 'citizen',
          address: CITIZEN_PHONE,
          masked: `citizen:${DEMAND_CODE} (155****2654)`,
        },
        text: expect.stringContaining(`编号 ${DEMAND_CODE}`),
      }),
    ]);
    const row = await outboxRow(db.knex, id);
    expect(row).toEqual(
      expect.objectContaining({ state: 'sent', attempts: 1, last_error: null, sent_at: clock() }),
    );
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 0, unknown: 0, more: false });
    expect(sms.sent).toHaveLength(1);
  });

  it('resolves units, groups, emergency numbers and e-mail addresses', async () => {
    const unit = await enqueue(db.knex, {
      recipient: `unit:${VILLAGE.code}`,
      template: 'demand_assigned',
    });
    const group = await enqueue(db.knex, {
      channel: 'in_app',
      recipient: `group:village_staff:${VILLAGE.code}`,
      template: 'deadline_warning',
    });
    const centre = await enqueue(db.knex, {
      recipient: 'emergency:119',
      template: 'emergency_centre_notice',
    });
    const mail = await enqueue(db.knex, {
      channel: 'email',
      recipient: 'email:wang.li@county.example.cn',
      template: 'supervision_order',
    });
    const { sms, pass } = delivery();
    expect((await pass()).sent).toBe(4);
    const byId = Object.fromEntries(sms.sent.map((n) => [n.id, n.recipient]));
    expect(byId).toEqual({
      [unit]: { kind: 'unit', address: VILLAGE.code, masked: `unit:${VILLAGE.code}` },
      [group]: {
        kind: 'group',
        address: `village_staff:${VILLAGE.code}`,
        masked: `group:village_staff:${VILLAGE.code}`,
      },
      [centre]: { kind: 'emergency', address: '119', masked: 'emergency:119' },
      [mail]: {
        kind: 'email',
        address: 'wang.li@county.example.cn',
        masked: 'email:w***@county.example.cn',
      },
    });
    expect(logs.join('\n')).not.toContain('wang.li@');
  });

  it('fails an unknown template, an unknown recipient and an unreachable one at once', async () => {
    const unknownTemplate = await enqueue(db.knex, { template: 'birthday_greeting' });
    const unknownDemand = await enqueue(db.knex, { recipient: 'citizen:511999-20260302-09999' });
    const unknownUnit = await enqueue(db.knex, { recipient: 'unit:000000' });
    const mailBySms = await enqueue(db.knex, { recipient: 'email:wang.li@county.example.cn' });
    const noCode = await enqueue(db.knex, { payload: { unitName: '青石镇' } });
    const unknownRole = await enqueue(db.knex, { recipient: `group:mayor:${VILLAGE.code}` });
    const notEmergency = await enqueue(db.knex, { recipient: 'emergency:999' });
    const unknownKind = await enqueue(db.knex, { recipient: 'fax:028-1234' });
    const { sms, pass } = delivery();
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 8, unknown: 0, more: false });
    expect(sms.sent).toEqual([]);
    const errors = Object.fromEntries(
      await Promise.all(
        [
          unknownTemplate,
          unknownDemand,
          unknownUnit,
          mailBySms,
          noCode,
          unknownRole,
          notEmergency,
          unknownKind,
        ].map(async (id) => {
          const row = await outboxRow(db.knex, id);
          expect({ state: row.state, attempts: row.attempts }).toEqual({
            state: 'failed',
            attempts: 1,
          });
          return [id, row.last_error as string];
        }),
      ),
    );
    expect(errors).toEqual({
      [unknownTemplate]: 'TemplateError: unknown template "birthday_greeting"',
      [unknownDemand]: 'RecipientError: no demand has the code "511999-20260302-09999"',
      [unknownUnit]: 'RecipientError: no org unit has the code "000000"',
      [mailBySms]: 'RecipientError: channel sms cannot reach a email recipient',
      [noCode]: 'TemplateError: the payload has no demandCode',
      [unknownRole]: `RecipientError: recipient "group:mayor:${VILLAGE.code}" is not group:ROLE:UNIT`,
      [notEmergency]: 'RecipientError: "999" is not an emergency number (110, 119, 120, 122)',
      [unknownKind]: 'RecipientError: unknown recipient kind "fax"',
    });
  });

  it('retries with exponential back-off and marks the row failed after the last attempt', async () => {
    const id = await enqueue(db.knex);
    const failing = recordingSender(async () => {
      throw new Error(`gateway refused 13800001111 and ops@county.example.cn`);
    });
    const { clock, pass } = delivery({
      maxAttempts: 4,
      retryBaseMs: MINUTE,
      senders: { sms: failing.sender },
    });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect((await pass()).retried).toBe(1);
      const row = await outboxRow(db.knex, id);
      expect(row.state).toBe('pending');
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toBe('gateway refused 138****1111 and o***@county.example.cn');
      const wait = row.next_attempt_at.getTime() - clock().getTime();
      waits.push(wait);
      // Not due a moment before its time, due at its time.
      clock.advance(wait - 1000);
      expect((await pass()).retried).toBe(0);
      clock.advance(1000);
    }
    expect(waits).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE]);
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 1, unknown: 0, more: false });
    const row = await outboxRow(db.knex, id);
    expect(row).toEqual(
      expect.objectContaining({
        state: 'failed',
        attempts: 4,
        last_error:
          'gave up after 4 attempts: gateway refused 138****1111 and o***@county.example.cn',
      }),
    );
    clock.advance(24 * 60 * MINUTE);
    await pass();
    expect(failing.sent).toHaveLength(4);
  });

  it('fails a permanent gateway refusal without retrying', async () => {
    const id = await enqueue(db.knex);
    const refusing = recordingSender(async () => {
      throw new PermanentDeliveryError('number is not a mobile');
    });
    const { pass } = delivery({ senders: { sms: refusing.sender } });
    expect((await pass()).failed).toBe(1);
    expect(await outboxRow(db.knex, id)).toEqual(
      expect.objectContaining({
        state: 'failed',
        last_error: 'PermanentDeliveryError: number is not a mobile',
      }),
    );
  });

  it('never resends a claimed row, after a restart either; an unknown outcome ends as failed', async () => {
    const id = await enqueue(db.knex);
    let release: () => void = () => undefined;
    const hanging = recordingSender(() => new Promise<void>((resolve) => (release = resolve)));
    const first = delivery({ senders: { sms: hanging.sender } });
    const firstPass = first.pass();
    await waitFor(async () => (hanging.sent.length === 1 ? true : undefined), 'the first send');
    expect((await outboxRow(db.knex, id)).state).toBe('sending');

    // A second process (or the same one restarted) on the same database, long after the
    // first retry would have been due but within the claim timeout: the row is not due for it.
    const second = delivery({ claimTimeoutMs: 15 * MINUTE });
    second.clock.set(first.clock());
    second.clock.advance(14 * MINUTE);
    expect(await second.pass()).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
      unknown: 0,
      more: false,
    });
    second.clock.advance(2 * MINUTE);
    expect(await second.pass()).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
      unknown: 1,
      more: false,
    });
    expect(second.sms.sent).toEqual([]);
    expect(await outboxRow(db.knex, id)).toEqual(
      expect.objectContaining({
        state: 'failed',
        last_error: expect.stringMatching(/^delivery outcome unknown/),
      }),
    );

    // The first send comes back after all: the real outcome replaces the guess.
    release();
    expect(await firstPass).toEqual({ sent: 1, retried: 0, failed: 0, unknown: 0, more: false });
    expect((await outboxRow(db.knex, id)).state).toBe('sent');
    expect(hanging.sent).toHaveLength(1);
  });

  it('sends every row exactly once with two loops polling the same outbox', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i += 1)
      ids.push(
        await enqueue(db.knex, {
          recipient: `unit:${VILLAGE.code}`,
          template: 'deadline_reminder',
        }),
      );
    // Each send yields, so both loops have claims in flight at once.
    const yielding = () => new Promise<void>((resolve) => setImmediate(resolve));
    const a = recordingSender(yielding);
    const b = recordingSender(yielding);
    const loop = (sender: NotificationSender) =>
      startNotificationDelivery({
        knex: db.knex,
        log,
        dataKey,
        pollMs: 5,
        batchSize: 3,
        senders: { sms: sender },
      });
    const loops = [loop(a.sender), loop(b.sender)];
    try {
      await waitFor(async () => {
        const [counted] = await db
          .knex('notification_outbox')
          .whereNot({ state: 'sent' })
          .count<{ left: string }[]>('* as left');
        return Number(counted?.left) === 0 ? true : undefined;
      }, 'every row sent');
    } finally {
      await Promise.all(loops.map((l) => l.stop()));
    }
    const delivered = [...a.sent, ...b.sent].map((n) => n.id).sort();
    expect(delivered).toEqual([...ids].sort());
    expect(loops[0]!.status().sent + loops[1]!.status().sent).toBe(40);
    expect(loops.map((l) => l.status().running)).toEqual([false, false]);
  });

  it('keeps polling through a database outage and reports it in status()', async () => {
    const unreachable = createKnex('postgres://nobody:none@127.0.0.1:1/nothing', {
      poolMax: 1,
      log,
    });
    const loop = startNotificationDelivery({ knex: unreachable, log, dataKey, pollMs: 5 });
    try {
      const error = await waitFor(async () => loop.status().lastError ?? undefined, 'an error');
      expect(error).toMatch(/ECONNREFUSED/);
      expect(error).not.toContain('none@');
      expect(loop.status()).toEqual(expect.objectContaining({ running: true, sent: 0 }));
    } finally {
      await loop.stop();
      await unreachable.destroy();
    }
    expect(loop.status().running).toBe(false);
  });
});
