import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activatableNow, activate, uniqueRun, type ZeebeClient } from './elements-helpers';

const HOUR = 3_600_000;

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">`;

interface EspModel {
  id: string;
  trigger: 'message' | 'timer';
  interrupting: boolean;
  /** The event subprocess's zeebe:input / zeebe:output elements. */
  mappings: string;
  /** The event subprocess start event's zeebe:output elements. */
  startOutputs?: string;
}

/**
 * start → Work (job `<id>-work`) → end, with an event subprocess `Esp` (its start event
 * `EspStart`, message `<id>` correlated by `orderId`, or a one-hour timer) → Handle (job
 * `<id>-handle`) → end.
 */
function espProcess(model: EspModel): string {
  const definition =
    model.trigger === 'message'
      ? `<bpmn:messageEventDefinition id="MsgDef" messageRef="Msg" />`
      : `<bpmn:timerEventDefinition id="TimerDef"><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>`;
  const startOutputs = model.startOutputs
    ? `<bpmn:extensionElements><zeebe:ioMapping>${model.startOutputs}</zeebe:ioMapping></bpmn:extensionElements>`
    : '';
  const task = (id: string, type: string) =>
    `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements></bpmn:serviceTask>`;
  return `${HEADER}
  <bpmn:message id="Msg" name="${model.id}"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="${model.id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${task('Work', `${model.id}-work`)}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Work" />
    <bpmn:sequenceFlow id="f2" sourceRef="Work" targetRef="end" />
    <bpmn:subProcess id="Esp" triggeredByEvent="true">
      <bpmn:extensionElements><zeebe:ioMapping>${model.mappings}</zeebe:ioMapping></bpmn:extensionElements>
      <bpmn:startEvent id="EspStart" isInterrupting="${model.interrupting}">${startOutputs}${definition}</bpmn:startEvent>
      ${task('Handle', `${model.id}-handle`)}
      <bpmn:endEvent id="EspEnd" />
      <bpmn:sequenceFlow id="e1" sourceRef="EspStart" targetRef="Handle" />
      <bpmn:sequenceFlow id="e2" sourceRef="Handle" targetRef="EspEnd" />
    </bpmn:subProcess>
  </bpmn:process>
</bpmn:definitions>`;
}

/** An input mapping creating `caseId` and an output mapping passing it on as `handledCase`. */
const CASE_MAPPINGS =
  '<zeebe:input source="=&quot;case-&quot; + orderId" target="caseId" />' +
  '<zeebe:output source="=caseId" target="handledCase" />';

/**
 * Event subprocess variables (Camunda 8.8 docs, "Event subprocess" → "Variables"): input
 * mappings create local variables in the scope of the event subprocess, visible only inside
 * it; its local variables are not propagated unless output mappings, applied when it
 * completes, pass them on. Interrupting and non-interrupting, message and timer starts.
 */
describe('event subprocess variable mappings', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);
  let now = Date.parse('2027-04-05T08:00:00Z');

  beforeAll(() => engine.setClock(now));

  async function deployEsp(model: Omit<EspModel, 'id'>): Promise<string> {
    const id = `esp-vars-${uniqueRun()}`;
    await engine.zeebe.deployResource({
      process: Buffer.from(espProcess({ ...model, id })),
      name: `${id}.bpmn`,
    });
    return id;
  }

  async function start(zeebe: ZeebeClient, id: string, orderId: string) {
    const created = await zeebe.createProcessInstance({
      bpmnProcessId: id,
      variables: { orderId },
    });
    return created.processInstanceKey;
  }

  async function espKey(processInstanceKey: string): Promise<string> {
    const [activated] = await records.waitFor({
      processInstanceKey,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
      elementId: 'Esp',
    });
    return activated!.key;
  }

  async function completed(processInstanceKey: string, id: string) {
    await records.waitFor({
      processInstanceKey,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: id,
    });
  }

  async function subscribed(processInstanceKey: string) {
    await records.waitFor({
      processInstanceKey,
      valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
      intent: 'CREATED',
    });
  }

  async function completeOne(type: string, variables: Record<string, string> = {}) {
    const [job] = await activate(engine.zeebe, type);
    await engine.zeebe.completeJob({ jobKey: job!.key, variables });
    return job!;
  }

  it('an interrupting message event subprocess: its input mappings create local variables, its output mappings apply when it completes, and the locals do not reach the process (Camunda 8.8 event subprocess variables)', async () => {
    const id = await deployEsp({ trigger: 'message', interrupting: true, mappings: CASE_MAPPINGS });
    const key = await start(engine.zeebe, id, 'A-1');
    await subscribed(key);
    await engine.zeebe.publishMessage({
      name: id,
      correlationKey: 'A-1',
      variables: { note: 'urgent' },
    });
    const esp = await espKey(key);
    expect(await records.variables(esp)).toEqual({ caseId: 'case-A-1' });
    const handle = await completeOne(`${id}-handle`);
    expect(handle.variables).toMatchObject({ caseId: 'case-A-1', note: 'urgent', orderId: 'A-1' });
    await completed(key, id);
    const root = await records.variables(key);
    expect(root).toMatchObject({ handledCase: 'case-A-1', note: 'urgent' });
    expect(root).not.toHaveProperty('caseId');
  });

  it('a non-interrupting message event subprocess: its local variables are visible only inside it, not to the work running alongside; its output mappings apply when it completes (Camunda 8.8 event subprocess variables)', async () => {
    const id = await deployEsp({
      trigger: 'message',
      interrupting: false,
      mappings: CASE_MAPPINGS,
    });
    const key = await start(engine.zeebe, id, 'B-2');
    await subscribed(key);
    await engine.zeebe.publishMessage({ name: id, correlationKey: 'B-2', variables: {} });
    await espKey(key);
    const [work] = await activate(engine.zeebe, `${id}-work`);
    expect(work!.variables).toEqual({ orderId: 'B-2' });
    const handle = await completeOne(`${id}-handle`);
    expect(handle.variables).toMatchObject({ caseId: 'case-B-2' });
    await completed(key, 'Esp');
    expect(await records.variables(key)).toMatchObject({ handledCase: 'case-B-2' });
    await engine.zeebe.completeJob({ jobKey: work!.key, variables: {} });
    await completed(key, id);
    expect(await records.variables(key)).not.toHaveProperty('caseId');
  });

  it('an interrupting timer event subprocess applies its input mappings when the timer fires and its output mappings when it completes (Camunda 8.8 event subprocess variables)', async () => {
    const id = await deployEsp({ trigger: 'timer', interrupting: true, mappings: CASE_MAPPINGS });
    const key = await start(engine.zeebe, id, 'C-3');
    await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CREATED' });
    now += HOUR;
    await engine.setClock(now);
    const esp = await espKey(key);
    expect(await records.variables(esp)).toEqual({ caseId: 'case-C-3' });
    expect(await activatableNow(engine.zeebe, `${id}-work`)).toEqual([]);
    await completeOne(`${id}-handle`);
    await completed(key, id);
    const root = await records.variables(key);
    expect(root).toMatchObject({ orderId: 'C-3', handledCase: 'case-C-3' });
    expect(root).not.toHaveProperty('caseId');
  });

  it('a non-interrupting timer event subprocess: its local variables stay inside it while the work goes on, and its output mappings apply when it completes (Camunda 8.8 event subprocess variables)', async () => {
    const id = await deployEsp({
      trigger: 'timer',
      interrupting: false,
      mappings:
        '<zeebe:input source="=&quot;reminder for &quot; + orderId" target="reminder" />' +
        '<zeebe:output source="=reminder" target="lastReminder" />',
    });
    const key = await start(engine.zeebe, id, 'D-4');
    await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CREATED' });
    now += HOUR;
    await engine.setClock(now);
    await espKey(key);
    const [work] = await activate(engine.zeebe, `${id}-work`);
    expect(work!.variables).not.toHaveProperty('reminder');
    const handle = await completeOne(`${id}-handle`);
    expect(handle.variables).toMatchObject({ reminder: 'reminder for D-4' });
    await completed(key, 'Esp');
    expect(await records.variables(key)).toMatchObject({ lastReminder: 'reminder for D-4' });
    await engine.zeebe.completeJob({ jobKey: work!.key, variables: {} });
    await completed(key, id);
    expect(await records.variables(key)).not.toHaveProperty('reminder');
  });

  it('without output mappings nothing local leaves the event subprocess; with a start event output mapping, the message variables are mapped instead of passed on whole (Camunda 8.8 event subprocess variables)', async () => {
    const id = await deployEsp({
      trigger: 'message',
      interrupting: true,
      mappings: '<zeebe:input source="=orderId" target="localOrder" />',
      startOutputs: '<zeebe:output source="=amount * 2" target="doubled" />',
    });
    const key = await start(engine.zeebe, id, 'E-5');
    await subscribed(key);
    await engine.zeebe.publishMessage({
      name: id,
      correlationKey: 'E-5',
      variables: { amount: 21 },
    });
    const esp = await espKey(key);
    const handle = await completeOne(`${id}-handle`);
    expect(handle.variables).toMatchObject({ localOrder: 'E-5', doubled: 42 });
    expect(handle.variables).not.toHaveProperty('amount');
    await completed(key, id);
    expect(await records.variables(esp)).toEqual({ localOrder: 'E-5' });
    const root = await records.variables(key);
    expect(root).toEqual({ orderId: 'E-5', doubled: 42 });
  });

  it('a failing input mapping of an event subprocess raises an IO_MAPPING_ERROR incident on it; once the variable is set, resolving the incident enters it (Camunda 8.8 event subprocess variables)', async () => {
    const id = await deployEsp({
      trigger: 'message',
      interrupting: false,
      mappings:
        '<zeebe:input source="=assert(approver, approver != null, &quot;approver is required&quot;)" target="who" />',
    });
    const key = await start(engine.zeebe, id, 'F-6');
    await subscribed(key);
    await engine.zeebe.publishMessage({ name: id, correlationKey: 'F-6', variables: {} });
    const incident = await records.incident(key);
    expect(incident).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 'Esp' });
    expect(incident.errorMessage).toContain('approver is required');
    expect(await activatableNow(engine.zeebe, `${id}-handle`)).toEqual([]);
    await engine.zeebe.setVariables({
      elementInstanceKey: key,
      variables: { approver: 'zhang.min' },
      local: true,
    });
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    const handle = await completeOne(`${id}-handle`);
    expect(handle.variables).toMatchObject({ who: 'zhang.min' });
  });
});
