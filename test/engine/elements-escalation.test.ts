import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activatableNow, activate, deploy, startInstance } from './elements-helpers';

/**
 * Escalation events (Camunda docs, "Escalation events"): an intermediate throw or end event
 * throws its code (FEEL allowed) to the nearest escalation catch event — an event subprocess
 * of an enclosing scope, or a boundary event of an enclosing activity, a matching code before a
 * catch-all. An interrupting catch event terminates its scope; with a non-interrupting one, or
 * none at all, the throwing path goes on: an uncaught escalation is not an incident.
 */
describe('escalation events', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(
      engine.zeebe,
      'esc-boundary.bpmn',
      'esc-non-interrupting.bpmn',
      'esc-event-subprocess.bpmn',
      'esc-uncaught-end.bpmn',
      'escalation-throw.bpmn',
    );
  });

  async function completeOne(type: string) {
    const [job] = await activate(engine.zeebe, type);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
    return job!;
  }

  async function processCompleted(key: string, bpmnProcessId: string) {
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: bpmnProcessId,
    });
  }

  it('an interrupting escalation boundary event with the thrown code catches it and terminates the activity', async () => {
    const key = await startInstance(engine.zeebe, 'esc-boundary');
    expect((await completeOne('esc-b-handle')).processInstanceKey).toBe(key);
    await processCompleted(key, 'esc-boundary');
    expect(await records.intents(key, 'Sub')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(key, 'Raise')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(key, 'Work')).toEqual([]);
    expect(await records.intents(key, 'OnOther')).toEqual([]);
    expect(await records.intents(key, 'OnLate')).toContain('ELEMENT_COMPLETED');
  });

  it('a non-interrupting catch-all escalation boundary event starts its path alongside; the throw event takes its flow (FEEL code)', async () => {
    const key = await startInstance(engine.zeebe, 'esc-non-interrupting', { code: 'ANY-CODE' });
    expect((await completeOne('esc-n-notify')).processInstanceKey).toBe(key);
    expect((await completeOne('esc-n-work')).processInstanceKey).toBe(key);
    await processCompleted(key, 'esc-non-interrupting');
    expect(await records.intents(key, 'Raise')).toContain('ELEMENT_COMPLETED');
    expect(await records.intents(key, 'Sub')).toContain('ELEMENT_COMPLETED');
  });

  it('a non-interrupting escalation event subprocess catches an escalation end event; the rest of the scope goes on', async () => {
    const key = await startInstance(engine.zeebe, 'esc-event-subprocess', { stop: false });
    expect((await completeOne('esc-e-notify')).processInstanceKey).toBe(key);
    expect(await records.intents(key, 'NotifyEnd')).toContain('ELEMENT_COMPLETED');
    expect((await completeOne('esc-e-work')).processInstanceKey).toBe(key);
    await processCompleted(key, 'esc-event-subprocess');
  });

  it('an interrupting escalation event subprocess terminates the other element instances of its scope', async () => {
    const key = await startInstance(engine.zeebe, 'esc-event-subprocess', { stop: true });
    await processCompleted(key, 'esc-event-subprocess');
    expect(await records.intents(key, 'Work')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(key, 'StopDone')).toContain('ELEMENT_COMPLETED');
    expect(await activatableNow(engine.zeebe, 'esc-e-work')).toEqual([]);
  });

  it('an uncaught escalation is not an incident: the throw event continues and the end event completes', async () => {
    const thrown = await startInstance(engine.zeebe, 'throws-an-escalation');
    await processCompleted(thrown, 'throws-an-escalation');
    expect(await records.intents(thrown, 'end')).toContain('ELEMENT_COMPLETED');
    const ended = await startInstance(engine.zeebe, 'esc-uncaught-end');
    await processCompleted(ended, 'esc-uncaught-end');
    expect(await records.intents(ended, 'Lost')).toContain('ELEMENT_COMPLETED');
    const incidents = await records.query({ valueType: 'INCIDENT', processInstanceKey: ended });
    expect(incidents).toEqual([]);
  });
});
