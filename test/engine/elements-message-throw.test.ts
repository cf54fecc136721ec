import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { asApi, Code, grpcError, useZeebeNode } from './clients-support';
import { activate, activatableNow, deploy, startInstance, uniqueRun } from './elements-helpers';
import { processXml } from './fixtures';

/**
 * Message intermediate throw events and message end events as Camunda 8.8 documents them
 * ("Message events" → message throw events): they behave exactly like service tasks, with the
 * same job properties (type, retries, custom headers, variable mappings). Entering one creates a
 * job and waits for its completion; then the flow continues, or ends there for an end event.
 * The engine publishes no message itself: a job worker does. Driven through the official
 * clients over the engine's gRPC port.
 */
describe('message throw events', () => {
  const zeebeNode = useZeebeNode(() => engine.port);
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await deploy(
      engine.zeebe,
      'msg-throw.bpmn',
      'msg-end.bpmn',
      'msg-throw-errors.bpmn',
      'msg-end-esp.bpmn',
    );
  });

  const reached = (processInstanceKey: string, elementId: string, intent: string) =>
    records.waitFor({ processInstanceKey, valueType: 'PROCESS_INSTANCE', intent, elementId });

  it('entering an intermediate message throw event creates a job with its type, retries, custom headers and input-mapped variables, and publishes no message', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'msg-throw', { run, orderId: 'o-1' });
    const [job] = await activate(engine.zeebe, `notify-${run}`);
    expect(job).toMatchObject({
      type: `notify-${run}`,
      retries: 2,
      elementId: 'notify',
      bpmnProcessId: 'msg-throw',
      processInstanceKey: key,
      customHeaders: { topic: 'orders' },
    });
    expect(job!.variables).toMatchObject({ orderId: 'o-1', messageKey: 'o-1' });
    const [activated] = await reached(key, 'notify', 'ELEMENT_ACTIVATED');
    expect(activated!.value).toMatchObject({
      bpmnElementType: 'INTERMEDIATE_THROW_EVENT',
      bpmnEventType: 'MESSAGE',
    });
    expect(job!.elementInstanceKey).toBe(activated!.key);
    // The event waits for its job; the engine itself publishes nothing.
    expect(await records.intents(key, 'notify')).not.toContain('ELEMENT_COMPLETING');
    const messages = await records.query({ valueType: 'MESSAGE' });
    expect(messages.filter((m) => m.value.name === 'order-shipped')).toEqual([]);
  });

  it('completing the job completes the throw event through its output mappings, and the flow continues', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'msg-throw', { run, orderId: 'o-2' });
    const [job] = await activate(engine.zeebe, `notify-${run}`);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: { receipt: 'r-7' } });
    await reached(key, 'notify', 'ELEMENT_COMPLETED');
    const [after] = await activate(engine.zeebe, `after-${run}`);
    // With output mappings only the mapped result reaches the process; input mappings stay local.
    expect(after!.variables).toMatchObject({ notifyReceipt: 'r-7' });
    expect(after!.variables).not.toHaveProperty('receipt');
    expect(after!.variables).not.toHaveProperty('messageKey');
    await engine.zeebe.completeJob({ jobKey: after!.key, variables: {} });
    await reached(key, 'msg-throw', 'ELEMENT_COMPLETED');
  });

  it('a job failed with no retries left raises an incident on the throw event; more retries and resolving it hand the job out again', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'msg-throw', { run, orderId: 'o-3' });
    const [job] = await activate(engine.zeebe, `notify-${run}`);
    await engine.zeebe.failJob({
      jobKey: job!.key,
      retries: 0,
      errorMessage: 'broker down',
      retryBackOff: 0,
    });
    const incident = await records.incident(key);
    expect(incident).toMatchObject({
      errorType: 'JOB_NO_RETRIES',
      errorMessage: 'broker down',
      elementId: 'notify',
      jobKey: job!.key,
    });
    expect(await activatableNow(engine.zeebe, `notify-${run}`)).toEqual([]);
    await engine.zeebe.updateJobRetries({ jobKey: job!.key, retries: 1 });
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    const [again] = await activate(engine.zeebe, `notify-${run}`);
    expect(again).toMatchObject({ key: job!.key, retries: 1, elementId: 'notify' });
    await engine.zeebe.completeJob({ jobKey: again!.key, variables: { receipt: 'r-8' } });
    await activate(engine.zeebe, `after-${run}`);
  });

  it('a BPMN error thrown from the job is caught by the error boundary event of the enclosing sub-process', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'msg-throw-errors', { run });
    const [job] = await activate(engine.zeebe, `send-${run}`);
    await engine.zeebe.throwError({
      jobKey: job!.key,
      errorCode: 'PUBLISH_FAILED',
      errorMessage: 'no route',
    });
    await reached(key, 'recovered', 'ELEMENT_COMPLETED');
    await reached(key, 'msg-throw-errors', 'ELEMENT_COMPLETED');
    expect(await records.intents(key, 'send')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(key, 'publish')).toContain('ELEMENT_TERMINATED');
    expect(await records.intents(key, 'sent')).toEqual([]);
  });

  it('a BPMN error thrown from the job of a message end event is caught by an error event sub-process', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'msg-end-esp', { run });
    const [job] = await activate(engine.zeebe, `publish-end-${run}`);
    await engine.zeebe.throwError({ jobKey: job!.key, errorCode: 'PUBLISH_FAILED' });
    await reached(key, 'handled', 'ELEMENT_COMPLETED');
    await reached(key, 'msg-end-esp', 'ELEMENT_COMPLETED');
    const intents = await records.intents(key, 'publishEnd');
    expect(intents).toContain('ELEMENT_TERMINATED');
    expect(intents).not.toContain('ELEMENT_COMPLETED');
  });

  it('a message end event completes when its job completes and ends its sub-process; the process ends at a message end event', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'msg-end', { run });
    const [inner] = await activate(engine.zeebe, `inner-publish-${run}`);
    const [activated] = await reached(key, 'innerPublish', 'ELEMENT_ACTIVATED');
    expect(activated!.value).toMatchObject({
      bpmnElementType: 'END_EVENT',
      bpmnEventType: 'MESSAGE',
    });
    // The sub-process waits for the end event's job.
    expect(await records.intents(key, 'inner')).not.toContain('ELEMENT_COMPLETING');
    await engine.zeebe.completeJob({ jobKey: inner!.key, variables: { published: true } });
    await reached(key, 'inner', 'ELEMENT_COMPLETED');
    const [done] = await activate(engine.zeebe, `done-publish-${run}`);
    // Without output mappings the job's variables are merged up to the process.
    expect(done!.variables).toMatchObject({ published: true });
    expect(await records.intents(key, 'msg-end')).not.toContain('ELEMENT_COMPLETING');
    await engine.zeebe.completeJob({ jobKey: done!.key, variables: {} });
    await reached(key, 'done', 'ELEMENT_COMPLETED');
    await reached(key, 'msg-end', 'ELEMENT_COMPLETED');
  });

  it('canceling the instance cancels the job of a waiting message throw event; a late completion is NOT_FOUND', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'msg-throw', { run, orderId: 'o-4' });
    const [job] = await activate(engine.zeebe, `notify-${run}`);
    await engine.zeebe.cancelProcessInstance(key);
    const [canceled] = await records.waitFor({
      valueType: 'JOB',
      intent: 'CANCELED',
      processInstanceKey: key,
    });
    expect(canceled!.key).toBe(job!.key);
    expect(await records.intents(key, 'notify')).toContain('ELEMENT_TERMINATED');
    const late = await grpcError(engine.zeebe.completeJob({ jobKey: job!.key, variables: {} }));
    expect(late.code).toBe(Code.NOT_FOUND);
  });

  it('start and end execution listeners of a message end event run before and after its job', async () => {
    const run = uniqueRun();
    const body = `<bpmn:startEvent id="start" />
      <bpmn:endEvent id="publish">
        <bpmn:extensionElements>
          <zeebe:taskDefinition type="publish-${run}" />
          <zeebe:executionListeners>
            <zeebe:executionListener eventType="start" type="before-${run}" />
            <zeebe:executionListener eventType="end" type="after-${run}" />
          </zeebe:executionListeners>
        </bpmn:extensionElements>
        <bpmn:messageEventDefinition id="publishDefinition" />
      </bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="publish" />`;
    const processId = `msg-end-listeners-${run}`;
    await asApi(engine.zeebe).deployResource({
      process: Buffer.from(processXml(processId, body)),
      name: `${processId}.bpmn`,
    });
    const key = await startInstance(engine.zeebe, processId);
    const [before] = await activate(engine.zeebe, `before-${run}`);
    expect(await activatableNow(engine.zeebe, `publish-${run}`)).toEqual([]);
    await engine.zeebe.completeJob({ jobKey: before!.key, variables: {} });
    const [job] = await activate(engine.zeebe, `publish-${run}`);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
    const [after] = await activate(engine.zeebe, `after-${run}`);
    expect(await records.intents(key, 'publish')).not.toContain('ELEMENT_COMPLETED');
    await engine.zeebe.completeJob({ jobKey: after!.key, variables: {} });
    await reached(key, 'publish', 'ELEMENT_COMPLETED');
    await reached(key, processId, 'ELEMENT_COMPLETED');
  });

  /** A job worker of either official client, reduced to what the test needs. */
  interface WorkerJob {
    elementId: string;
    complete(variables?: Record<string, unknown>): Promise<unknown>;
  }
  type StartWorker = (
    taskType: string,
    handle: (job: WorkerJob) => Promise<unknown>,
  ) => { close(): Promise<unknown> };

  const workers: Array<[string, StartWorker]> = [
    [
      '@camunda8/sdk',
      (taskType, handle) =>
        engine.zeebe.createWorker({
          taskType,
          taskHandler: (job) => handle(job) as ReturnType<typeof job.complete>,
        }),
    ],
    [
      'zeebe-node',
      (taskType, handle) =>
        zeebeNode().createWorker({
          taskType,
          loglevel: 'NONE',
          taskHandler: (job) => handle(job) as ReturnType<typeof job.complete>,
        }),
    ],
  ];

  it.each(workers)(
    'a %s job worker handles the jobs of message end events like those of service tasks',
    async (_client, startWorker) => {
      const run = uniqueRun();
      const seen: string[] = [];
      const handle = (job: WorkerJob) => {
        seen.push(job.elementId);
        return job.complete({ [`${job.elementId}Done`]: true });
      };
      const started = [
        startWorker(`inner-publish-${run}`, handle),
        startWorker(`done-publish-${run}`, handle),
      ];
      try {
        const key = await startInstance(engine.zeebe, 'msg-end', { run });
        await records.waitFor(
          {
            processInstanceKey: key,
            valueType: 'PROCESS_INSTANCE',
            intent: 'ELEMENT_COMPLETED',
            elementId: 'msg-end',
          },
          1,
          10_000,
        );
        expect(seen).toEqual(['innerPublish', 'done']);
        expect(await records.variables(key)).toMatchObject({
          innerPublishDone: true,
          doneDone: true,
        });
      } finally {
        await Promise.all(started.map((worker) => worker.close()));
      }
    },
  );
});
