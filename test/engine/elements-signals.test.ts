import { useEngine } from '../support/engine';
import { useEngineRecords, type RecordFilter } from '../support/engine-records';
import { activate, deploy, startInstance } from './elements-helpers';

/**
 * Signal events (Camunda docs, "Signal events"): a broadcast reaches every subscription open
 * at that moment (nothing is buffered), through the SDK (gRPC), REST and signal throw events.
 */
describe('signal events', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(
      engine.zeebe,
      'signal-catch.bpmn',
      'sig-boundary.bpmn',
      'sig-start.bpmn',
      'sig-throw.bpmn',
    );
  });

  const events = (filter: RecordFilter, count = 1) => records.waitFor(filter, count);
  const completed = (processInstanceKey: string, elementId: string) =>
    events({
      processInstanceKey,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId,
    });
  const subscribed = (processInstanceKey: string, count = 1) =>
    events({ processInstanceKey, valueType: 'SIGNAL_SUBSCRIPTION', intent: 'CREATED' }, count);

  async function variable(processInstanceKey: string, name: string): Promise<unknown> {
    const rows = await records.query({ processInstanceKey, valueType: 'VARIABLE' });
    const last = rows.filter((r) => r.value.name === name).pop();
    return last ? JSON.parse(last.value.value as string) : undefined;
  }

  async function broadcastOverRest(body: unknown) {
    const response = await fetch(`${engine.restUrl}/v2/signals/broadcast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('a broadcast signal completes every waiting signal catch event, with its variables', async () => {
    const first = await startInstance(engine.zeebe, 'waits-for-a-signal');
    const second = await startInstance(engine.zeebe, 'waits-for-a-signal');
    await subscribed(first);
    await subscribed(second);
    const sent = await engine.zeebe.broadcastSignal({
      signalName: 'storm-warning',
      variables: { level: 3 },
    });
    expect(sent.key).toMatch(/^\d+$/);
    await completed(first, 'waits-for-a-signal');
    await completed(second, 'waits-for-a-signal');
    expect(await variable(first, 'level')).toBe(3);
  });

  it('a signal is not buffered: a catch event activated after the broadcast keeps waiting', async () => {
    await engine.zeebe.broadcastSignal({ signalName: 'storm-warning', variables: {} });
    const key = await startInstance(engine.zeebe, 'waits-for-a-signal');
    await subscribed(key);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      await records.query({
        processInstanceKey: key,
        valueType: 'PROCESS_INSTANCE',
        intent: 'ELEMENT_COMPLETED',
        elementId: 'Wait_for_signal',
      }),
    ).toEqual([]);
    await engine.zeebe.cancelProcessInstance(key);
  });

  it('POST /v2/signals/broadcast answers the signal key; a non-interrupting boundary event starts its path and the activity goes on; an interrupting one terminates it', async () => {
    const key = await startInstance(engine.zeebe, 'sig-boundary');
    await subscribed(key, 2);
    const pinged = await broadcastOverRest({ signalName: 'ping' });
    expect(pinged.status).toBe(200);
    expect(pinged.body).toEqual({
      signalKey: expect.stringMatching(/^\d+$/),
      tenantId: '<default>',
    });
    await completed(key, 'endPinged');
    expect((await activate(engine.zeebe, 'sig-work')).map((j) => j.processInstanceKey)).toContain(
      key,
    );
    await broadcastOverRest({ signalName: 'stop-all' });
    await completed(key, 'endStopped');
    await events({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_TERMINATED',
      elementId: 'Work',
    });
    await completed(key, 'sig-boundary');
  });

  it('a signal start event starts an instance of the latest version with the signal variables', async () => {
    await engine.zeebe.broadcastSignal({ signalName: 'launch', variables: { batch: 'b-1' } });
    const [started] = await events({
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: 'launched',
    });
    const key = started!.processInstanceKey;
    await completed(key, 'sig-start');
    expect(await variable(key, 'batch')).toBe('b-1');
  });

  it('an intermediate signal throw event (FEEL name) and a signal end event broadcast with the input-mapped variables', async () => {
    const waiting = await startInstance(engine.zeebe, 'waits-for-a-signal');
    await subscribed(waiting);
    const before = (
      await records.query({
        valueType: 'PROCESS_INSTANCE',
        intent: 'ELEMENT_COMPLETED',
        elementId: 'sig-start',
      })
    ).length;
    const key = await startInstance(engine.zeebe, 'sig-throw', { kind: 'warning', level: 5 });
    await completed(key, 'sig-throw');
    await completed(waiting, 'waits-for-a-signal');
    expect(await variable(waiting, 'severity')).toBe(5);
    await events(
      { valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_COMPLETED', elementId: 'sig-start' },
      before + 1,
    );
  });

  it('signal subscriptions survive a crash (SIGKILL and restart)', async () => {
    const key = await startInstance(engine.zeebe, 'waits-for-a-signal');
    await subscribed(key);
    await engine.restart('SIGKILL');
    await engine.zeebe.broadcastSignal({ signalName: 'storm-warning', variables: {} });
    await completed(key, 'waits-for-a-signal');
  });
});
