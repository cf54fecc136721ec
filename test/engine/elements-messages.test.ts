import { useEngine } from '../support/engine';
import { useEngineRecords, type RecordFilter } from '../support/engine-records';
import { activate, deploy, startInstance } from './elements-helpers';

const HOUR = 3_600_000;

/**
 * Message events (Camunda docs, "Messages" and "Message events"): subscriptions, correlation,
 * buffering with a time to live (driven by moving the engine clock), message ids, message
 * start events and the correlate endpoint, through the SDK (gRPC) and REST.
 */
describe('message events', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);
  let now = Date.parse('2026-10-12T08:00:00Z');
  let runs = 0;
  /** Correlation keys unique to each test, so buffered messages of one never reach another. */
  const orderId = () => `order-${(runs += 1)}-${Date.now().toString(36)}`;

  async function moveClockTo(epochMillis: number) {
    now = epochMillis;
    await engine.setClock(now);
  }

  beforeAll(async () => {
    await moveClockTo(now);
    await deploy(
      engine.zeebe,
      'msg-catch.bpmn',
      'msg-receive.bpmn',
      'msg-boundary.bpmn',
      'msg-start.bpmn',
    );
  });

  const events = (filter: RecordFilter, count = 1) => records.waitFor(filter, count);
  const subscribed = (processInstanceKey: string, count = 1) =>
    events(
      { processInstanceKey, valueType: 'PROCESS_MESSAGE_SUBSCRIPTION', intent: 'CREATED' },
      count,
    );
  const completed = (processInstanceKey: string, elementId: string) =>
    events({
      processInstanceKey,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId,
    });

  /** The last value a variable was given in the instance, parsed. */
  async function variable(processInstanceKey: string, name: string): Promise<unknown> {
    const rows = await records.query({ processInstanceKey, valueType: 'VARIABLE' });
    const last = rows.filter((r) => r.value.name === name).pop();
    return last ? JSON.parse(last.value.value as string) : undefined;
  }

  async function post(path: string, body: unknown) {
    const response = await fetch(`${engine.restUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('a published message correlates to the subscription with its name and correlation key; its variables pass through output mappings', async () => {
    const id = orderId();
    const key = await startInstance(engine.zeebe, 'msg-catch', { orderId: id });
    await subscribed(key);
    await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey: 'other',
      variables: { amount: 1 },
    });
    await engine.zeebe.publishMessage({
      name: 'other',
      correlationKey: id,
      variables: { amount: 2 },
    });
    const published = await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey: id,
      variables: { amount: 42 },
    });
    expect(published.key).toMatch(/^\d+$/);
    await completed(key, 'msg-catch');
    expect(await variable(key, 'paidAmount')).toBe(42);
    const correlated = await events({
      processInstanceKey: key,
      valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
      intent: 'CORRELATED',
    });
    expect(correlated[0]!.value.messageKey).toBe(published.key);
  });

  it('a receive task evaluates its FEEL message name and correlation key on activation; REST publication works the same', async () => {
    const id = orderId();
    const key = await startInstance(engine.zeebe, 'msg-receive', { orderId: id, region: 'north' });
    const [created] = await subscribed(key);
    expect(created!.value).toMatchObject({ messageName: 'shipped-north', correlationKey: id });
    const response = await post('/v2/messages/publication', {
      name: 'shipped-north',
      correlationKey: id,
      variables: { carrier: 'SF' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      messageKey: expect.stringMatching(/^\d+$/),
      tenantId: '<default>',
    });
    await completed(key, 'msg-receive');
    // Without output mappings the message variables propagate to the process scope.
    expect(await variable(key, 'carrier')).toBe('SF');
  });

  it('a message without a subscription and without a time to live is discarded', async () => {
    const id = orderId();
    await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey: id,
      variables: { amount: 1 },
    });
    const key = await startInstance(engine.zeebe, 'msg-catch', { orderId: id });
    await subscribed(key);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      await records.query({
        processInstanceKey: key,
        valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
        intent: 'CORRELATED',
      }),
    ).toEqual([]);
    await engine.zeebe.cancelProcessInstance(key);
  });

  it('a buffered message waits for its time to live: a subscription opened later gets the oldest matching one first', async () => {
    const id = orderId();
    await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey: id,
      timeToLive: HOUR,
      variables: { amount: 1 },
    });
    await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey: id,
      timeToLive: HOUR,
      variables: { amount: 2 },
    });
    const first = await startInstance(engine.zeebe, 'msg-catch', { orderId: id });
    await completed(first, 'msg-catch');
    expect(await variable(first, 'paidAmount')).toBe(1);
    // A message correlates once per process: the next instance of msg-catch gets the second one.
    const second = await startInstance(engine.zeebe, 'msg-catch', { orderId: id });
    await completed(second, 'msg-catch');
    expect(await variable(second, 'paidAmount')).toBe(2);
  });

  it('a buffered message expires when its time to live has passed on the engine clock (MESSAGE EXPIRED)', async () => {
    const id = orderId();
    const published = await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey: id,
      timeToLive: HOUR,
      variables: { amount: 7 },
    });
    await moveClockTo(now + HOUR - 1_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      (await records.query({ valueType: 'MESSAGE', intent: 'EXPIRED' })).map((r) => r.key),
    ).not.toContain(published.key);
    await moveClockTo(now + 1_000);
    await waitUntil(async () =>
      (await records.query({ valueType: 'MESSAGE', intent: 'EXPIRED' })).some(
        (r) => r.key === published.key,
      ),
    );
    const key = await startInstance(engine.zeebe, 'msg-catch', { orderId: id });
    await subscribed(key);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      await records.query({
        processInstanceKey: key,
        valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
        intent: 'CORRELATED',
      }),
    ).toEqual([]);
    await engine.zeebe.cancelProcessInstance(key);
  });

  it('a message id is unique while a message with it is buffered: ALREADY_EXISTS over gRPC, 409 over REST', async () => {
    const id = orderId();
    await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey: id,
      messageId: `m-${id}`,
      timeToLive: HOUR,
      variables: {},
    });
    await expect(
      engine.zeebe.publishMessage({
        name: 'paid',
        correlationKey: id,
        messageId: `m-${id}`,
        timeToLive: HOUR,
        variables: {},
      }),
    ).rejects.toThrow(/ALREADY_EXISTS/);
    const response = await post('/v2/messages/publication', {
      name: 'paid',
      correlationKey: id,
      messageId: `m-${id}`,
      timeToLive: HOUR,
    });
    expect(response.status).toBe(409);
    expect(response.body.detail).toMatch(/already published/);
    // Once expired, the id may be used again.
    await moveClockTo(now + HOUR + 1);
    await records.waitFor({ valueType: 'MESSAGE', intent: 'EXPIRED' });
    await waitUntil(
      async () =>
        (
          await post('/v2/messages/publication', {
            name: 'paid',
            correlationKey: id,
            messageId: `m-${id}`,
          })
        ).status === 200,
    );
  });

  it('an interrupting message boundary event terminates the activity and takes its own flow', async () => {
    const id = orderId();
    const key = await startInstance(engine.zeebe, 'msg-boundary', { orderId: id });
    await subscribed(key, 2);
    await engine.zeebe.publishMessage({
      name: 'cancel-order',
      correlationKey: id,
      variables: { reason: 'customer' },
    });
    await completed(key, 'msg-boundary');
    const ended = await records.query({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
    });
    expect(ended.map((r) => r.value.elementId)).toContain('endCanceled');
    expect(
      await records.query({
        processInstanceKey: key,
        valueType: 'PROCESS_INSTANCE',
        intent: 'ELEMENT_TERMINATED',
        elementId: 'Handle',
      }),
    ).toHaveLength(1);
    // The other boundary subscription closed with the activity.
    await events({
      processInstanceKey: key,
      valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
      intent: 'DELETED',
    });
  });

  it('a non-interrupting message boundary event starts its path alongside; the activity goes on and its completion closes the subscriptions', async () => {
    const id = orderId();
    const key = await startInstance(engine.zeebe, 'msg-boundary', { orderId: id });
    await subscribed(key, 2);
    await engine.zeebe.publishMessage({
      name: 'update-order',
      correlationKey: id,
      variables: { note: 'gift wrap' },
    });
    await completed(key, 'endUpdated');
    const jobs = await activate(engine.zeebe, 'msg-handle');
    const job = jobs.find((j) => j.processInstanceKey === key)!;
    await engine.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await completed(key, 'msg-boundary');
    await events(
      { processInstanceKey: key, valueType: 'PROCESS_MESSAGE_SUBSCRIPTION', intent: 'DELETED' },
      2,
    );
  });

  it('a message start event starts an instance with the message variables; one active instance per correlation key', async () => {
    const id = orderId();
    await engine.zeebe.publishMessage({
      name: 'order-placed',
      correlationKey: id,
      variables: { orderId: id },
    });
    const [started] = await events({
      valueType: 'MESSAGE_START_EVENT_SUBSCRIPTION',
      intent: 'CORRELATED',
    });
    const all = await records.query({
      valueType: 'MESSAGE_START_EVENT_SUBSCRIPTION',
      intent: 'CORRELATED',
    });
    const mine = all.filter((r) => r.value.correlationKey === id);
    expect(mine).toHaveLength(1);
    expect(started).toBeDefined();
    const key = mine[0]!.value.processInstanceKey as string;
    await subscribed(key);
    expect(await variable(key, 'orderId')).toBe(id);
    // While that instance is active, the same correlation key starts no second instance.
    await engine.zeebe.publishMessage({
      name: 'order-placed',
      correlationKey: id,
      variables: { orderId: id },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await records.query({
      valueType: 'MESSAGE_START_EVENT_SUBSCRIPTION',
      intent: 'CORRELATED',
    });
    expect(again.filter((r) => r.value.correlationKey === id)).toHaveLength(1);
    await engine.zeebe.publishMessage({ name: 'order-done', correlationKey: id });
    await completed(key, 'msg-start');
  });

  it('when the instance started for a correlation key ends, a message with that key buffered meanwhile starts the next instance', async () => {
    const id = orderId();
    const startedFor = async () =>
      (
        await records.query({ valueType: 'MESSAGE_START_EVENT_SUBSCRIPTION', intent: 'CORRELATED' })
      ).filter((r) => r.value.correlationKey === id);
    await engine.zeebe.publishMessage({
      name: 'order-placed',
      correlationKey: id,
      variables: { orderId: id, n: 1 },
    });
    await waitUntil(async () => (await startedFor()).length === 1);
    const first = (await startedFor())[0]!.value.processInstanceKey as string;
    await subscribed(first);
    await engine.zeebe.publishMessage({
      name: 'order-placed',
      correlationKey: id,
      timeToLive: HOUR,
      variables: { orderId: id, n: 2 },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await startedFor()).toHaveLength(1);
    await engine.zeebe.publishMessage({ name: 'order-done', correlationKey: id });
    await completed(first, 'msg-start');
    await waitUntil(async () => (await startedFor()).length === 2);
    const second = (await startedFor())[1]!.value.processInstanceKey as string;
    expect(await variable(second, 'n')).toBe(2);
    await subscribed(second);
    await engine.zeebe.cancelProcessInstance(second);
  });

  it('POST /v2/messages/correlation correlates now and answers the process instance; 404 when nothing waits', async () => {
    const id = orderId();
    const missing = await post('/v2/messages/correlation', { name: 'paid', correlationKey: id });
    expect(missing.status).toBe(404);
    const key = await startInstance(engine.zeebe, 'msg-catch', { orderId: id });
    await subscribed(key);
    const response = await post('/v2/messages/correlation', {
      name: 'paid',
      correlationKey: id,
      variables: { amount: 5 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      messageKey: expect.stringMatching(/^\d+$/),
      tenantId: '<default>',
      processInstanceKey: key,
    });
    await completed(key, 'msg-catch');
    expect(await variable(key, 'paidAmount')).toBe(5);
  });

  it('a correlation key that is neither string nor number raises an incident on activation', async () => {
    const key = await startInstance(engine.zeebe, 'msg-catch', {});
    const [incident] = await events({
      processInstanceKey: key,
      valueType: 'INCIDENT',
      intent: 'CREATED',
    });
    expect(incident!.value).toMatchObject({
      errorType: 'EXTRACT_VALUE_ERROR',
      elementId: 'WaitForPayment',
    });
    await engine.zeebe.cancelProcessInstance(key);
  });

  it('subscriptions and buffered messages survive a crash (SIGKILL and restart)', async () => {
    const waiting = orderId();
    const later = orderId();
    const key = await startInstance(engine.zeebe, 'msg-catch', { orderId: waiting });
    await subscribed(key);
    await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey: later,
      timeToLive: HOUR,
      variables: { amount: 9 },
    });
    await engine.restart('SIGKILL');
    await engine.zeebe.publishMessage({
      name: 'paid',
      correlationKey: waiting,
      variables: { amount: 8 },
    });
    await completed(key, 'msg-catch');
    expect(await variable(key, 'paidAmount')).toBe(8);
    const next = await startInstance(engine.zeebe, 'msg-catch', { orderId: later });
    await completed(next, 'msg-catch');
    expect(await variable(next, 'paidAmount')).toBe(9);
  });

  async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
});
