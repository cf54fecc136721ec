import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { deploy } from './elements-helpers';
import { get, post } from './rest-helpers';

/**
 * Camunda 8.8, "Message events" › message start events: a message is not correlated while an
 * instance of the process, triggered by a message with the same correlation key, is active;
 * once that instance is completed or terminated the key starts instances again. What the
 * engine remembers for that rule must therefore end with the instance: it must not grow with
 * every correlation key ever seen.
 */
describe('message start events: the correlation-key index holds active instances only', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(engine.zeebe, 'msg-start.bpmn', 'msg-start-straight.bpmn');
  });

  async function indexSizes() {
    const stats = await get<{ state: Record<string, number> }>(`${engine.restUrl}/engine/v1/stats`);
    expect(stats.status).toBe(200);
    return {
      byCorrelationKey: stats.body.state.messageStartsByCorrelationKey,
      byInstance: stats.body.state.messageStartedInstances,
      elementInstances: stats.body.state.elementInstances,
    };
  }

  async function startedFor(correlationKey: string): Promise<string[]> {
    const correlated = await records.query({
      valueType: 'MESSAGE_START_EVENT_SUBSCRIPTION',
      intent: 'CORRELATED',
    });
    return correlated
      .filter((r) => r.value.correlationKey === correlationKey)
      .map((r) => r.value.processInstanceKey as string);
  }

  const ended = (processInstanceKey: string, intent: string, elementId: string) =>
    records.waitFor({ processInstanceKey, valueType: 'PROCESS_INSTANCE', intent, elementId });

  it('only while an instance triggered by a message with the same correlation key is active is the message not correlated (Camunda 8.8 message start events): after the instance ends the index is empty and the same key starts a new instance', async () => {
    const key = `order-${Date.now().toString(36)}`;
    await engine.zeebe.publishMessage({
      name: 'order-placed',
      correlationKey: key,
      variables: { orderId: key },
    });
    await records.waitFor({ valueType: 'MESSAGE_START_EVENT_SUBSCRIPTION', intent: 'CORRELATED' });
    const [first] = await startedFor(key);
    expect(await indexSizes()).toMatchObject({ byCorrelationKey: 1, byInstance: 1 });

    // Active: the same key is not correlated (no time to live, so the message is dropped).
    await engine.zeebe.publishMessage({ name: 'order-placed', correlationKey: key, timeToLive: 0 });
    expect(await startedFor(key)).toEqual([first]);

    // Completed: the index forgets the key, and the key starts a new instance.
    await engine.zeebe.publishMessage({ name: 'order-done', correlationKey: key, timeToLive: 0 });
    await ended(first!, 'ELEMENT_COMPLETED', 'msg-start');
    expect(await indexSizes()).toEqual({ byCorrelationKey: 0, byInstance: 0, elementInstances: 0 });
    await engine.zeebe.publishMessage({
      name: 'order-placed',
      correlationKey: key,
      variables: { orderId: key },
    });
    const started = await startedFor(key);
    expect(started).toHaveLength(2);
    const second = started[1]!;
    expect(second).not.toBe(first);
    expect(await indexSizes()).toMatchObject({ byCorrelationKey: 1, byInstance: 1 });

    // Terminated (canceled over REST): forgotten as well.
    const canceled = await post(`${engine.restUrl}/v2/process-instances/${second}/cancellation`);
    expect(canceled.status).toBe(204);
    await ended(second, 'ELEMENT_TERMINATED', 'msg-start');
    expect(await indexSizes()).toEqual({ byCorrelationKey: 0, byInstance: 0, elementInstances: 0 });
  });

  it('instances started by messages with many distinct correlation keys leave nothing behind once they have ended', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `ping-${i}-${Date.now().toString(36)}`);
    for (const correlationKey of keys) {
      await engine.zeebe.publishMessage({ name: 'ping', correlationKey, timeToLive: 0 });
    }
    const completed = await records.waitFor(
      {
        valueType: 'PROCESS_INSTANCE',
        intent: 'ELEMENT_COMPLETED',
        elementId: 'msg-start-straight',
      },
      keys.length,
    );
    expect(completed).toHaveLength(keys.length);
    expect(await indexSizes()).toEqual({ byCorrelationKey: 0, byInstance: 0, elementInstances: 0 });
    // Each key starts again: nothing of the ended instance holds it back.
    await engine.zeebe.publishMessage({ name: 'ping', correlationKey: keys[0]!, timeToLive: 0 });
    const again = (await startedFor(keys[0]!)).length;
    expect(again).toBe(2);
  });
});
