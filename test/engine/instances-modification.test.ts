import { Camunda8 } from '@camunda8/sdk';
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { Code, grpcError, useZeebeNode } from './clients-support';
import { activatableNow, activate, uniqueRun } from './elements-helpers';
import { CHILD, LIMITS, MODIFY } from './instances-modification-models';
import { callingProcess, deploy as restDeploy, post } from './rest-helpers';
import { userTaskProcess } from './user-tasks-helpers';

type RestClient = ReturnType<Camunda8['getCamundaRestClient']>;

/**
 * Process instance modification (Camunda 8.8 docs, "Process instance modification";
 * ModifyProcessInstance over gRPC, `POST /v2/process-instances/{key}/modification` over REST):
 * activate instructions add a token before an element, terminate instructions end an element
 * instance, both in one command; what cannot be done is rejected and nothing is changed.
 */
describe('process instance modification', () => {
  const zeebeNode = useZeebeNode(() => engine.port);
  const engine = useEngine();
  const records = useEngineRecords(engine);
  let rest: RestClient;

  beforeAll(async () => {
    const deployed = await restDeploy(engine.restUrl, {
      'mod-main.bpmn': MODIFY,
      'mod-limits.bpmn': LIMITS,
      'mod-child.bpmn': CHILD,
      'mod-parent.bpmn': callingProcess('mod-parent', 'mod-child'),
      'mod-user-task.bpmn': userTaskProcess('mod-user-task'),
    });
    expect(deployed.status).toBe(200);
    rest = new Camunda8({
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'error',
    } as never).getCamundaRestClient();
  });

  async function start(bpmnProcessId = 'mod-main', variables: Record<string, unknown> = {}) {
    const run = uniqueRun();
    const created = await engine.zeebe.createProcessInstance({
      bpmnProcessId,
      variables: { run, ...variables } as never,
    });
    return { key: created.processInstanceKey, run };
  }

  const activateAt = (elementId: string, more: Record<string, unknown> = {}) => ({
    elementId,
    ancestorElementInstanceKey: '-1',
    variableInstructions: [],
    ...more,
  });

  const ended = (key: string, intent: string) =>
    records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent,
      elementId: 'mod-main',
    });

  it('activating an element before a service task creates its job; the other tokens go on (gRPC, @camunda8/sdk)', async () => {
    const { key, run } = await start();
    await activate(engine.zeebe, `a-${run}`);
    await engine.zeebe.modifyProcessInstance({
      processInstanceKey: key,
      activateInstructions: [activateAt('C')],
    });
    const [job] = await activate(engine.zeebe, `c-${run}`);
    expect(job!.processInstanceKey).toBe(key);
    expect(await records.elementKeys(key, 'C')).toEqual([job!.elementInstanceKey]);
    const [modified] = await records.query({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE_MODIFICATION',
      intent: 'MODIFIED',
    });
    expect(modified!.value).toMatchObject({ activateInstructions: [{ elementId: 'C' }] });
    // The instance completes only when both tokens are done.
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: {} });
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_COMPLETED',
      elementId: 'end',
    });
    expect(await records.intents(key, 'mod-main')).not.toContain('ELEMENT_COMPLETED');
    expect(await records.intents(key, 'Wait')).toEqual([]);
  });

  it('terminating the only active element terminates the process instance, as documented: a flow scope left without active element instances is terminated, not completed; the job is cancelled (REST, CamundaRestClient)', async () => {
    const { key, run } = await start();
    const [job] = await activate(engine.zeebe, `a-${run}`);
    await rest.modifyProcessInstance({
      processInstanceKey: key,
      terminateInstructions: [{ elementInstanceKey: job!.elementInstanceKey }],
    });
    await ended(key, 'ELEMENT_TERMINATED');
    expect(await records.intents(key, 'A')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_TERMINATING',
      'ELEMENT_TERMINATED',
    ]);
    expect(await records.intents(key, 'mod-main')).not.toContain('ELEMENT_COMPLETED');
    const jobs = await records.query({ valueType: 'JOB', processInstanceKey: key });
    expect(jobs.map((r) => r.intent)).toEqual(['CREATED', 'CANCELED']);
  });

  it('terminate and activate in one command move the token: the waiting message subscription is closed and the process instance goes on from the activated element (gRPC, zeebe-node)', async () => {
    const { key, run } = await start();
    const [a] = await activate(engine.zeebe, `a-${run}`);
    await engine.zeebe.completeJob({ jobKey: a!.key, variables: {} });
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
      intent: 'CREATED',
    });
    const [wait] = await records.elementKeys(key, 'Wait');
    await zeebeNode().modifyProcessInstance({
      processInstanceKey: key,
      activateInstructions: [
        { elementId: 'C', ancestorElementInstanceKey: '-1', variableInstructions: [] },
      ],
      terminateInstructions: [{ elementInstanceKey: wait! }],
    } as never);
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
      intent: 'DELETED',
    });
    expect(await records.intents(key, 'Wait')).toContain('ELEMENT_TERMINATED');
    const [c] = await activate(engine.zeebe, `c-${run}`);
    await engine.zeebe.completeJob({ jobKey: c!.key, variables: {} });
    await ended(key, 'ELEMENT_COMPLETED');
  });

  it('variables of an activate instruction are set on the scope before the element activates: the element’s input mappings see them; no scopeId means the process instance', async () => {
    const { key, run } = await start();
    await engine.zeebe.modifyProcessInstance({
      processInstanceKey: key,
      activateInstructions: [
        activateAt('B', {
          variableInstructions: [
            { variables: { note: 'checked' }, scopeId: 'Sub' },
            { variables: { global: 1 }, scopeId: '' },
          ],
        }),
      ],
    });
    const [job] = await activate(engine.zeebe, `b-${run}`);
    expect(job!.variables).toMatchObject({ bInput: 'checked', note: 'checked', global: 1 });
    const [sub] = await records.elementKeys(key, 'Sub');
    expect(await records.variables(sub!)).toEqual({ note: 'checked' });
    expect(await records.variables(key)).toEqual({ run, global: 1 });
  });

  it('activating inside a sub-process creates the missing flow scope, without its start event, with its boundary events armed', async () => {
    const { key, run } = await start();
    await engine.zeebe.modifyProcessInstance({
      processInstanceKey: key,
      activateInstructions: [activateAt('B')],
    });
    const [job] = await activate(engine.zeebe, `b-${run}`);
    const [sub] = await records.elementKeys(key, 'Sub');
    const [b] = await records.query({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
      elementId: 'B',
    });
    expect(b!.value).toMatchObject({ flowScopeKey: sub });
    expect(job!.elementInstanceKey).toBe(b!.key);
    expect(await records.intents(key, 'subStart')).toEqual([]);
    await records.waitFor({ processInstanceKey: key, valueType: 'TIMER', intent: 'CREATED' });
  });

  it('ancestorElementInstanceKey picks the existing scope; a higher ancestor gets a new flow scope instance, and two instances of the flow scope without an ancestor are rejected', async () => {
    const { key, run } = await start();
    const twice = [
      activateAt('B', { ancestorElementInstanceKey: key }),
      activateAt('B', { ancestorElementInstanceKey: key }),
    ];
    await engine.zeebe.modifyProcessInstance({
      processInstanceKey: key,
      activateInstructions: twice,
    });
    await activate(engine.zeebe, `b-${run}`, 2);
    const subs = await records.elementKeys(key, 'Sub');
    expect(subs).toHaveLength(2);
    const ambiguous = await grpcError(
      engine.zeebe.modifyProcessInstance({
        processInstanceKey: key,
        activateInstructions: [activateAt('B')],
      }),
    );
    expect(ambiguous.code).toBe(Code.INVALID_ARGUMENT);
    expect(ambiguous.details).toContain("more than one active instance: 'Sub'");
    await engine.zeebe.modifyProcessInstance({
      processInstanceKey: key,
      activateInstructions: [activateAt('B', { ancestorElementInstanceKey: subs[1] })],
    });
    await activate(engine.zeebe, `b-${run}`);
    const bs = await records.query({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATED',
      elementId: 'B',
    });
    expect(bs.map((r) => r.value.flowScopeKey)).toEqual([subs[0], subs[1], subs[1]]);
    expect(await records.elementKeys(key, 'Sub')).toHaveLength(2);
  });

  it('terminating a sub-process instance terminates its children and cancels their jobs; the other tokens go on', async () => {
    const { key, run } = await start();
    await engine.zeebe.modifyProcessInstance({
      processInstanceKey: key,
      activateInstructions: [activateAt('B')],
    });
    const [b] = await activate(engine.zeebe, `b-${run}`);
    const [sub] = await records.elementKeys(key, 'Sub');
    await engine.zeebe.modifyProcessInstance({
      processInstanceKey: key,
      terminateInstructions: [{ elementInstanceKey: sub! }],
    });
    await records.waitFor({
      processInstanceKey: key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_TERMINATED',
      elementId: 'Sub',
    });
    expect(await records.intents(key, 'B')).toContain('ELEMENT_TERMINATED');
    const bJob = await records.query({
      valueType: 'JOB',
      processInstanceKey: key,
      intent: 'CANCELED',
    });
    expect(bJob.map((r) => r.key)).toEqual([b!.key]);
    expect(await records.intents(key, 'mod-main')).not.toContain('ELEMENT_TERMINATED');
    expect(await activatableNow(engine.zeebe, `a-${run}`)).toHaveLength(1);
  });

  it('a user task is created by an activate instruction and canceled by a terminate instruction, as by a regular activation and termination', async () => {
    const { key } = await start('mod-user-task');
    const [first] = await records.waitFor({
      processInstanceKey: key,
      valueType: 'USER_TASK',
      intent: 'CREATED',
    });
    const [taskInstance] = await records.elementKeys(key, 'task');
    await engine.zeebe.modifyProcessInstance({
      processInstanceKey: key,
      activateInstructions: [activateAt('task')],
      terminateInstructions: [{ elementInstanceKey: taskInstance! }],
    });
    const created = await records.waitFor(
      { processInstanceKey: key, valueType: 'USER_TASK', intent: 'CREATED' },
      2,
    );
    const canceled = await records.waitFor({
      processInstanceKey: key,
      valueType: 'USER_TASK',
      intent: 'CANCELED',
    });
    expect(canceled.map((r) => r.key)).toEqual([first!.key]);
    expect(created[1]!.value).toMatchObject({ elementId: 'task' });
    expect(created[1]!.value.elementInstanceKey).not.toBe(taskInstance);
    expect(await records.intents(key, 'mod-user-task')).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
    ]);
  });

  describe('rejections (Camunda 8.8 limitations); a rejected modification changes nothing', () => {
    const rejected = async (request: Record<string, unknown>) =>
      grpcError(engine.zeebe.modifyProcessInstance(request as never));

    it('an unknown process instance is NOT_FOUND over gRPC and 404 over REST', async () => {
      const grpc = await rejected({
        processInstanceKey: '2251799813999999',
        activateInstructions: [activateAt('C')],
      });
      expect(grpc.code).toBe(Code.NOT_FOUND);
      const response = await post(
        `${engine.restUrl}/v2/process-instances/2251799813999999/modification`,
        {
          terminateInstructions: [{ elementInstanceKey: '2251799813999998' }],
        },
      );
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ title: 'NOT_FOUND' });
    });

    it.each([
      ['an element id that is not in the process', 'Nope', 'could not be found'],
      ['a start event', 'start', "type 'START_EVENT' is not supported"],
      ['a boundary event', 'Late', "type 'BOUNDARY_EVENT' is not supported"],
      [
        'the start event of an event sub-process',
        'EspStart',
        "type 'START_EVENT' is not supported",
      ],
      ['a sequence flow', 'f1', 'could not be found'],
    ])('activating %s is INVALID_ARGUMENT', async (_what, elementId, reason) => {
      const { key } = await start();
      const error = await rejected({
        processInstanceKey: key,
        activateInstructions: [activateAt(elementId)],
      });
      expect(error.code).toBe(Code.INVALID_ARGUMENT);
      expect(error.details).toContain(reason);
    });

    it.each([
      [
        'an element inside a multi-instance sub-process',
        'Inner',
        "inside a multi-instance element 'MiSub'",
      ],
      ['an event after an event-based gateway', 'Tick', 'event-based gateway'],
    ])('activating %s is INVALID_ARGUMENT', async (_what, elementId, reason) => {
      const { key } = await start('mod-limits', { items: [1] });
      const error = await rejected({
        processInstanceKey: key,
        activateInstructions: [activateAt(elementId)],
      });
      expect(error.code).toBe(Code.INVALID_ARGUMENT);
      expect(error.details).toContain(reason);
    });

    it('an ancestor that is not a flow scope of the element, and variables for a scope that is not one, are INVALID_ARGUMENT', async () => {
      const { key, run } = await start();
      const [a] = await activate(engine.zeebe, `a-${run}`);
      const notAncestor = await rejected({
        processInstanceKey: key,
        activateInstructions: [
          activateAt('C', { ancestorElementInstanceKey: a!.elementInstanceKey }),
        ],
      });
      expect(notAncestor.code).toBe(Code.INVALID_ARGUMENT);
      expect(notAncestor.details).toContain('not an ancestor of the element');
      const wrongScope = await rejected({
        processInstanceKey: key,
        activateInstructions: [
          activateAt('C', { variableInstructions: [{ variables: { x: 1 }, scopeId: 'Sub' }] }),
        ],
      });
      expect(wrongScope.code).toBe(Code.INVALID_ARGUMENT);
      expect(wrongScope.details).toContain("doesn't belong to the activating element's flow scope");
    });

    it('an unknown element instance to terminate is INVALID_ARGUMENT, and the valid activation of the same command is not applied', async () => {
      const { key, run } = await start();
      const error = await rejected({
        processInstanceKey: key,
        activateInstructions: [activateAt('C')],
        terminateInstructions: [{ elementInstanceKey: '2251799813999997' }],
      });
      expect(error.code).toBe(Code.INVALID_ARGUMENT);
      expect(error.details).toContain(
        "element instance that could not be found: '2251799813999997'",
      );
      expect(await records.intents(key, 'C')).toEqual([]);
      expect(await activatableNow(engine.zeebe, `c-${run}`)).toEqual([]);
      const modification = { processInstanceKey: key, valueType: 'PROCESS_INSTANCE_MODIFICATION' };
      expect(await records.query(modification)).toEqual([]);
      const [rejection] = await records.query({ ...modification, recordType: 'COMMAND_REJECTION' });
      expect(rejection).toMatchObject({ intent: 'MODIFY', rejectionType: 'INVALID_ARGUMENT' });
    });

    it('terminating every element of a called instance is INVALID_ARGUMENT: modify the parent instead', async () => {
      const { key, run } = await start('mod-parent');
      const [t] = await activate(engine.zeebe, `t-${run}`);
      const error = await rejected({
        processInstanceKey: t!.processInstanceKey,
        terminateInstructions: [{ elementInstanceKey: t!.elementInstanceKey }],
      });
      expect(error.code).toBe(Code.INVALID_ARGUMENT);
      expect(error.details).toContain('modify the parent process instead');
      expect(await records.intents(key, 'call')).not.toContain('ELEMENT_TERMINATING');
    });

    it('a malformed REST body is 400 before it reaches the engine', async () => {
      const { key } = await start();
      const response = await post(`${engine.restUrl}/v2/process-instances/${key}/modification`, {
        activateInstructions: [{ variableInstructions: [] }],
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ title: 'INVALID_ARGUMENT' });
    });
  });
});
