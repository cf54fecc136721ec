import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activatableNow, activate, deploy, startInstance } from './elements-helpers';

const HOUR = 3_600_000;

/**
 * Event subprocesses (Camunda docs, "Event subprocesses"): armed while their enclosing scope is
 * active; an interrupting one terminates the rest of the scope, a non-interrupting one runs
 * alongside; the scope completes once every path, the event subprocess's included, has ended.
 * Timers are driven by moving the engine clock.
 */
describe('event subprocesses', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);
  let now = Date.parse('2026-10-12T08:00:00Z');

  async function moveClockTo(epochMillis: number) {
    now = epochMillis;
    await engine.setClock(now);
  }

  beforeAll(async () => {
    await moveClockTo(now);
    await deploy(
      engine.zeebe,
      'esp-timer-interrupting.bpmn',
      'esp-timer-non-interrupting.bpmn',
      'esp-error.bpmn',
      'esp-error-end.bpmn',
      'esp-message.bpmn',
      'esp-signal.bpmn',
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

  it('an interrupting timer event subprocess terminates the other element instances of its scope, runs, and the scope completes after it', async () => {
    const key = await startInstance(engine.zeebe, 'esp-timer-interrupting', { wait: 'PT1H' });
    const [work] = await activate(engine.zeebe, 'esp-int-work');
    await moveClockTo(now + HOUR - 1_000);
    expect(await activatableNow(engine.zeebe, 'esp-int-timeout')).toEqual([]);
    await moveClockTo(now + 1_000);
    const timeout = await completeOne('esp-int-timeout');
    expect(timeout.processInstanceKey).toBe(key);
    expect(await records.intents(key, 'Work')).toContain('ELEMENT_TERMINATED');
    await expect(engine.zeebe.completeJob({ jobKey: work!.key, variables: {} })).rejects.toThrow(
      /NOT_FOUND/,
    );
    await processCompleted(key, 'esp-timer-interrupting');
    expect(await records.intents(key, 'OnTimeout')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    expect(await records.intents(key, 'end')).toEqual([]);
  });

  it('an event subprocess is disarmed when its scope ends: the timer is canceled', async () => {
    const key = await startInstance(engine.zeebe, 'esp-timer-interrupting', { wait: 'PT1H' });
    await completeOne('esp-int-work');
    await processCompleted(key, 'esp-timer-interrupting');
    await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CANCELED' });
    await moveClockTo(now + 2 * HOUR);
    expect(await activatableNow(engine.zeebe, 'esp-int-timeout')).toEqual([]);
  });

  it('a non-interrupting timer event subprocess runs alongside, repeats with its cycle, and leaves the rest of the scope running', async () => {
    const key = await startInstance(engine.zeebe, 'esp-timer-non-interrupting');
    const [work] = await activate(engine.zeebe, 'esp-nonint-work');
    await moveClockTo(now + HOUR);
    expect((await completeOne('esp-nonint-remind')).processInstanceKey).toBe(key);
    await moveClockTo(now + HOUR);
    expect((await completeOne('esp-nonint-remind')).processInstanceKey).toBe(key);
    await moveClockTo(now + HOUR);
    expect(await activatableNow(engine.zeebe, 'esp-nonint-remind')).toEqual([]);
    const reminders = await records.query({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
      elementId: 'Reminder',
    });
    expect(reminders).toHaveLength(2);
    // The work was not interrupted: it can still be completed, and then the scope completes.
    await engine.zeebe.completeJob({ jobKey: work!.key, variables: {} });
    await processCompleted(key, 'esp-timer-non-interrupting');
  });

  it('an error is caught by the error event subprocess of the scope before the boundary events of the scope’s activity', async () => {
    const key = await startInstance(engine.zeebe, 'esp-error');
    const [job] = await activate(engine.zeebe, 'esp-err-work');
    await engine.zeebe.throwError({
      jobKey: job!.key,
      errorCode: 'BROKEN',
      errorMessage: 'broken',
      variables: { reason: 'disk' },
    });
    const recover = await completeOne('esp-err-recover');
    expect(recover.processInstanceKey).toBe(key);
    expect(recover.variables).toMatchObject({ reason: 'disk' });
    // The sub-process completes after its event subprocess and takes its outgoing flow.
    await completeOne('esp-err-after');
    await processCompleted(key, 'esp-error');
    expect(await records.intents(key, 'AnyError')).toEqual([]);
    expect(await records.intents(key, 'Sub')).toContain('ELEMENT_COMPLETED');
  });

  it('an error the event subprocess does not match goes on to the boundary event', async () => {
    const key = await startInstance(engine.zeebe, 'esp-error');
    const [job] = await activate(engine.zeebe, 'esp-err-work');
    await engine.zeebe.throwError({ jobKey: job!.key, errorCode: 'OTHER', errorMessage: '' });
    expect((await completeOne('esp-err-fallback')).processInstanceKey).toBe(key);
    expect(await records.intents(key, 'OnBroken')).toEqual([]);
    expect(await records.intents(key, 'Sub')).toContain('ELEMENT_TERMINATED');
  });

  it('an error end event is caught by a catch-all error event subprocess of the process, which interrupts the parallel path (tokens in transit included)', async () => {
    const key = await startInstance(engine.zeebe, 'esp-error-end');
    await processCompleted(key, 'esp-error-end');
    // The parallel token still in transit to Work was dropped by the interruption.
    expect(await records.intents(key, 'Work')).not.toContain('ELEMENT_COMPLETED');
    expect(await records.intents(key, 'BrokenEnd')).toContain('ELEMENT_COMPLETED');
    expect(await activatableNow(engine.zeebe, 'esp-errend-work')).toEqual([]);
  });

  it('an interrupting message event subprocess of a sub-process is armed while the sub-process is active; its message variables are passed in', async () => {
    const key = await startInstance(engine.zeebe, 'esp-message', { orderId: 'esp-o-1' });
    const [work] = await activate(engine.zeebe, 'esp-msg-work');
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
      intent: 'CREATED',
    });
    await engine.zeebe.publishMessage({
      name: 'esp-cancel-order',
      correlationKey: 'esp-o-1',
      variables: { cancelReason: 'customer' },
    });
    const cancel = await completeOne('esp-msg-cancel');
    expect(cancel.processInstanceKey).toBe(key);
    expect(cancel.variables).toMatchObject({ cancelReason: 'customer' });
    await expect(engine.zeebe.completeJob({ jobKey: work!.key, variables: {} })).rejects.toThrow(
      /NOT_FOUND/,
    );
    await completeOne('esp-msg-after');
    await processCompleted(key, 'esp-message');
  });

  it('a non-interrupting signal event subprocess runs on every broadcast while its scope is active', async () => {
    const key = await startInstance(engine.zeebe, 'esp-signal');
    const [work] = await activate(engine.zeebe, 'esp-sig-work');
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'SIGNAL_SUBSCRIPTION',
      intent: 'CREATED',
    });
    await engine.zeebe.broadcastSignal({ signalName: 'esp-ping', variables: {} });
    await engine.zeebe.broadcastSignal({ signalName: 'esp-ping', variables: {} });
    const pings = await activate(engine.zeebe, 'esp-sig-ping', 2);
    expect(pings.map((job) => job.processInstanceKey)).toEqual([key, key]);
    for (const job of pings) await engine.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await engine.zeebe.completeJob({ jobKey: work!.key, variables: {} });
    await processCompleted(key, 'esp-signal');
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'SIGNAL_SUBSCRIPTION',
      intent: 'DELETED',
    });
  });
});
