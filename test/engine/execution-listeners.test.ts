import { useEngine } from '../support/engine';
import {
  asApi,
  eventually,
  grpcError,
  incidentOf,
  processIntents,
  readRecords,
  unique,
  useZeebeNode,
  type Job,
  type ZeebeApi,
} from './clients-support';
import { processXml } from './fixtures';
import { post } from './rest-helpers';

/**
 * Execution listeners as Camunda 8.8 documents them ("Execution listeners"): job-based start
 * listeners run in order after the input mappings and before the element's own work, end
 * listeners after its work and output mappings and before the flow goes on. Workers are the
 * official clients (`@camunda8/sdk`, `zeebe-node`) and the REST v2 job endpoints.
 */
describe('execution listeners', () => {
  const zeebeNode = useZeebeNode(() => engine.port);
  const engine = useEngine();
  const sdk = (): ZeebeApi => asApi(engine.zeebe);
  const node = (): ZeebeApi => asApi(zeebeNode());

  type Listener = { eventType: 'start' | 'end'; type: string; retries?: string };

  const listenersXml = (listeners: Listener[]) =>
    listeners.length === 0
      ? ''
      : `<zeebe:executionListeners>${listeners
          .map(
            (l) =>
              `<zeebe:executionListener eventType="${l.eventType}" type="${l.type}"${
                l.retries ? ` retries="${l.retries}"` : ''
              } />`,
          )
          .join('')}</zeebe:executionListeners>`;

  interface TaskSpec {
    id: string;
    type: string;
    listeners?: Listener[];
    io?: string;
  }

  /** start → the service tasks in order → end, in a process with its own listeners. */
  function chainXml(processId: string, tasks: TaskSpec[], processListeners: Listener[] = []) {
    const ids = ['start', ...tasks.map((t) => t.id), 'end'];
    const flow = (i: number) => `f${i}`;
    const links = (i: number) =>
      (i > 0 ? `<bpmn:incoming>${flow(i - 1)}</bpmn:incoming>` : '') +
      (i < ids.length - 1 ? `<bpmn:outgoing>${flow(i)}</bpmn:outgoing>` : '');
    const body = [
      processListeners.length > 0
        ? `<bpmn:extensionElements>${listenersXml(processListeners)}</bpmn:extensionElements>`
        : '',
      `<bpmn:startEvent id="start">${links(0)}</bpmn:startEvent>`,
      ...tasks.map(
        (t, i) =>
          `<bpmn:serviceTask id="${t.id}"><bpmn:extensionElements><zeebe:taskDefinition type="${t.type}" />` +
          `${listenersXml(t.listeners ?? [])}${t.io ?? ''}</bpmn:extensionElements>${links(i + 1)}</bpmn:serviceTask>`,
      ),
      `<bpmn:endEvent id="end">${links(ids.length - 1)}</bpmn:endEvent>`,
      ...ids
        .slice(1)
        .map(
          (target, i) =>
            `<bpmn:sequenceFlow id="${flow(i)}" sourceRef="${ids[i]}" targetRef="${target}" />`,
        ),
    ].join('\n');
    return processXml(processId, body);
  }

  async function deployAndStart(
    tasks: TaskSpec[],
    variables: Record<string, unknown> = {},
    processListeners: Listener[] = [],
  ) {
    const processId = unique('listened');
    await sdk().deployResource({
      process: Buffer.from(chainXml(processId, tasks, processListeners)),
      name: `${processId}.bpmn`,
    });
    const instance = await sdk().createProcessInstance({ bpmnProcessId: processId, variables });
    return instance.processInstanceKey;
  }

  /** The one job of `type`, waiting for it (long polling) up to 5 s. */
  async function take(type: string, client: ZeebeApi = sdk()): Promise<Job> {
    const [job] = await client.activateJobs({
      type,
      worker: 'listener-worker',
      timeout: 60_000,
      maxJobsToActivate: 1,
      requestTimeout: 5_000,
    });
    if (!job) throw new Error(`no job of type ${type}`);
    return job;
  }

  /** Jobs of `type` activatable right now (no waiting). */
  const activatableNow = (type: string) =>
    sdk().activateJobs({
      type,
      worker: 'probe',
      timeout: 60_000,
      maxJobsToActivate: 10,
      requestTimeout: -1,
    });

  /** Takes the one job of `type` through REST v2, which reports the job's kind. */
  async function takeByRest(type: string) {
    const response = await post(`${engine.restUrl}/v2/jobs/activation`, {
      type,
      worker: 'rest-listener-worker',
      timeout: 60_000,
      maxJobsToActivate: 1,
      requestTimeout: 5_000,
    });
    expect(response.status).toBe(200);
    const [job] = response.body.jobs as Array<Record<string, unknown>>;
    if (!job) throw new Error(`no job of type ${type}`);
    return job;
  }

  const completeByRest = (jobKey: unknown, variables: Record<string, unknown> = {}) =>
    post(`${engine.restUrl}/v2/jobs/${String(jobKey)}/completion`, { variables });

  it('start listeners run in order before the service task’s job is created', async () => {
    const [first, second, work] = [unique('audit'), unique('prepare'), unique('work')];
    const processInstanceKey = await deployAndStart(
      [
        {
          id: 'work',
          type: work,
          listeners: [
            { eventType: 'start', type: first },
            { eventType: 'start', type: second },
          ],
          io: '<zeebe:ioMapping><zeebe:input source="=amount * 2" target="doubled" /></zeebe:ioMapping>',
        },
      ],
      { amount: 21 },
    );

    const firstJob = await takeByRest(first);
    expect(firstJob).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'START' });
    // After the input mappings: the listener sees the element's mapped variable.
    expect(firstJob.variables).toMatchObject({ amount: 21, doubled: 42 });
    expect(await activatableNow(second)).toHaveLength(0);
    expect(await activatableNow(work)).toHaveLength(0);

    expect((await completeByRest(firstJob.jobKey)).status).toBe(204);
    const secondJob = await take(second, node());
    expect(await activatableNow(work)).toHaveLength(0);
    await node().completeJob({ jobKey: secondJob.key, variables: {} });

    const task = await take(work);
    expect(task.elementId).toBe('work');
    const created = await readRecords(engine.databaseUrl, {
      valueType: 'JOB',
      intent: 'CREATED',
      processInstanceKey,
    });
    expect(created.map((r) => r.value.type)).toEqual([first, second, work]);
    const activated = await readRecords(engine.databaseUrl, {
      valueType: 'PROCESS_INSTANCE',
      processInstanceKey,
      elementId: 'work',
    });
    expect(activated.map((r) => r.intent)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
  });

  it('end listeners run after the task completes and before the flow continues', async () => {
    const [work, after, next] = [unique('work'), unique('notify'), unique('next')];
    const processInstanceKey = await deployAndStart([
      {
        id: 'work',
        type: work,
        listeners: [{ eventType: 'end', type: after }],
        io: '<zeebe:ioMapping><zeebe:output source="=result" target="outcome" /></zeebe:ioMapping>',
      },
      { id: 'next', type: next },
    ]);
    const task = await take(work);
    await sdk().completeJob({ jobKey: task.key, variables: { result: 'approved' } });

    const endJob = await takeByRest(after);
    expect(endJob).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'END' });
    // After the output mappings: the listener sees what the task hands on.
    expect(endJob.variables).toMatchObject({ outcome: 'approved' });
    expect(await activatableNow(next)).toHaveLength(0);
    const intents = await readRecords(engine.databaseUrl, {
      valueType: 'PROCESS_INSTANCE',
      processInstanceKey,
      elementId: 'work',
    });
    expect(intents.map((r) => r.intent)).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
    ]);

    expect((await completeByRest(endJob.jobKey)).status).toBe(204);
    expect((await take(next)).processInstanceKey).toBe(processInstanceKey);
  });

  it('start listener variables are local to the element', async () => {
    const [before, work, next] = [unique('before'), unique('work'), unique('next')];
    await deployAndStart([
      { id: 'work', type: work, listeners: [{ eventType: 'start', type: before }] },
      { id: 'next', type: next },
    ]);
    const listener = await take(before);
    await sdk().completeJob({ jobKey: listener.key, variables: { checkedBy: 'listener' } });
    const task = await take(work);
    expect(task.variables).toMatchObject({ checkedBy: 'listener' });
    await sdk().completeJob({ jobKey: task.key, variables: {} });
    const following = await take(next);
    expect(following.variables).not.toHaveProperty('checkedBy');
  });

  it('end listener variables are propagated', async () => {
    const [work, after, next] = [unique('work'), unique('after'), unique('next')];
    await deployAndStart([
      { id: 'work', type: work, listeners: [{ eventType: 'end', type: after }] },
      { id: 'next', type: next },
    ]);
    await sdk().completeJob({ jobKey: (await take(work)).key, variables: {} });
    await node().completeJob({
      jobKey: (await take(after, node())).key,
      variables: { archived: true },
    });
    const following = await take(next);
    expect(following.variables).toMatchObject({ archived: true });
  });

  it('a listener job without retries raises an incident, resolving it runs the listener again', async () => {
    const [prefix, work] = [unique('check'), unique('work')];
    const listenerType = `${prefix}-start`;
    // Type and retries are FEEL expressions, evaluated in the element's scope.
    const processInstanceKey = await deployAndStart(
      [
        {
          id: 'work',
          type: work,
          listeners: [{ eventType: 'start', type: '=prefix + &quot;-start&quot;', retries: '=1' }],
        },
      ],
      { prefix },
    );
    const listener = await take(listenerType);
    expect(listener.retries).toBe(1);
    await sdk().failJob({ jobKey: listener.key, retries: 0, errorMessage: 'audit service down' });

    const incident = await incidentOf(engine.databaseUrl, processInstanceKey);
    expect(incident).toMatchObject({
      errorType: 'EXECUTION_LISTENER_NO_RETRIES',
      errorMessage: 'audit service down',
      elementId: 'work',
      jobKey: listener.key,
    });
    expect(await activatableNow(listenerType)).toHaveLength(0);

    await sdk().updateJobRetries({ jobKey: listener.key, retries: 1 });
    await sdk().resolveIncident({ incidentKey: incident.key });
    const again = await take(listenerType);
    expect(again.key).toBe(listener.key);
    await sdk().completeJob({ jobKey: again.key, variables: {} });
    expect((await take(work)).processInstanceKey).toBe(processInstanceKey);
  });

  it('process-level start and end listeners', async () => {
    const [opened, closed, work] = [unique('opened'), unique('closed'), unique('work')];
    const processInstanceKey = await deployAndStart([{ id: 'work', type: work }], {}, [
      { eventType: 'start', type: opened },
      { eventType: 'end', type: closed },
    ]);
    const start = await take(opened);
    expect(start.elementId).toBe(start.bpmnProcessId);
    expect(await activatableNow(work)).toHaveLength(0);
    await sdk().completeJob({ jobKey: start.key, variables: { openedAt: 'now' } });

    const task = await take(work);
    expect(task.variables).toMatchObject({ openedAt: 'now' });
    await sdk().completeJob({ jobKey: task.key, variables: {} });

    const end = await take(closed);
    expect(end.elementInstanceKey).toBe(processInstanceKey);
    expect(await processIntents(engine.databaseUrl, processInstanceKey)).not.toContain(
      'ELEMENT_COMPLETED',
    );
    await sdk().completeJob({ jobKey: end.key, variables: {} });
    await eventually(async () => {
      const intents = await processIntents(engine.databaseUrl, processInstanceKey);
      return intents.includes('ELEMENT_COMPLETED') ? intents : undefined;
    }, 'the process instance to complete');
  });

  /** Deploys `body` as a process with a fresh id and starts one instance. */
  async function deployBodyAndStart(body: string, variables: Record<string, unknown> = {}) {
    const processId = unique('listened');
    await sdk().deployResource({
      process: Buffer.from(processXml(processId, body)),
      name: `${processId}.bpmn`,
    });
    return (await sdk().createProcessInstance({ bpmnProcessId: processId, variables }))
      .processInstanceKey;
  }

  it('a gateway’s start listener runs before the gateway evaluates its conditions', async () => {
    const [decide, a, b] = [unique('decide'), unique('a'), unique('b')];
    const processInstanceKey = await deployBodyAndStart(`
      <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
      <bpmn:exclusiveGateway id="choose" default="toB">
        <bpmn:extensionElements>${listenersXml([{ eventType: 'start', type: decide }])}</bpmn:extensionElements>
        <bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>toA</bpmn:outgoing><bpmn:outgoing>toB</bpmn:outgoing>
      </bpmn:exclusiveGateway>
      <bpmn:serviceTask id="taskA"><bpmn:extensionElements><zeebe:taskDefinition type="${a}" /></bpmn:extensionElements><bpmn:incoming>toA</bpmn:incoming></bpmn:serviceTask>
      <bpmn:serviceTask id="taskB"><bpmn:extensionElements><zeebe:taskDefinition type="${b}" /></bpmn:extensionElements><bpmn:incoming>toB</bpmn:incoming></bpmn:serviceTask>
      <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="choose" />
      <bpmn:sequenceFlow id="toA" sourceRef="choose" targetRef="taskA">
        <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=route = "a"</bpmn:conditionExpression>
      </bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="toB" sourceRef="choose" targetRef="taskB" />`);
    const listener = await take(decide);
    await sdk().completeJob({ jobKey: listener.key, variables: { route: 'a' } });
    expect((await take(a)).processInstanceKey).toBe(processInstanceKey);
    expect(await activatableNow(b)).toHaveLength(0);
  });

  it('a multi-instance activity’s listeners run for each inner instance', async () => {
    const [before, work] = [unique('before'), unique('work')];
    await deployBodyAndStart(`
      <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="work">
        <bpmn:extensionElements><zeebe:taskDefinition type="${work}" />${listenersXml([{ eventType: 'start', type: before }])}</bpmn:extensionElements>
        <bpmn:incoming>f0</bpmn:incoming>
        <bpmn:multiInstanceLoopCharacteristics>
          <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1, 2]" inputElement="item" /></bpmn:extensionElements>
        </bpmn:multiInstanceLoopCharacteristics>
      </bpmn:serviceTask>
      <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="work" />`);
    const listeners = await eventually(async () => {
      const jobs = await activatableNow(before);
      return jobs.length === 2 ? jobs : undefined;
    }, 'a start listener job per inner instance');
    expect(listeners.map((j) => j.variables.item).sort()).toEqual([1, 2]);
    expect(new Set(listeners.map((j) => j.elementInstanceKey)).size).toBe(2);
    for (const job of listeners) await sdk().completeJob({ jobKey: job.key, variables: {} });
    const tasks = await eventually(async () => {
      const jobs = await activatableNow(work);
      return jobs.length === 2 ? jobs : undefined;
    }, "the inner instances' jobs");
    expect(tasks.map((j) => j.variables.item).sort()).toEqual([1, 2]);
  });

  it('canceling an instance cancels its running listener job', async () => {
    const [before, work] = [unique('before'), unique('work')];
    const processInstanceKey = await deployAndStart([
      { id: 'work', type: work, listeners: [{ eventType: 'start', type: before }] },
    ]);
    const listener = await take(before);
    await sdk().cancelProcessInstance(processInstanceKey);
    const error = await grpcError(sdk().completeJob({ jobKey: listener.key, variables: {} }));
    expect(error.details).toContain('no such job was found');
  });

  it.each([
    [
      'end listeners on a gateway',
      '<bpmn:exclusiveGateway id="choose"><bpmn:extensionElements>' +
        '<zeebe:executionListeners><zeebe:executionListener eventType="end" type="after" /></zeebe:executionListeners>' +
        '</bpmn:extensionElements><bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>f1</bpmn:outgoing></bpmn:exclusiveGateway>',
      "Element 'choose': execution listeners of type 'end' are not supported by gateways",
    ],
    [
      'start listeners on a boundary event',
      '<bpmn:task id="choose"><bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>f1</bpmn:outgoing></bpmn:task>' +
        '<bpmn:boundaryEvent id="late" attachedToRef="choose"><bpmn:extensionElements>' +
        '<zeebe:executionListeners><zeebe:executionListener eventType="start" type="before" /></zeebe:executionListeners>' +
        '</bpmn:extensionElements><bpmn:outgoing>f2</bpmn:outgoing>' +
        '<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>' +
        '<bpmn:endEvent id="lateEnd"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>' +
        '<bpmn:sequenceFlow id="f2" sourceRef="late" targetRef="lateEnd" />',
      "Element 'late': execution listeners of type 'start' are not supported by boundary events",
    ],
    [
      'two listeners of one type for the same event',
      '<bpmn:task id="choose"><bpmn:extensionElements>' +
        '<zeebe:executionListeners><zeebe:executionListener eventType="start" type="twice" />' +
        '<zeebe:executionListener eventType="start" type="twice" /></zeebe:executionListeners>' +
        '</bpmn:extensionElements><bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>f1</bpmn:outgoing></bpmn:task>',
      "Element 'choose': Properties of type <zeebe:ExecutionListener> have properties with duplicate values",
    ],
  ])('deploying %s is rejected', async (_what, element, message) => {
    const processId = unique('rejected');
    const xml = processXml(
      processId,
      `<bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>${element}` +
        '<bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>' +
        '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="choose" />' +
        '<bpmn:sequenceFlow id="f1" sourceRef="choose" targetRef="end" />',
    );
    const error = await grpcError(
      sdk().deployResource({ process: Buffer.from(xml), name: `${processId}.bpmn` }),
    );
    expect(error.details).toContain(message);
  });
});
