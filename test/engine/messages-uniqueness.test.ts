import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { deploy, startInstance } from './elements-helpers';
import { post } from './rest-helpers';

const HOUR = 3_600_000;

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Message uniqueness (Camunda 8.8 docs, "Messages" → "Message uniqueness"): a message is
 * rejected if a message with the same name, the same correlation key and the same id is
 * already buffered; after that one left the buffer the same message may be published again.
 * A message id alone does not make two messages equal. Over gRPC (the SDK) and REST.
 */
describe('message uniqueness', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);
  let now = Date.parse('2027-03-01T08:00:00Z');
  let runs = 0;
  const unique = (prefix: string) => `${prefix}-${(runs += 1)}-${Date.now().toString(36)}`;
  const publication = (body: Record<string, unknown>) =>
    post(`${engine.restUrl}/v2/messages/publication`, body);

  beforeAll(async () => {
    await engine.setClock(now);
    await deploy(engine.zeebe, 'msg-catch.bpmn');
  });

  it('the same message id under another message name is another message and is accepted (Camunda 8.8 message uniqueness)', async () => {
    const messageId = unique('id');
    const correlationKey = unique('order');
    const first = await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey,
      messageId,
      timeToLive: HOUR,
      variables: {},
    });
    const second = await engine.zeebe.publishMessage({
      name: 'shipped',
      correlationKey,
      messageId,
      timeToLive: HOUR,
      variables: {},
    });
    expect(second.key).not.toBe(first.key);
    const rest = await publication({
      name: 'delivered',
      correlationKey,
      messageId,
      timeToLive: HOUR,
    });
    expect(rest.status).toBe(200);
    expect(rest.body.messageKey).toMatch(/^\d+$/);
  });

  it('the same message id under another correlation key is another message: both are buffered and each correlates to its own instance (Camunda 8.8 message uniqueness)', async () => {
    const messageId = unique('id');
    const [a, b, c] = [unique('order'), unique('order'), unique('order')];
    await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey: a,
      messageId,
      timeToLive: HOUR,
      variables: { amount: 1 },
    });
    await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey: b,
      messageId,
      timeToLive: HOUR,
      variables: { amount: 2 },
    });
    const rest = await publication({
      name: 'paid',
      correlationKey: c,
      messageId,
      timeToLive: HOUR,
      variables: { amount: 3 },
    });
    expect(rest.status).toBe(200);
    for (const [orderId, amount] of [
      [a, 1],
      [b, 2],
      [c, 3],
    ] as const) {
      const key = await startInstance(engine.zeebe, 'msg-catch', { orderId });
      await records.waitFor({
        processInstanceKey: key,
        valueType: 'PROCESS_INSTANCE',
        intent: 'ELEMENT_COMPLETED',
        elementId: 'msg-catch',
      });
      const vars = await records.variables(key);
      expect(vars.paidAmount).toBe(amount);
    }
  });

  it('the same name, correlation key and id while the first message is buffered is rejected: ALREADY_EXISTS over gRPC, 409 over REST (Camunda 8.8 message uniqueness)', async () => {
    const messageId = unique('id');
    const correlationKey = unique('order');
    await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey,
      messageId,
      timeToLive: HOUR,
      variables: {},
    });
    await expect(
      engine.zeebe.publishMessage({
        name: 'paid',
        correlationKey,
        messageId,
        timeToLive: HOUR,
        variables: {},
      }),
    ).rejects.toThrow(/ALREADY_EXISTS/);
    const rest = await publication({ name: 'paid', correlationKey, messageId, timeToLive: HOUR });
    expect(rest.status).toBe(409);
    expect(rest.body).toMatchObject({ title: 'ALREADY_EXISTS', status: 409 });
    // A rejected duplicate is not buffered: one PUBLISHED record for that id and key.
    const published = (await records.query({ valueType: 'MESSAGE', intent: 'PUBLISHED' })).filter(
      (r) => r.value.messageId === messageId,
    );
    expect(published).toHaveLength(1);
  });

  it('after the first message expired from the buffer, the same name, correlation key and id may be published again (Camunda 8.8 message uniqueness)', async () => {
    const messageId = unique('id');
    const correlationKey = unique('order');
    const first = await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey,
      messageId,
      timeToLive: HOUR,
      variables: {},
    });
    now += HOUR + 1;
    await engine.setClock(now);
    await waitUntil(async () =>
      (await records.query({ valueType: 'MESSAGE', intent: 'EXPIRED' })).some(
        (r) => r.key === first.key,
      ),
    );
    const again = await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey,
      messageId,
      timeToLive: HOUR,
      variables: {},
    });
    expect(again.key).not.toBe(first.key);
    // The new one is buffered now, so the id is taken again.
    const rest = await publication({ name: 'paid', correlationKey, messageId, timeToLive: HOUR });
    expect(rest.status).toBe(409);
  });

  it('a message with a time to live of zero is never buffered, so its id does not block the same message (Camunda 8.8 message uniqueness)', async () => {
    const messageId = unique('id');
    const correlationKey = unique('order');
    await engine.zeebe.publishMessage({ name: 'paid', correlationKey, messageId, variables: {} });
    await engine.zeebe.publishMessage({ name: 'paid', correlationKey, messageId, variables: {} });
    const rest = await publication({ name: 'paid', correlationKey, messageId });
    expect(rest.status).toBe(200);
  });

  it('without a message id the uniqueness check is disabled: equal messages are all buffered (Camunda 8.8 message uniqueness)', async () => {
    const correlationKey = unique('order');
    for (let i = 0; i < 2; i++) {
      await engine.zeebe.publishMessage({
        name: 'paid',
        correlationKey,
        timeToLive: HOUR,
        variables: { amount: i },
      });
    }
    expect((await publication({ name: 'paid', correlationKey, timeToLive: HOUR })).status).toBe(
      200,
    );
  });
});
