import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { Code, grpcError, rawGateway, useZeebeNode } from './clients-support';
import { activatableNow, activate, uniqueRun } from './elements-helpers';
import { deploy as restDeploy, post } from './rest-helpers';

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">`;

/** A service task whose job type is `<prefix>-<run>` (the instance's `run` variable). */
const task = (id: string, prefix: string, extra = '') =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="=&quot;${prefix}-&quot; + run" />${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
const flow = (id: string, from: string, to: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

/**
 * start → A → Sub (input mapping subLocal; start → B (input mapping bInput) → C → end; a
 * message boundary event Cancel) → end; an event subprocess Esp (timer start, P1D) → E → end.
 */
const MAIN = `${HEADER}
  <bpmn:message id="CancelMsg" name="si-cancel"><bpmn:extensionElements><zeebe:subscription correlationKey="=run" /></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="si-main" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${task('A', 'a')}
    <bpmn:subProcess id="Sub">
      <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=&quot;sub&quot;" target="subLocal" /></zeebe:ioMapping></bpmn:extensionElements>
      <bpmn:startEvent id="subStart" />
      ${task('B', 'b', '<zeebe:ioMapping><zeebe:input source="=run + &quot;-b&quot;" target="bInput" /></zeebe:ioMapping>')}
      ${task('C', 'c')}
      <bpmn:endEvent id="subEnd" />
      ${flow('s1', 'subStart', 'B')}${flow('s2', 'B', 'C')}${flow('s3', 'C', 'subEnd')}
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="Cancel" attachedToRef="Sub"><bpmn:messageEventDefinition id="CancelDef" messageRef="CancelMsg" /></bpmn:boundaryEvent>
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="canceled" />
    ${flow('f1', 'start', 'A')}${flow('f2', 'A', 'Sub')}${flow('f3', 'Sub', 'end')}${flow('f4', 'Cancel', 'canceled')}
    <bpmn:subProcess id="Esp" triggeredByEvent="true">
      <bpmn:startEvent id="EspStart"><bpmn:timerEventDefinition id="EspTimer"><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
      ${task('E', 'e')}
      <bpmn:endEvent id="EspEnd" />
      ${flow('e1', 'EspStart', 'E')}${flow('e2', 'E', 'EspEnd')}
    </bpmn:subProcess>
  </bpmn:process>
</bpmn:definitions>`;

/** start → fork → X, Y → join → Z → end. */
const JOIN = `${HEADER}
  <bpmn:process id="si-join" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:parallelGateway id="fork" />
    ${task('X', 'x')}${task('Y', 'y')}
    <bpmn:parallelGateway id="join" />
    ${task('Z', 'z')}
    <bpmn:endEvent id="end" />
    ${flow('f1', 'start', 'fork')}${flow('f2', 'fork', 'X')}${flow('f3', 'fork', 'Y')}
    ${flow('f4', 'X', 'join')}${flow('f5', 'Y', 'join')}${flow('f6', 'join', 'Z')}${flow('f7', 'Z', 'end')}
  </bpmn:process>
</bpmn:definitions>`;

/** start → MiSub (parallel multi-instance over `items`: start → Inner → end) → Gw (event-based) → Wait (timer) | Msg → end. */
const LIMITS = `${HEADER}
  <bpmn:message id="GoMsg" name="si-go"><bpmn:extensionElements><zeebe:subscription correlationKey="=run" /></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="si-limits" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:subProcess id="MiSub">
      <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
      <bpmn:startEvent id="miStart" />
      ${task('Inner', 'inner')}
      <bpmn:endEvent id="miEnd" />
      ${flow('m1', 'miStart', 'Inner')}${flow('m2', 'Inner', 'miEnd')}
    </bpmn:subProcess>
    <bpmn:eventBasedGateway id="Gw" />
    <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition id="WaitDef"><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="Msg"><bpmn:messageEventDefinition id="MsgDef" messageRef="GoMsg" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="end2" />
    <bpmn:boundaryEvent id="Late" attachedToRef="MiSub"><bpmn:timerEventDefinition id="LateDef"><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:endEvent id="lateEnd" />
    ${flow('f1', 'start', 'MiSub')}${flow('f2', 'MiSub', 'Gw')}${flow('f3', 'Gw', 'Wait')}${flow('f4', 'Gw', 'Msg')}
    ${flow('f5', 'Wait', 'end')}${flow('f6', 'Msg', 'end2')}${flow('f7', 'Late', 'lateEnd')}
  </bpmn:process>
</bpmn:definitions>`;

/** Only a message start event: no none start event. start → T → end. */
const MESSAGE_ONLY = `${HEADER}
  <bpmn:message id="Begin" name="si-begin" />
  <bpmn:process id="si-message-only" isExecutable="true">
    <bpmn:startEvent id="byMessage"><bpmn:messageEventDefinition id="BeginDef" messageRef="Begin" /></bpmn:startEvent>
    ${task('T', 't', '<zeebe:ioMapping><zeebe:output source="=&quot;done&quot;" target="result" /></zeebe:ioMapping>')}
    <bpmn:endEvent id="end" />
    ${flow('f1', 'byMessage', 'T')}${flow('f2', 'T', 'end')}
  </bpmn:process>
</bpmn:definitions>`;

/**
 * Start instructions (Camunda 8.8 docs, "Process instance creation" → "Create and start at a
 * user-defined element"; limitations as "Process instance modification" → "Limitations"): the
 * instance starts before the given elements instead of at the none start event, input
 * mappings of those elements apply, several instructions give several tokens, an element inside
 * an embedded or event subprocess activates its flow scopes (without their start events or
 * input mappings), and the variables are the process instance's. Over gRPC (the SDK,
 * zeebe-node, and a raw client for CreateProcessInstanceWithResult, whose start instructions
 * the SDK does not send) and REST.
 */
describe('process instance creation with start instructions', () => {
  const zeebeNode = useZeebeNode(() => engine.port);
  const engine = useEngine();
  const records = useEngineRecords(engine);
  let raw: ReturnType<typeof rawGateway>;

  beforeAll(async () => {
    raw = rawGateway(engine.port);
    const deployed = await restDeploy(engine.restUrl, {
      'si-main.bpmn': MAIN,
      'si-join.bpmn': JOIN,
      'si-limits.bpmn': LIMITS,
      'si-message-only.bpmn': MESSAGE_ONLY,
    });
    expect(deployed.status).toBe(200);
  });
  afterAll(() => raw.close());

  const url = (path: string) => `${engine.restUrl}${path}`;

  async function createWith(
    bpmnProcessId: string,
    elementIds: string[],
    variables: Record<string, unknown> = {},
  ) {
    const run = uniqueRun();
    const created = await engine.zeebe.createProcessInstance({
      bpmnProcessId,
      variables: { run, ...variables } as never,
      startInstructions: elementIds.map((elementId) => ({ elementId })),
    });
    return { key: created.processInstanceKey, run };
  }

  async function elementIntents(key: string) {
    const events = await records.query({ processInstanceKey: key, valueType: 'PROCESS_INSTANCE' });
    return events.map((r) => `${String(r.value.elementId)}:${r.intent}`);
  }

  it('starts before the given element instead of at the none start event; the element’s input mappings apply and the variables are the process instance’s (Camunda 8.8 start instructions)', async () => {
    const { key, run } = await createWith('si-main', ['C']);
    const [job] = await activate(engine.zeebe, `c-${run}`);
    expect(job!.processInstanceKey).toBe(key);
    expect(job!.variables).toEqual({ run });
    const intents = await elementIntents(key);
    for (const skipped of ['start', 'A', 'subStart', 'B'])
      expect(intents.some((i) => i.startsWith(`${skipped}:`))).toBe(false);
    expect(await activatableNow(engine.zeebe, `a-${run}`)).toEqual([]);
    const [variable] = await records.query({ processInstanceKey: key, valueType: 'VARIABLE' });
    expect(variable!.value).toMatchObject({ name: 'run', scopeKey: key });
    // The instance goes on from there as usual and completes.
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: 'si-main',
    });
  });

  it('an element inside an embedded subprocess activates its subprocess without its start event or input mappings, with its boundary events; the element’s own input mappings apply (Camunda 8.8 start instructions)', async () => {
    const { key, run } = await createWith('si-main', ['B']);
    const [job] = await activate(engine.zeebe, `b-${run}`);
    expect(job!.variables).toEqual({ run, bInput: `${run}-b` });
    const intents = await elementIntents(key);
    expect(intents).toContain('Sub:ELEMENT_ACTIVATED');
    expect(intents.some((i) => i.startsWith('subStart:'))).toBe(false);
    const [sub] = await records.query({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
      elementId: 'Sub',
    });
    expect(await records.variables(sub!.key)).toEqual({});
    // The subprocess's boundary event is armed: its message interrupts it.
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
      intent: 'CREATED',
    });
    await engine.zeebe.publishMessage({ name: 'si-cancel', correlationKey: run, variables: {} });
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: 'canceled',
    });
  });

  it('several instructions give several tokens; those inside the same subprocess share its instance, and the same element twice runs twice; the process arms its event subprocesses (Camunda 8.8 start instructions)', async () => {
    const { key, run } = await createWith('si-main', ['A', 'B', 'C', 'C']);
    await activate(engine.zeebe, `a-${run}`);
    await activate(engine.zeebe, `b-${run}`);
    const cJobs = await activate(engine.zeebe, `c-${run}`, 2);
    expect(new Set(cJobs.map((j) => j.elementInstanceKey)).size).toBe(2);
    const subs = await records.query({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
      elementId: 'Sub',
    });
    expect(subs).toHaveLength(1);
    const timers = await records.query({
      processInstanceKey: key,
      valueType: 'TIMER',
      intent: 'CREATED',
    });
    expect(timers.map((t) => t.value.targetElementId)).toContain('EspStart');
    await engine.zeebe.cancelProcessInstance(key);
  });

  it('an element inside an event subprocess activates the event subprocess without its trigger, and the rest of the process does not start (Camunda 8.8 start instructions)', async () => {
    const { key, run } = await createWith('si-main', ['E']);
    const [job] = await activate(engine.zeebe, `e-${run}`);
    expect(job!.processInstanceKey).toBe(key);
    const intents = await elementIntents(key);
    expect(intents).toContain('Esp:ELEMENT_ACTIVATED');
    expect(intents.some((i) => i.startsWith('EspStart:'))).toBe(false);
    expect(intents.some((i) => i.startsWith('A:'))).toBe(false);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: 'si-main',
    });
  });

  it('a joining parallel gateway started by an instruction goes on at once, without waiting for its incoming flows (Camunda 8.8 start instructions, as Zeebe activates it)', async () => {
    const { key, run } = await createWith('si-join', ['join']);
    const [job] = await activate(engine.zeebe, `z-${run}`);
    expect(job!.processInstanceKey).toBe(key);
    expect(await activatableNow(engine.zeebe, `x-${run}`)).toEqual([]);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: 'si-join',
    });
  });

  it('a multi-instance subprocess and an event-based gateway may themselves be started at: the body starts its instances, the gateway subscribes to its events (Camunda 8.8 start instructions)', async () => {
    const { key, run } = await createWith('si-limits', ['MiSub', 'Gw'], { items: [1, 2] });
    expect(await activate(engine.zeebe, `inner-${run}`, 2)).toHaveLength(2);
    await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CREATED' }, 2);
    await engine.zeebe.cancelProcessInstance(key);
  });

  it('the documented rejections: an element that does not exist, a start event, a boundary event, a sequence flow, an element inside a multi-instance subprocess, an element after an event-based gateway — INVALID_ARGUMENT over gRPC, 400 over REST, and no instance is created (Camunda 8.8 start instructions)', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['si-main', 'Nowhere', /no element found with id 'Nowhere'/],
      [
        'si-main',
        'start',
        /element with id 'start' targets unsupported element type 'START_EVENT'/,
      ],
      [
        'si-main',
        'EspStart',
        /element with id 'EspStart' targets unsupported element type 'START_EVENT'/,
      ],
      [
        'si-main',
        'Cancel',
        /element with id 'Cancel' targets unsupported element type 'BOUNDARY_EVENT'/,
      ],
      ['si-main', 'f2', /element with id 'f2' targets unsupported element type 'SEQUENCE_FLOW'/],
      ['si-limits', 'Inner', /element with id 'Inner' is inside a multi-instance subprocess/],
      ['si-limits', 'Wait', /element with id 'Wait' belongs to an event-based gateway/],
    ];
    const before = await records.query({
      valueType: 'PROCESS_INSTANCE_CREATION',
      intent: 'CREATED',
    });
    for (const [bpmnProcessId, elementId, reason] of cases) {
      const error = await grpcError(
        engine.zeebe.createProcessInstance({
          bpmnProcessId,
          variables: { run: 'x' },
          // A valid instruction first: the command is rejected as a whole.
          startInstructions:
            bpmnProcessId === 'si-main' ? [{ elementId: 'A' }, { elementId }] : [{ elementId }],
        }),
      );
      expect(error.code).toBe(Code.INVALID_ARGUMENT);
      expect(error.details).toMatch(reason);
      const rest = await post(url('/v2/process-instances'), {
        processDefinitionId: bpmnProcessId,
        startInstructions: [{ elementId }],
      });
      expect(rest.status).toBe(400);
      expect(rest.body).toMatchObject({ title: 'INVALID_ARGUMENT' });
      expect(rest.body.detail).toMatch(reason);
    }
    const after = await records.query({
      valueType: 'PROCESS_INSTANCE_CREATION',
      intent: 'CREATED',
    });
    expect(after).toHaveLength(before.length);
  });

  it('a process without a none start event can be created with start instructions (Camunda 8.8 start instructions)', async () => {
    const { key, run } = await createWith('si-message-only', ['T']);
    expect((await activate(engine.zeebe, `t-${run}`))[0]!.processInstanceKey).toBe(key);
    const error = await grpcError(
      engine.zeebe.createProcessInstance({ bpmnProcessId: 'si-message-only', variables: {} }),
    );
    expect(error.code).toBe(Code.FAILED_PRECONDITION);
  });

  it('REST POST /v2/process-instances starts before the elements of startInstructions, with and without awaitCompletion (Camunda 8.8 start instructions)', async () => {
    const run = uniqueRun();
    const created = await post(url('/v2/process-instances'), {
      processDefinitionId: 'si-main',
      variables: { run },
      startInstructions: [{ elementId: 'B' }],
    });
    expect(created.status).toBe(200);
    const [job] = await activate(engine.zeebe, `b-${run}`);
    expect(job!.processInstanceKey).toBe(created.body.processInstanceKey);
    expect(await activatableNow(engine.zeebe, `a-${run}`)).toEqual([]);
    const awaited = post(url('/v2/process-instances'), {
      processDefinitionId: 'si-message-only',
      variables: { run },
      startInstructions: [{ elementId: 'T' }],
      awaitCompletion: true,
    });
    const [t] = await activate(engine.zeebe, `t-${run}`);
    await engine.zeebe.completeJob({ jobKey: t!.key, variables: {} });
    const result = await awaited;
    expect(result.status).toBe(200);
    expect(result.body.variables).toEqual({ run, result: 'done' });
    const bad = await post(url('/v2/process-instances'), {
      processDefinitionId: 'si-main',
      startInstructions: [{ element: 'B' }],
    });
    expect(bad.status).toBe(400);
  });

  it('CreateProcessInstanceWithResult carries start instructions too (Camunda 8.8 start instructions, zeebe.proto)', async () => {
    const run = uniqueRun();
    const awaited = raw.call<{ processInstanceKey: string; variables: string }>(
      'CreateProcessInstanceWithResult',
      {
        request: {
          bpmnProcessId: 'si-message-only',
          version: -1,
          variables: JSON.stringify({ run }),
          startInstructions: [{ elementId: 'T' }],
        },
        requestTimeout: 10_000,
      },
    );
    const [t] = await activate(engine.zeebe, `t-${run}`);
    await engine.zeebe.completeJob({ jobKey: t!.key, variables: {} });
    const result = await awaited;
    expect(result.processInstanceKey).toBe(t!.processInstanceKey);
    expect(JSON.parse(result.variables)).toEqual({ run, result: 'done' });
    const rejected = await grpcError(
      raw.call('CreateProcessInstanceWithResult', {
        request: {
          bpmnProcessId: 'si-main',
          version: -1,
          variables: '{}',
          startInstructions: [{ elementId: 'start' }],
        },
      }),
    );
    expect(rejected.code).toBe(Code.INVALID_ARGUMENT);
  });

  it('zeebe-node’s createProcessInstance sends start instructions the engine follows (Camunda 8.8 start instructions)', async () => {
    const run = uniqueRun();
    const created = await zeebeNode().createProcessInstance({
      bpmnProcessId: 'si-main',
      variables: { run },
      startInstructions: [{ elementId: 'C' }],
    });
    const [job] = await activate(engine.zeebe, `c-${run}`);
    expect(job!.processInstanceKey).toBe(created.processInstanceKey);
    expect(await activatableNow(engine.zeebe, `a-${run}`)).toEqual([]);
  });
});
