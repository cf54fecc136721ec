/**
 * Multi-instance activities as Camunda 8.8 documents them (docs.camunda.io → BPMN →
 * Multi-instance): input and output collections, loopCounter, sequential and parallel
 * execution, completion condition, and the incident for an input collection that is no array.
 */
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import {
  activate,
  activatableNow,
  deploy,
  startInstance,
  uniqueRun,
  type Job,
} from './elements-helpers';

const itemOf = (job: Job) => (job.variables as { item: unknown }).item;

describe('multi-instance', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(
      engine.zeebe,
      'mi-parallel.bpmn',
      'mi-sequential.bpmn',
      'mi-enough.bpmn',
      'mi-until-stop.bpmn',
      'mi-output-mapping.bpmn',
    );
  });

  it('a parallel multi-instance activity creates one inner instance per item at once, each with the item and a 1-based loopCounter as local variables', async () => {
    const run = uniqueRun();
    const items = ['a', 'b', 'c'];
    const processInstanceKey = await startInstance(engine.zeebe, 'mi-parallel', { run, items });
    const jobs = await activate(engine.zeebe, `mi-par-${run}`, 3);
    const byItem = Object.fromEntries(jobs.map((job) => [itemOf(job), job.variables]));
    for (const [index, item] of items.entries()) {
      // The output element variable `result` exists locally (null) so that a worker's `result`
      // stays in its instance; the output collection is a local variable of the body.
      expect(byItem[item]).toEqual({
        run,
        items,
        results: [null, null, null],
        item,
        loopCounter: index + 1,
        result: null,
      });
    }
    const [bodyKey] = await records.elementKeys(processInstanceKey, 'work');
    const body = await records.query({
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
      processInstanceKey,
      elementId: 'work',
    });
    expect(body.map((r) => r.value.bpmnElementType)).toEqual([
      'MULTI_INSTANCE_BODY',
      'SERVICE_TASK',
      'SERVICE_TASK',
      'SERVICE_TASK',
    ]);
    expect(body.slice(1).every((r) => r.value.flowScopeKey === bodyKey)).toBe(true);
  });

  it('the output collection holds the output element of each inner instance in input order, and the inner instances’ variables stay local', async () => {
    const run = uniqueRun();
    const items = ['a', 'b', 'c'];
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'mi-parallel',
      variables: { run, items },
      requestTimeout: 20_000,
    });
    const jobs = await activate(engine.zeebe, `mi-par-${run}`, 3);
    // Completed in reverse order: the collection still follows the input order.
    for (const job of [...jobs].reverse()) {
      const item = itemOf(job) as string;
      await engine.zeebe.completeJob({
        jobKey: job.key,
        variables: { result: item.toUpperCase() },
      });
    }
    expect((await completion).variables).toEqual({ run, items, results: ['A', 'B', 'C'] });
  });

  it('a sequential multi-instance activity runs one inner instance at a time, in collection order', async () => {
    const run = uniqueRun();
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'mi-sequential',
      variables: { run, items: ['x', 'y'] },
      requestTimeout: 20_000,
    });
    const [first] = await activate(engine.zeebe, `mi-seq-${run}`);
    expect(first!.variables).toMatchObject({ item: 'x', loopCounter: 1 });
    expect(await activatableNow(engine.zeebe, `mi-seq-${run}`)).toEqual([]);

    await engine.zeebe.completeJob({ jobKey: first!.key, variables: { result: 1 } });
    const [second] = await activate(engine.zeebe, `mi-seq-${run}`);
    expect(second!.variables).toMatchObject({ item: 'y', loopCounter: 2, results: [1, null] });

    await engine.zeebe.completeJob({ jobKey: second!.key, variables: { result: 2 } });
    expect((await completion).variables).toEqual({ run, items: ['x', 'y'], results: [1, 2] });
  });

  it('an empty input collection completes the multi-instance activity at once with an empty output collection', async () => {
    const run = uniqueRun();
    const result = await engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'mi-parallel',
      variables: { run, items: [] },
    });
    expect(result.variables).toEqual({ run, items: [], results: [] });
    expect(
      await records.query({
        valueType: 'JOB',
        intent: 'CREATED',
        processInstanceKey: result.processInstanceKey,
      }),
    ).toEqual([]);
  });

  it('a fulfilled completion condition completes the body and terminates the remaining inner instances', async () => {
    const run = uniqueRun();
    const items = [1, 2, 3, 4];
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'mi-enough',
      variables: { run, items },
      requestTimeout: 20_000,
    });
    const jobs = await activate(engine.zeebe, `mi-enough-${run}`, 4);
    const job = (item: number) => jobs.find((j) => itemOf(j) === item)!;
    await engine.zeebe.completeJob({ jobKey: job(3).key, variables: { result: 'three' } });
    await engine.zeebe.completeJob({ jobKey: job(1).key, variables: { result: 'one' } });

    const result = await completion;
    expect(result.variables).toEqual({ run, items, results: ['one', null, 'three', null] });
    const terminated = await records.query({
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_TERMINATED',
      processInstanceKey: result.processInstanceKey,
      elementId: 'work',
    });
    expect(terminated.map((r) => r.value.bpmnElementType)).toEqual([
      'SERVICE_TASK',
      'SERVICE_TASK',
    ]);
    expect(await records.intents(result.processInstanceKey, 'end')).toContain('ELEMENT_COMPLETED');
    await expect(engine.zeebe.completeJob({ jobKey: job(2).key, variables: {} })).rejects.toThrow(
      /NOT_FOUND/,
    );
  });

  it('the completion condition is evaluated in the completed inner instance, which sees its own output element', async () => {
    const run = uniqueRun();
    const items = [1, 2, 3];
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'mi-until-stop',
      variables: { run, items },
      requestTimeout: 20_000,
    });
    const [first] = await activate(engine.zeebe, `mi-stop-${run}`);
    await engine.zeebe.completeJob({ jobKey: first!.key, variables: { result: 'go' } });
    const [second] = await activate(engine.zeebe, `mi-stop-${run}`);
    await engine.zeebe.completeJob({ jobKey: second!.key, variables: { result: 'stop' } });

    const result = await completion;
    expect(result.variables).toEqual({ run, items, results: ['go', 'stop', null] });
    const inner = await records.query({
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
      processInstanceKey: result.processInstanceKey,
      elementId: 'work',
    });
    expect(inner.map((r) => r.value.bpmnElementType)).toEqual([
      'MULTI_INSTANCE_BODY',
      'SERVICE_TASK',
      'SERVICE_TASK',
    ]);
  });

  it('output mappings of the inner activity write to the inner instance, where the output element reads them', async () => {
    const run = uniqueRun();
    const items = ['p', 'q'];
    const completion = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'mi-output-mapping',
      variables: { run, items },
      requestTimeout: 20_000,
    });
    const jobs = await activate(engine.zeebe, `mi-map-${run}`, 2);
    for (const job of jobs) {
      await engine.zeebe.completeJob({
        jobKey: job.key,
        variables: { response: { value: `${itemOf(job) as string}!` } },
      });
    }
    expect((await completion).variables).toEqual({ run, items, results: ['p!', 'q!'] });
  });

  it('an input collection that is not an array raises an EXTRACT_VALUE_ERROR incident on the multi-instance body; correcting it and resolving continues', async () => {
    const run = uniqueRun();
    const processInstanceKey = await startInstance(engine.zeebe, 'mi-parallel', {
      run,
      items: 'not a list',
    });
    const incident = await records.incident(processInstanceKey);
    expect(incident).toMatchObject({
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: "Expected result of the expression 'items' to be 'ARRAY', but was 'STRING'.",
      elementId: 'work',
    });
    const [activating] = await records.query({
      valueType: 'PROCESS_INSTANCE',
      processInstanceKey,
      elementId: 'work',
    });
    expect(activating!.key).toBe(incident.elementInstanceKey);
    expect(activating!.value.bpmnElementType).toBe('MULTI_INSTANCE_BODY');

    await engine.zeebe.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { items: ['only'] },
      local: false,
    });
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    const [job] = await activate(engine.zeebe, `mi-par-${run}`);
    expect(job!.variables).toMatchObject({ item: 'only', loopCounter: 1 });
  });
});
