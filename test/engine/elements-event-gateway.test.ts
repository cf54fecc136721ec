import { useEngine } from '../support/engine';
import { useEngineRecords, type RecordFilter } from '../support/engine-records';
import { deploy, startInstance } from './elements-helpers';

const HOUR = 3_600_000;

/**
 * Event-based gateway (Camunda docs, "Event-based gateway"): it waits for the first of the
 * events after it; that event's flow is taken and the other events are closed.
 */
describe('event-based gateway', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);
  let now = Date.parse('2026-10-14T08:00:00Z');
  let runs = 0;
  const orderId = () => `gw-${(runs += 1)}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    await engine.setClock(now);
    await deploy(engine.zeebe, 'event-gateway.bpmn');
  });

  const events = (filter: RecordFilter, count = 1) => records.waitFor(filter, count);
  const completed = (processInstanceKey: string, elementId: string) =>
    events({
      processInstanceKey,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId,
    });
  const completedIds = async (processInstanceKey: string) =>
    (
      await records.query({
        processInstanceKey,
        valueType: 'PROCESS_INSTANCE',
        intent: 'ELEMENT_COMPLETED',
      })
    ).map((r) => r.value.elementId);

  /** Starts an instance and waits until the gateway holds its three subscriptions. */
  async function waiting(id: string) {
    const key = await startInstance(engine.zeebe, 'event-gateway', { orderId: id });
    await events({ processInstanceKey: key, valueType: 'TIMER', intent: 'CREATED' });
    await events({
      processInstanceKey: key,
      valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
      intent: 'CREATED',
    });
    await events({ processInstanceKey: key, valueType: 'SIGNAL_SUBSCRIPTION', intent: 'CREATED' });
    return key;
  }

  it('the message that arrives first wins: its event completes with the message variables, the timer and signal subscription are closed', async () => {
    const id = orderId();
    const key = await waiting(id);
    await engine.zeebe.publishMessage({
      name: 'gw-paid',
      correlationKey: id,
      variables: { amount: 12 },
    });
    await completed(key, 'event-gateway');
    const done = await completedIds(key);
    expect(done).toEqual(expect.arrayContaining(['Race', 'PaymentReceived', 'endPaid']));
    expect(done).not.toContain('PaymentTimeout');
    await events({ processInstanceKey: key, valueType: 'TIMER', intent: 'CANCELED' });
    await events({ processInstanceKey: key, valueType: 'SIGNAL_SUBSCRIPTION', intent: 'DELETED' });
    const variables = await records.query({ processInstanceKey: key, valueType: 'VARIABLE' });
    expect(variables.find((r) => r.value.name === 'paidAmount')?.value.value).toBe('12');
  });

  it('the timer wins when it is due first; a later message finds no subscription', async () => {
    const id = orderId();
    const key = await waiting(id);
    now += HOUR + 1;
    await engine.setClock(now);
    await completed(key, 'endTimeout');
    await completed(key, 'event-gateway');
    await events({
      processInstanceKey: key,
      valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
      intent: 'DELETED',
    });
    const response = await fetch(`${engine.restUrl}/v2/messages/correlation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'gw-paid', correlationKey: id }),
    });
    expect(response.status).toBe(404);
  });

  it('a signal wins the same way', async () => {
    const key = await waiting(orderId());
    await engine.zeebe.broadcastSignal({ signalName: 'gw-abort', variables: {} });
    await completed(key, 'endAborted');
    await completed(key, 'event-gateway');
  });

  it('a buffered message wins as soon as the gateway is entered', async () => {
    const id = orderId();
    await engine.zeebe.publishMessage({
      name: 'gw-paid',
      correlationKey: id,
      timeToLive: HOUR,
      variables: { amount: 3 },
    });
    const key = await startInstance(engine.zeebe, 'event-gateway', { orderId: id });
    await completed(key, 'endPaid');
    await completed(key, 'event-gateway');
  });

  it('a gateway whose flows do not all lead to timer, message or signal catch events is rejected at deployment', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
  <bpmn:process id="bad-gateway" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="G" />
    <bpmn:eventBasedGateway id="G" />
    <bpmn:sequenceFlow id="b" sourceRef="G" targetRef="T" />
    <bpmn:task id="T" />
  </bpmn:process>
</bpmn:definitions>`;
    await expect(
      engine.zeebe.deployResource({ process: Buffer.from(xml), name: 'bad-gateway.bpmn' }),
    ).rejects.toThrow(/INVALID_ARGUMENT[\s\S]*'G'/);
  });
});
