import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { compensationModel, type CompensationModel } from './compensation-models';
import { activatableNow, activate, startInstance } from './elements-helpers';
import { unique } from './clients-support';

/**
 * Compensation (Camunda 8.8 docs, "Compensation events"): an activity with a compensation
 * boundary event, once completed, can be compensated by its associated handler
 * (isForCompensation). A compensation throw or end event runs the handlers of the completed
 * activities of its scope — or only its activityRef's — and waits until they have completed.
 */
describe('compensation events', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  /** Deploys a fresh model (job types made unique) and returns its id and job types. */
  async function deployModel(tasks: string[], rest: Omit<CompensationModel, 'id' | 'tasks'>) {
    const id = unique('comp');
    const types = tasks.map((t) => `${id}-${t}`);
    const after = rest.after === 'end' ? 'end' : { throwThen: `${id}-${rest.after.throwThen}` };
    const alongside = rest.alongside && `${id}-${rest.alongside}`;
    const xml = compensationModel({
      ...rest,
      id,
      tasks: types,
      after,
      ...(alongside && { alongside }),
    });
    await engine.zeebe.deployResource({ process: Buffer.from(xml), name: `${id}.bpmn` });
    return { id, types, afterType: `${id}-after`, sideType: `${id}-side` };
  }

  async function completeOne(type: string) {
    const [job] = await activate(engine.zeebe, type);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
    return job!;
  }

  it('a compensation throw event runs the handler of a completed activity', async () => {
    const { id, types } = await deployModel(['book'], { after: { throwThen: 'after' } });
    const key = await startInstance(engine.zeebe, id);
    await completeOne(types[0]!);
    const [handlerJob] = await activate(engine.zeebe, `undo-${types[0]}`);
    expect(handlerJob!.processInstanceKey).toBe(key);
    expect(handlerJob!.elementId).toBe('Undo_0');
    const triggered = await records.waitFor({
      valueType: 'COMPENSATION_SUBSCRIPTION',
      intent: 'TRIGGERED',
      processInstanceKey: key,
    });
    expect(triggered[0]!.value).toMatchObject({
      compensableActivityId: 'Task_0',
      compensationHandlerId: 'Undo_0',
      throwEventId: 'Compensate',
    });
  });

  it('an activity that did not complete is not compensated', async () => {
    // Side runs on a parallel branch and is still active when the compensation is thrown.
    const { id, types, sideType } = await deployModel(['done'], {
      after: 'end',
      alongside: 'side',
    });
    const key = await startInstance(engine.zeebe, id);
    const [side] = await activate(engine.zeebe, sideType);
    await completeOne(types[0]!);
    await completeOne(`undo-${types[0]}`);
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: 'Compensate',
    });
    expect(await records.intents(key, 'Undo_side')).toEqual([]);
    await engine.zeebe.completeJob({ jobKey: side!.key, variables: {} });
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: id,
    });
    expect(await activatableNow(engine.zeebe, `undo-${sideType}`)).toEqual([]);
  });

  it('a compensation thrown after a completed embedded sub-process compensates the activities inside it', async () => {
    const { id, types, afterType } = await deployModel(['inner'], {
      after: { throwThen: 'after' },
      inSubProcess: true,
    });
    const key = await startInstance(engine.zeebe, id);
    await completeOne(types[0]!);
    const [undo] = await activate(engine.zeebe, `undo-${types[0]}`);
    expect(undo!.elementId).toBe('Undo_0');
    expect(await activatableNow(engine.zeebe, afterType)).toEqual([]);
    await engine.zeebe.completeJob({ jobKey: undo!.key, variables: {} });
    expect((await completeOne(afterType)).processInstanceKey).toBe(key);
  });

  it('the process instance ending drops what was not compensated', async () => {
    const { id, types } = await deployModel(['kept'], { after: 'end', alongside: 'side' });
    const key = await startInstance(engine.zeebe, id);
    await activate(engine.zeebe, `${id}-side`);
    await completeOne(types[0]!);
    await activate(engine.zeebe, `undo-${types[0]}`);
    await engine.zeebe.cancelProcessInstance(key);
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'COMPENSATION_SUBSCRIPTION',
      intent: 'DELETED',
    });
  });

  it('an activity completed more than once has its handler run as many times (multi-instance)', async () => {
    const { id, types, afterType } = await deployModel(['each'], {
      after: { throwThen: 'after' },
      multiInstance: true,
    });
    const key = await startInstance(engine.zeebe, id, { items: [1, 2] });
    const tasks = await activate(engine.zeebe, types[0]!, 2);
    for (const task of tasks) await engine.zeebe.completeJob({ jobKey: task.key, variables: {} });
    const undos = await activate(engine.zeebe, `undo-${types[0]}`, 2);
    expect(undos.map((job) => job.processInstanceKey)).toEqual([key, key]);
    for (const undo of undos) await engine.zeebe.completeJob({ jobKey: undo.key, variables: {} });
    expect((await completeOne(afterType)).processInstanceKey).toBe(key);
  });

  it('activityRef compensates only that activity', async () => {
    const { id, types } = await deployModel(['first', 'second'], {
      after: { throwThen: 'after' },
      activityRef: 0,
    });
    const key = await startInstance(engine.zeebe, id);
    await completeOne(types[0]!);
    await completeOne(types[1]!);
    await completeOne(`undo-${types[0]}`);
    await completeOne(`${id}-after`);
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: id,
    });
    expect(await records.intents(key, 'Undo_1')).toEqual([]);
    expect(await activatableNow(engine.zeebe, `undo-${types[1]}`)).toEqual([]);
  });

  it('the throw event continues after the handlers completed', async () => {
    const { id, types, afterType } = await deployModel(['one', 'two'], {
      after: { throwThen: 'after' },
    });
    const key = await startInstance(engine.zeebe, id);
    await completeOne(types[0]!);
    await completeOne(types[1]!);
    // Both handlers run at once (Zeebe starts them together) and the throw event waits.
    const undoTwo = await activate(engine.zeebe, `undo-${types[1]}`);
    const undoOne = await activate(engine.zeebe, `undo-${types[0]}`);
    expect(await records.intents(key, 'Compensate')).not.toContain('ELEMENT_COMPLETED');
    await engine.zeebe.completeJob({ jobKey: undoTwo[0]!.key, variables: {} });
    expect(await activatableNow(engine.zeebe, afterType)).toEqual([]);
    await engine.zeebe.completeJob({ jobKey: undoOne[0]!.key, variables: {} });
    expect((await completeOne(afterType)).processInstanceKey).toBe(key);
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: id,
    });
    expect(await records.intents(key, 'Compensate')).toContain('ELEMENT_COMPLETED');
  });

  it('a compensation end event compensates and ends the scope', async () => {
    const { id, types } = await deployModel(['pay'], { after: 'end' });
    const key = await startInstance(engine.zeebe, id);
    await completeOne(types[0]!);
    const [undo] = await activate(engine.zeebe, `undo-${types[0]}`);
    expect(await records.intents(key, id)).not.toContain('ELEMENT_COMPLETED');
    await engine.zeebe.completeJob({ jobKey: undo!.key, variables: {} });
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: id,
    });
    expect(await records.intents(key, 'Compensate')).toEqual(
      expect.arrayContaining(['ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED']),
    );
  });

  it('a compensation throw event with nothing to compensate continues at once', async () => {
    const { id, afterType } = await deployModel([], { after: { throwThen: 'after' } });
    const key = await startInstance(engine.zeebe, id);
    expect((await completeOne(afterType)).processInstanceKey).toBe(key);
  });

  it('a compensation handler with sequence flows is rejected at deployment', async () => {
    const xml = compensationModel({ id: unique('comp-bad'), tasks: ['x'], after: 'end' }).replace(
      '</bpmn:process>',
      '<bpmn:sequenceFlow id="bad" sourceRef="Undo_0" targetRef="Compensate" /></bpmn:process>',
    );
    await expect(
      engine.zeebe.deployResource({ process: Buffer.from(xml), name: 'comp-bad.bpmn' }),
    ).rejects.toThrow(/INVALID_ARGUMENT[\s\S]*'Undo_0'/);
  });

  it('a compensation boundary event without an associated handler is rejected at deployment', async () => {
    const xml = compensationModel({ id: unique('comp-bad'), tasks: ['x'], after: 'end' }).replace(
      /<bpmn:association [^>]*\/>/,
      '',
    );
    await expect(
      engine.zeebe.deployResource({ process: Buffer.from(xml), name: 'comp-bad2.bpmn' }),
    ).rejects.toThrow(/INVALID_ARGUMENT[\s\S]*'Comp_0'/);
  });
});
