import { parseBpmn } from '../../engine/bpmn';
import type { ExecutableProcess, FlowElement } from '../../engine/bpmn';
import { definitions, fixture, processXml } from './fixtures';

async function parseOne(xml: string): Promise<ExecutableProcess> {
  const result = await parseBpmn(xml, 'test.bpmn');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  expect(result.processes).toHaveLength(1);
  return result.processes[0] as ExecutableProcess;
}

function element(process: ExecutableProcess, id: string): FlowElement {
  const found = process.elements[id];
  if (!found) throw new Error(`no element ${id}`);
  return found;
}

describe('parseBpmn: elements and flows', () => {
  let order: ExecutableProcess;
  beforeAll(async () => {
    order = await parseOne(fixture('order-flow.bpmn'));
  });

  it('maps the process with its id, name and none start event', () => {
    expect(order.bpmnProcessId).toBe('order-flow');
    expect(order.name).toBe('Order flow');
    expect(order.noneStartEventId).toBe('Start');
    expect(element(order, 'order-flow')).toMatchObject({
      elementType: 'PROCESS',
      eventType: 'UNSPECIFIED',
      childIds: ['Start', 'Check', 'Decide', 'Fork', 'Ship', 'Bill', 'Join', 'Done', 'Rejected'],
    });
  });

  it('names element and event types as Zeebe does', () => {
    const types = Object.fromEntries(
      Object.values(order.elements).map((e) => [e.id, `${e.elementType}/${e.eventType}`]),
    );
    expect(types).toMatchObject({
      Start: 'START_EVENT/NONE',
      Check: 'SERVICE_TASK/UNSPECIFIED',
      Decide: 'EXCLUSIVE_GATEWAY/UNSPECIFIED',
      Fork: 'PARALLEL_GATEWAY/UNSPECIFIED',
      Bill: 'SEND_TASK/UNSPECIFIED',
      Done: 'END_EVENT/NONE',
    });
  });

  it('the flow scope of a top-level element is the process', () => {
    expect(element(order, 'Check').flowScopeId).toBe('order-flow');
  });

  it('incoming and outgoing are sequence-flow ids in document order', () => {
    expect(element(order, 'Decide')).toMatchObject({
      incoming: ['Flow_to_decide'],
      outgoing: ['Flow_valid', 'Flow_rejected'],
    });
    expect(element(order, 'Join').incoming).toEqual(['Flow_ship_done', 'Flow_bill_done']);
  });

  it('reads incoming and outgoing from sourceRef/targetRef, not from <incoming> tags', async () => {
    const process = await parseOne(fixture('tasks.bpmn'));
    expect(element(process, 'Split').outgoing).toEqual(['Flow_manual', 'Flow_default']);
  });

  it('a sequence flow condition starting with = is FEEL; the default flow is kept on the gateway', () => {
    expect(order.sequenceFlows.Flow_valid).toEqual({
      id: 'Flow_valid',
      sourceId: 'Decide',
      targetId: 'Fork',
      condition: { kind: 'feel', source: 'orderValid = true' },
    });
    expect(order.sequenceFlows.Flow_rejected?.condition).toBeUndefined();
    expect(element(order, 'Decide').defaultFlowId).toBe('Flow_rejected');
  });

  it('reads zeebe:taskDefinition, zeebe:taskHeaders and zeebe:ioMapping', () => {
    expect(element(order, 'Check')).toMatchObject({
      name: 'Check order',
      job: {
        type: { kind: 'static', value: 'check-order' },
        retries: { kind: 'feel', source: 'retryBudget' },
        headers: { channel: 'web', priority: 'high' },
      },
      inputMappings: [
        { source: { kind: 'feel', source: 'order.total' }, target: 'amount' },
        { source: { kind: 'feel', source: 'customer.id' }, target: 'request.customerId' },
      ],
      outputMappings: [{ source: { kind: 'feel', source: 'valid' }, target: 'orderValid' }],
    });
  });

  it('job retries default to "3"; a job type may be FEEL', () => {
    expect(element(order, 'Ship').job).toEqual({
      type: { kind: 'feel', source: '"ship-" + region' },
      retries: { kind: 'static', value: '3' },
      headers: {},
    });
    expect(element(order, 'Bill').job?.retries).toEqual({ kind: 'static', value: '5' });
  });
});

describe('parseBpmn: containers, boundary events, call activities, multi-instance', () => {
  let process: ExecutableProcess;
  beforeAll(async () => {
    process = await parseOne(fixture('containers.bpmn'));
  });

  it('an embedded sub-process lists its children and its none start event', () => {
    expect(element(process, 'Review')).toMatchObject({
      elementType: 'SUB_PROCESS',
      childIds: ['Review_start', 'Review_item', 'Review_ok', 'Review_end', 'Review_reject'],
      noneStartEventId: 'Review_start',
      inputMappings: [{ source: { kind: 'feel', source: 'items' }, target: 'reviewItems' }],
    });
    expect(element(process, 'Review_item').flowScopeId).toBe('Review');
    expect(process.sequenceFlows.Review_flow_1).toMatchObject({ sourceId: 'Review_start' });
  });

  it('boundary events name their activity, are interrupting by default, and the activity lists them', () => {
    expect(element(process, 'Review_failed')).toMatchObject({
      elementType: 'BOUNDARY_EVENT',
      eventType: 'ERROR',
      attachedToId: 'Review',
      interrupting: true,
      flowScopeId: 'containers',
      errorCode: { kind: 'static', value: 'REJECTED' },
    });
    expect(element(process, 'Review').boundaryEventIds).toEqual([
      'Review_failed',
      'Review_any_error',
    ]);
  });

  it('an error boundary event without an error code catches all errors', () => {
    expect(element(process, 'Review_any_error').errorCode).toBeUndefined();
  });

  it('an error end event may throw a FEEL error code', () => {
    expect(element(process, 'Review_reject')).toMatchObject({
      elementType: 'END_EVENT',
      eventType: 'ERROR',
      errorCode: { kind: 'feel', source: 'reason' },
    });
  });

  it('a terminate end event has event type TERMINATE', () => {
    expect(element(process, 'Stop_all').eventType).toBe('TERMINATE');
  });

  it('link events carry the link name', () => {
    expect(element(process, 'Go_to_end')).toMatchObject({
      elementType: 'INTERMEDIATE_THROW_EVENT',
      eventType: 'LINK',
      linkName: 'to-end',
    });
    expect(element(process, 'Arrive_at_end')).toMatchObject({
      elementType: 'INTERMEDIATE_CATCH_EVENT',
      eventType: 'LINK',
      linkName: 'to-end',
    });
  });

  it('zeebe:calledElement: child and parent variables are both propagated and the latest version is bound by default', () => {
    expect(element(process, 'Archive').calledElement).toEqual({
      processId: { kind: 'static', value: 'archive-process' },
      propagateAllChildVariables: true,
      propagateAllParentVariables: true,
      bindingType: 'latest',
    });
    expect(element(process, 'Notify').calledElement).toEqual({
      processId: { kind: 'feel', source: 'notifyProcess' },
      propagateAllChildVariables: true,
      propagateAllParentVariables: false,
      bindingType: 'latest',
    });
  });

  it('reads parallel multi-instance with zeebe:loopCharacteristics and a completion condition', () => {
    expect(element(process, 'Review_item').loop).toEqual({
      isSequential: false,
      inputCollection: { kind: 'feel', source: 'reviewItems' },
      inputElement: 'item',
      outputCollection: 'results',
      outputElement: { kind: 'feel', source: 'result' },
      completionCondition: { kind: 'feel', source: 'numberOfCompletedInstances >= 2' },
    });
  });

  it('reads sequential multi-instance', () => {
    expect(element(process, 'Sign')).toMatchObject({
      elementType: 'MANUAL_TASK',
      loop: { isSequential: true, inputCollection: { kind: 'feel', source: 'signers' } },
    });
  });
});

describe('parseBpmn: task types and what it ignores', () => {
  it('maps script, business rule, user, manual and plain tasks, inclusive gateways and none throw events', async () => {
    const process = await parseOne(fixture('tasks.bpmn'));
    const types = Object.fromEntries(
      Object.values(process.elements).map((e) => [e.id, e.elementType]),
    );
    expect(types).toMatchObject({
      Script: 'SCRIPT_TASK',
      Rules: 'BUSINESS_RULE_TASK',
      Approve: 'USER_TASK',
      Manual: 'MANUAL_TASK',
      Plain: 'TASK',
      Split: 'INCLUSIVE_GATEWAY',
      Milestone: 'INTERMEDIATE_THROW_EVENT',
    });
    expect(element(process, 'Split').defaultFlowId).toBe('Flow_default');
    expect(element(process, 'Milestone').eventType).toBe('NONE');
    expect(element(process, 'Approve').job).toBeUndefined();
  });

  it('maps unsupported event types too, for the support check to judge', async () => {
    const result = await parseBpmn(fixture('unsupported.bpmn'), 'unsupported.bpmn');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const elements = result.processes[0]?.elements ?? {};
    expect(elements.Timer_1?.eventType).toBe('TIMER');
    expect(elements.Paid_1?.eventType).toBe('MESSAGE');
    expect(elements.Remind_1?.interrupting).toBe(false);
    expect(elements.On_timeout?.elementType).toBe('EVENT_SUB_PROCESS');
    expect(elements.On_timeout_start?.interrupting).toBe(false);
    expect(elements.Broadcast?.eventType).toBe('SIGNAL');
    expect(elements.Escalate?.eventType).toBe('ESCALATION');
  });

  it('returns one process per executable process and ignores non-executable ones', async () => {
    const xml = definitions(`
      <bpmn:collaboration id="Collaboration_1">
        <bpmn:participant id="Pool_a" processRef="a" />
        <bpmn:participant id="Pool_b" processRef="b" />
        <bpmn:participant id="Pool_c" processRef="c" />
      </bpmn:collaboration>
      <bpmn:process id="a" isExecutable="true"><bpmn:startEvent id="a_start" /></bpmn:process>
      <bpmn:process id="b" isExecutable="false"><bpmn:startEvent id="b_start" /></bpmn:process>
      <bpmn:process id="c" isExecutable="true"><bpmn:startEvent id="c_start" /></bpmn:process>`);
    const result = await parseBpmn(xml, 'pools.bpmn');
    expect(result.ok && result.processes.map((p) => p.bpmnProcessId)).toEqual(['a', 'c']);
  });

  it('a file without an executable process is an error', async () => {
    const xml = definitions('<bpmn:process id="p" isExecutable="false" />');
    const result = await parseBpmn(xml, 'draft.bpmn');
    expect(result).toMatchObject({
      ok: false,
      problems: [
        {
          message:
            "Expected 'draft.bpmn' to contain at least one executable process, but none found",
        },
      ],
    });
  });

  it('XML the BPMN schema does not allow is an error naming the element', async () => {
    const xml = processXml(
      'p',
      `<bpmn:startEvent id="Start" />
       <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Nowhere" />`,
    );
    const result = await parseBpmn(xml, 'broken.bpmn');
    expect(result).toMatchObject({
      ok: false,
      problems: [
        {
          elementId: 'Flow_1',
          message: "Element 'Flow_1': Failed to parse the XML: unresolved reference <Nowhere>",
        },
      ],
    });
  });

  it('unparseable XML is an error', async () => {
    const result = await parseBpmn('<bpmn:definitions', 'broken.bpmn');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/^Failed to parse the XML: /);
  });

  it('elements Zeebe has no type for cannot be mapped', async () => {
    const xml = processXml(
      'p',
      '<bpmn:startEvent id="Start" /><bpmn:complexGateway id="Complex" />',
    );
    const result = await parseBpmn(xml, 'complex.bpmn');
    expect(result).toMatchObject({
      ok: false,
      problems: [
        {
          elementId: 'Complex',
          message:
            "Element 'Complex' (complex gateway) is not supported by the embedded engine yet",
        },
      ],
    });
  });
});
