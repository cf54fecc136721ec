/**
 * Terminate end events and link events as Camunda 8.8 documents them (docs.camunda.io → BPMN →
 * Terminate events, Link events).
 */
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activate, activatableNow, deploy, uniqueRun } from './elements-helpers';

describe('terminate and link events', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(
      engine.zeebe,
      'terminate-end.bpmn',
      'terminate-end-subprocess.bpmn',
      'link-events.bpmn',
    );
  });

  it('a terminate end event terminates the other element instances of its scope, and the process instance completes', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'terminate-end',
      variables: { run },
      requestTimeout: 20_000,
    });
    const [waiting] = await activate(engine.zeebe, `terminate-wait-${run}`);
    const [deciding] = await activate(engine.zeebe, `terminate-decide-${run}`);
    await engine.zeebe.completeJob({ jobKey: deciding!.key, variables: { decided: true } });

    const result = await completion;
    const key = result.processInstanceKey;
    expect(result.variables).toEqual({ run, decided: true });
    expect(await records.intents(key, 'stopAll')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    expect(await records.intents(key, 'waiting')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_TERMINATING',
      'ELEMENT_TERMINATED',
    ]);
    const processIntents = await records.intents(key, 'terminate-end');
    expect(processIntents[processIntents.length - 1]).toBe('ELEMENT_COMPLETED');
    expect(processIntents).not.toContain('ELEMENT_TERMINATED');
    await expect(engine.zeebe.completeJob({ jobKey: waiting!.key, variables: {} })).rejects.toThrow(
      /NOT_FOUND/,
    );
  });

  it('a terminate end event inside a sub-process ends only the sub-process, which completes and takes its outgoing flow', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'terminate-end-subprocess',
      variables: { run },
      requestTimeout: 20_000,
    });
    const [outside] = await activate(engine.zeebe, `outside-${run}`);
    const [innerWaiting] = await activate(engine.zeebe, `inner-wait-${run}`);
    const [innerDeciding] = await activate(engine.zeebe, `inner-decide-${run}`);
    const key = outside!.processInstanceKey;

    await engine.zeebe.completeJob({ jobKey: innerDeciding!.key, variables: {} });
    expect(await records.intents(key, 'innerWaiting')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(key, 'inner')).toContain('ELEMENT_COMPLETED');
    expect(await records.intents(key, 'afterInner')).toContain('ELEMENT_COMPLETED');
    // The task outside the sub-process is untouched.
    expect(await records.intents(key, 'outside')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
    ]);
    await expect(
      engine.zeebe.completeJob({ jobKey: innerWaiting!.key, variables: {} }),
    ).rejects.toThrow(/NOT_FOUND/);

    await engine.zeebe.completeJob({ jobKey: outside!.key, variables: {} });
    expect((await completion).variables).toEqual({ run, innerCompleted: true });
  });

  it('a link throw event continues at the link catch event of the same name', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'link-events',
      variables: { run },
      requestTimeout: 20_000,
    });
    const [review] = await activate(engine.zeebe, `link-review-${run}`);
    const key = review!.processInstanceKey;
    expect(await records.intents(key, 'goToReview')).toContain('ELEMENT_COMPLETED');
    expect(await records.intents(key, 'atReview')).toContain('ELEMENT_COMPLETED');
    expect(await activatableNow(engine.zeebe, `link-review-${run}`)).toEqual([]);

    await engine.zeebe.completeJob({ jobKey: review!.key, variables: { reviewed: true } });
    expect((await completion).variables).toEqual({ run, reviewed: true });
    expect(await records.intents(key, 'atFinish')).toContain('ELEMENT_COMPLETED');
    expect(await records.intents(key, 'end')).toContain('ELEMENT_COMPLETED');
  });
});
