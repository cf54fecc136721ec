/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { Camunda8 } from '@camunda8/sdk';
import { useEngine } from '../support/engine';
import { Code, eventually, grpcError, readRecords, unique } from './clients-support';
import {
  flows,
  message,
  messageBoundary,
  model,
  service,
  subProcess,
  timerBoundary,
  userTask,
} from './migration-models';
import { migrationSteps } from './migration-harness';
import { get, post, searchUntil } from './rest-helpers';
import { instanceState, taskOf } from './user-tasks-helpers';

/**
 * Process instance migration as Camunda 8.8 documents it ("Process instance migration";
 * zeebe.proto MigrateProcessInstance; REST POST /v2/process-instances/{key}/migration): active
 * elements move to the elements they are mapped to, keeping their keys, jobs, user tasks and
 * variables; what the docs do not allow is rejected whole.
 */
describe('process instance migration', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;

  // Version 1 is the source; the target is deployed as version 2 before the instance starts.
  const { deploy, start, migrate } = migrationSteps(engine);

  const activate = (type: string) =>
    engine.zeebe.activateJobs({ type, worker: 'w', timeout: 60_000, maxJobsToActivate: 5 });

  async function jobOf(type: string) {
    return eventually(async () => (await activate(type))[0], `a job of type ${type}`);
  }

  async function elementRows(instanceKey: string, done: (items: any[]) => boolean) {
    const search = await searchUntil(
      url('/v2/element-instances/search'),
      { filter: { processInstanceKey: instanceKey } },
      (r) => done(r.body.items ?? []),
    );
    return search.body.items as any[];
  }

  /** A process of one service task `A` in two versions: the target has task `B` after it. */
  async function twoVersions(processId: string, type: string) {
    const v1 = await deploy(model(processId, [service('A', type)], ['A']));
    const v2 = await deploy(
      model(processId, [service('A2', type), service('B', `${type}-b`)], ['A2', 'B']),
    );
    return { v1, v2 };
  }

  it("a migrated service task's job keeps its key and is completed under the target, with the instance's variables", async () => {
    const processId = unique('mig');
    const type = unique('job');
    const { v2 } = await twoVersions(processId, type);
    const instanceKey = await start(processId, { orderId: 'o-1' });
    await migrate(instanceKey, v2.key, [['A', 'A2']]);

    const job = await jobOf(type);
    const [created] = await readRecords(engine.databaseUrl, {
      valueType: 'JOB',
      intent: 'CREATED',
      processInstanceKey: instanceKey,
    });
    expect(job.key).toBe(created!.key);
    expect(job).toMatchObject({
      elementId: 'A2',
      bpmnProcessId: processId,
      processDefinitionVersion: 2,
      processDefinitionKey: v2.key,
      variables: { orderId: 'o-1' },
    });
    const [migrated] = await readRecords(engine.databaseUrl, {
      valueType: 'JOB',
      intent: 'MIGRATED',
      key: job.key,
    });
    expect(migrated!.value).toMatchObject({ elementId: 'A2', processDefinitionKey: v2.key });
    await engine.zeebe.completeJob({ jobKey: job.key, variables: {} });

    const instance = await get(url(`/v2/process-instances/${instanceKey}`));
    expect(instance.body).toMatchObject({
      processDefinitionKey: v2.key,
      processDefinitionVersion: 2,
      processDefinitionId: processId,
    });
  });

  it("the instance continues on the target's flow after the migrated element", async () => {
    const processId = unique('mig');
    const type = unique('job');
    const { v2 } = await twoVersions(processId, type);
    const instanceKey = await start(processId);
    const job = await jobOf(type);
    await migrate(instanceKey, v2.key, [['A', 'A2']]);
    await engine.zeebe.completeJob({ jobKey: job.key, variables: {} });

    const next = await jobOf(`${type}-b`);
    expect(next).toMatchObject({ elementId: 'B', processDefinitionKey: v2.key });
    await engine.zeebe.completeJob({ jobKey: next.key, variables: {} });
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    const rows = await elementRows(instanceKey, (items) => items.length >= 5);
    const byElement = Object.fromEntries(rows.map((r) => [r.elementId, r]));
    expect(byElement.A2).toMatchObject({ processDefinitionKey: v2.key, state: 'COMPLETED' });
    expect(byElement.B).toMatchObject({ processDefinitionKey: v2.key, state: 'COMPLETED' });
    expect(byElement.A).toBeUndefined();
  });

  it('a user task migrates and is completed on the target, keeping its key and assignee', async () => {
    const processId = unique('mig');
    await deploy(model(processId, [userTask('review')], ['review']));
    const v2 = await deploy(model(processId, [userTask('check')], ['check']));
    const instanceKey = await start(processId);
    const task = await taskOf(engine.restUrl, instanceKey, (t) => t !== undefined);
    await post(url(`/v2/user-tasks/${task.userTaskKey}/assignment`), { assignee: 'anna' });
    await migrate(instanceKey, v2.key, [['review', 'check']]);

    const moved = await taskOf(engine.restUrl, instanceKey, (t) => t?.elementId === 'check');
    expect(moved).toMatchObject({
      userTaskKey: task.userTaskKey,
      elementId: 'check',
      processDefinitionKey: v2.key,
      assignee: 'anna',
      state: 'CREATED',
    });
    const done = await post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {});
    expect(done.status).toBe(204);
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
  });

  it('a sub-process and the task inside it migrate together when both are mapped', async () => {
    const processId = unique('mig');
    const type = unique('job');
    const inner = (task: string) => `<bpmn:startEvent id="s" />${task}<bpmn:endEvent id="e" />`;
    await deploy(
      model(
        processId,
        [subProcess('sub', inner(service('A', type)) + flows(['s', 'A', 'e']))],
        ['sub'],
      ),
    );
    const v2 = await deploy(
      model(
        processId,
        [subProcess('sub2', inner(service('A2', type)) + flows(['s', 'A2', 'e']))],
        ['sub2'],
      ),
    );
    const instanceKey = await start(processId);
    await migrate(instanceKey, v2.key, [
      ['sub', 'sub2'],
      ['A', 'A2'],
    ]);
    const job = await jobOf(type);
    expect(job.elementId).toBe('A2');
    await engine.zeebe.completeJob({ jobKey: job.key, variables: {} });
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    const rows = await elementRows(instanceKey, (items) =>
      items.some((r) => r.elementId === 'sub2'),
    );
    expect(rows.find((r) => r.elementId === 'sub2')).toMatchObject({ type: 'SUB_PROCESS' });
  });

  it('a call activity migrates and its called instance stays as it is; the parent continues on the target', async () => {
    const childId = unique('child');
    const parentId = unique('mig');
    const type = unique('job');
    await deploy(model(childId, [service('work', type)], ['work']));
    const call = (id: string) =>
      `<bpmn:callActivity id="${id}"><bpmn:extensionElements><zeebe:calledElement processId="${childId}" /></bpmn:extensionElements></bpmn:callActivity>`;
    await deploy(model(parentId, [call('call')], ['call']));
    const v2 = await deploy(
      model(parentId, [call('call2'), service('B', `${type}-b`)], ['call2', 'B']),
    );
    const instanceKey = await start(parentId);
    const job = await jobOf(type);
    await migrate(instanceKey, v2.key, [['call', 'call2']]);
    expect(job.bpmnProcessId).toBe(childId);
    await engine.zeebe.completeJob({ jobKey: job.key, variables: {} });
    expect(await jobOf(`${type}-b`)).toMatchObject({
      elementId: 'B',
      processInstanceKey: instanceKey,
      processDefinitionKey: v2.key,
    });
  });

  it('an incident moves with its element: it is shown on the target and resolving it continues there', async () => {
    const processId = unique('mig');
    const type = unique('job');
    const { v2 } = await twoVersions(processId, type);
    const instanceKey = await start(processId);
    const job = await jobOf(type);
    await engine.zeebe.failJob({
      jobKey: job.key,
      retries: 0,
      errorMessage: 'down',
      retryBackOff: 0,
    });
    const [created] = await eventually(async () => {
      const found = await readRecords(engine.databaseUrl, {
        valueType: 'INCIDENT',
        intent: 'CREATED',
        processInstanceKey: instanceKey,
      });
      return found.length > 0 ? found : undefined;
    }, 'the incident');
    await migrate(instanceKey, v2.key, [['A', 'A2']]);
    const search = await searchUntil(
      url('/v2/incidents/search'),
      { filter: { processInstanceKey: instanceKey } },
      (r) => r.body.items?.[0]?.elementId === 'A2',
    );
    expect(search.body.items[0]).toMatchObject({
      incidentKey: created!.key,
      elementId: 'A2',
      processDefinitionKey: v2.key,
      state: 'ACTIVE',
    });
    await engine.zeebe.updateJobRetries({ jobKey: job.key, retries: 1 });
    await engine.zeebe.resolveIncident({ incidentKey: created!.key });
    const again = await jobOf(type);
    expect(again).toMatchObject({ key: job.key, elementId: 'A2' });
  });

  it('an active timer catch event keeps its timer and due date on the target', async () => {
    const processId = unique('mig');
    const type = unique('job');
    const wait = (id: string) =>
      `<bpmn:intermediateCatchEvent id="${id}"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
    await deploy(model(processId, [wait('wait')], ['wait']));
    const v2 = await deploy(model(processId, [wait('wait2'), service('B', type)], ['wait2', 'B']));
    const now = Date.now();
    await engine.setClock(now);
    try {
      const instanceKey = await start(processId);
      const [timer] = await readRecords(engine.databaseUrl, {
        valueType: 'TIMER',
        intent: 'CREATED',
        processInstanceKey: instanceKey,
      });
      await migrate(instanceKey, v2.key, [['wait', 'wait2']]);
      const [migrated] = await readRecords(engine.databaseUrl, {
        valueType: 'TIMER',
        intent: 'MIGRATED',
        key: timer!.key,
      });
      expect(migrated!.value).toMatchObject({
        targetElementId: 'wait2',
        dueDate: timer!.value.dueDate,
      });
      await engine.setClock(now + 2 * 3_600_000);
      expect(await jobOf(type)).toMatchObject({ elementId: 'B', processDefinitionKey: v2.key });
    } finally {
      await engine.resetClock();
    }
  });

  describe('rejections (nothing is migrated)', () => {
    async function rejected(mappings: Array<[string, string]>, target?: (v: string) => string) {
      const processId = unique('mig');
      const type = unique('job');
      const { v2 } = await twoVersions(processId, type);
      const instanceKey = await start(processId);
      const error = await grpcError(
        migrate(instanceKey, target ? target(v2.key) : v2.key, mappings),
      );
      const migrated = await readRecords(engine.databaseUrl, {
        valueType: 'PROCESS_INSTANCE',
        intent: 'ELEMENT_MIGRATED',
        processInstanceKey: instanceKey,
      });
      expect(migrated).toHaveLength(0);
      const job = await jobOf(type);
      expect(job.elementId).toBe('A');
      return { error, instanceKey };
    }

    it('a rejection leaves every element where it was, also those that had a mapping', async () => {
      const processId = unique('mig');
      const type = unique('job');
      const parallel = (a: string, c: string) =>
        model(
          processId,
          ['<bpmn:parallelGateway id="fork" />', service(a, type)],
          ['fork', a],
          `${service(c, `${type}-c`)}<bpmn:endEvent id="end2" />${flows(['fork', c, 'end2'])}`,
        );
      await deploy(parallel('A', 'C'));
      const v2 = await deploy(parallel('A2', 'C2'));
      const instanceKey = await start(processId);
      const error = await grpcError(migrate(instanceKey, v2.key, [['A', 'A2']]));
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      expect(error.details).toContain(
        "no mapping instruction defined for active element with id 'C'",
      );
      expect(await jobOf(type)).toMatchObject({ elementId: 'A', processDefinitionVersion: 1 });
      const instance = await get(url(`/v2/process-instances/${instanceKey}`));
      expect(instance.body.processDefinitionVersion).toBe(1);
    });

    it('an unknown process instance is rejected with NOT_FOUND', async () => {
      const error = await grpcError(migrate('2251799813999995', '2251799813999990', []));
      expect(error.code).toBe(Code.NOT_FOUND);
      expect(error.details).toContain("no process instance found with key '2251799813999995'");
    });

    it('an unknown target process definition is rejected with NOT_FOUND', async () => {
      const { error } = await rejected([['A', 'A2']], () => '2251799813999990');
      expect(error.code).toBe(Code.NOT_FOUND);
      expect(error.details).toContain("no process definition found with key '2251799813999990'");
    });

    it('an active element without a mapping instruction rejects the migration', async () => {
      const { error, instanceKey } = await rejected([]);
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      expect(error.details).toContain(
        `Expected to migrate process instance '${instanceKey}' but no mapping instruction defined for active element with id 'A'. Elements cannot be migrated without a mapping.`,
      );
    });

    it('changed element type rejects', async () => {
      const processId = unique('mig');
      const type = unique('job');
      await deploy(model(processId, [service('A', type)], ['A']));
      const v2 = await deploy(model(processId, [userTask('A')], ['A']));
      const instanceKey = await start(processId);
      const error = await grpcError(migrate(instanceKey, v2.key, [['A', 'A']]));
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      expect(error.details).toContain(
        "active element with id 'A' and type 'SERVICE_TASK' is mapped to an element with id 'A' and different type 'USER_TASK'. Elements must be mapped to elements of the same type.",
      );
      expect((await jobOf(type)).processDefinitionVersion).toBe(1);
    });

    it('a mapping instruction whose source element does not exist is rejected with INVALID_ARGUMENT', async () => {
      const { error } = await rejected([
        ['A', 'A2'],
        ['nope', 'B'],
      ]);
      expect(error.code).toBe(Code.INVALID_ARGUMENT);
      expect(error.details).toContain("non-existing source element id 'nope'");
    });

    it('a mapping instruction whose target element does not exist is rejected with INVALID_ARGUMENT', async () => {
      const { error } = await rejected([['A', 'missing']]);
      expect(error.code).toBe(Code.INVALID_ARGUMENT);
      expect(error.details).toContain("non-existing target element id 'missing'");
    });

    it('two instructions for the same source element are rejected with INVALID_ARGUMENT', async () => {
      const { error } = await rejected([
        ['A', 'A2'],
        ['A', 'B'],
      ]);
      expect(error.code).toBe(Code.INVALID_ARGUMENT);
      expect(error.details).toContain("duplicate source element ids '[A]'");
    });

    it("a migration that would change an element's flow scope is rejected", async () => {
      const processId = unique('mig');
      const type = unique('job');
      await deploy(model(processId, [service('A', type)], ['A']));
      const inner = `<bpmn:startEvent id="s" />${service('A', type)}<bpmn:endEvent id="e" />${flows(['s', 'A', 'e'])}`;
      const v2 = await deploy(model(processId, [subProcess('sub', inner)], ['sub']));
      const instanceKey = await start(processId);
      const error = await grpcError(migrate(instanceKey, v2.key, [['A', 'A']]));
      expect(error.code).toBe(Code.FAILED_PRECONDITION);
      expect(error.details).toContain(
        `the flow scope of active element with id 'A' is changed. The flow scope of the active element is expected to be '${processId}' but was 'sub'.`,
      );
      expect((await jobOf(type)).processDefinitionVersion).toBe(1);
    });
  });

  describe('boundary events', () => {
    afterAll(() => engine.resetClock());

    async function boundaryVersions(sourceBoundary: string, targetBoundary: string, head = '') {
      const processId = unique('mig');
      const type = unique('job');
      const escalated = `<bpmn:endEvent id="late" />`;
      const v1 = await deploy(
        model(
          processId,
          [service('A', type)],
          ['A'],
          sourceBoundary + escalated + flows(['T1', 'late']),
          head,
        ),
      );
      const v2 = await deploy(
        model(
          processId,
          [service('A', type), service('X', `${type}-x`)],
          ['A'],
          targetBoundary + flows(['T2', 'X', 'late']) + escalated,
          head,
        ),
      );
      return { processId, type, v1, v2 };
    }

    it('a mapped timer boundary event keeps its timer and due date and fires on the target', async () => {
      const now = Date.now();
      await engine.setClock(now);
      const { processId, type, v2 } = await boundaryVersions(
        timerBoundary('T1', 'A', 'PT1H'),
        timerBoundary('T2', 'A', 'PT5H'),
      );
      const instanceKey = await start(processId);
      const [timer] = await readRecords(engine.databaseUrl, {
        valueType: 'TIMER',
        intent: 'CREATED',
        processInstanceKey: instanceKey,
      });
      await migrate(instanceKey, v2.key, [
        ['A', 'A'],
        ['T1', 'T2'],
      ]);
      const [migrated] = await readRecords(engine.databaseUrl, {
        valueType: 'TIMER',
        intent: 'MIGRATED',
        key: timer!.key,
      });
      expect(migrated!.value).toMatchObject({
        targetElementId: 'T2',
        dueDate: timer!.value.dueDate,
      });
      await engine.setClock(now + 2 * 3_600_000);
      const escalation = await jobOf(`${type}-x`);
      expect(escalation).toMatchObject({ elementId: 'X', processDefinitionKey: v2.key });
      const canceled = await readRecords(engine.databaseUrl, {
        valueType: 'JOB',
        intent: 'CANCELED',
        processInstanceKey: instanceKey,
      });
      expect(canceled.map((r) => r.value.elementId)).toEqual(['A']);
    });

    it("an unmapped timer boundary event of the source is canceled and the target's own is created", async () => {
      await engine.setClock(Date.now());
      const { processId, v2 } = await boundaryVersions(
        timerBoundary('T1', 'A', 'PT1H'),
        timerBoundary('T2', 'A', 'PT5H'),
      );
      const instanceKey = await start(processId);
      const filter = { valueType: 'TIMER' as const, processInstanceKey: instanceKey };
      const [timer] = await readRecords(engine.databaseUrl, { ...filter, intent: 'CREATED' });
      await migrate(instanceKey, v2.key, [['A', 'A']]);
      const canceled = await readRecords(engine.databaseUrl, { ...filter, intent: 'CANCELED' });
      expect(canceled.map((r) => r.key)).toEqual([timer!.key]);
      const created = await readRecords(engine.databaseUrl, { ...filter, intent: 'CREATED' });
      expect(created.map((r) => r.value.targetElementId)).toEqual(['T1', 'T2']);
    });

    it('a mapped message boundary event keeps its subscription and a message triggers it on the target', async () => {
      const head = message('Msg', unique('cancel'));
      const name = /name="([^"]+)"/.exec(head)![1]!;
      const { processId, type, v2 } = await boundaryVersions(
        messageBoundary('T1', 'A', 'Msg'),
        messageBoundary('T2', 'A', 'Msg'),
        head,
      );
      const instanceKey = await start(processId, { orderId: 'o-7' });
      const [subscription] = await readRecords(engine.databaseUrl, {
        valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
        intent: 'CREATED',
        processInstanceKey: instanceKey,
      });
      await migrate(instanceKey, v2.key, [
        ['A', 'A'],
        ['T1', 'T2'],
      ]);
      const [migrated] = await readRecords(engine.databaseUrl, {
        valueType: 'PROCESS_MESSAGE_SUBSCRIPTION',
        intent: 'MIGRATED',
        key: subscription!.key,
      });
      expect(migrated!.value).toMatchObject({ elementId: 'T2', correlationKey: 'o-7' });
      await engine.zeebe.publishMessage({ name, correlationKey: 'o-7', variables: {} });
      const escalation = await jobOf(`${type}-x`);
      expect(escalation.elementId).toBe('X');
    });
  });

  describe('REST POST /v2/process-instances/{key}/migration', () => {
    it('answers 204 and the instance is shown under the target definition', async () => {
      const processId = unique('mig');
      const type = unique('job');
      const { v2 } = await twoVersions(processId, type);
      const instanceKey = await start(processId);
      const client = new Camunda8({
        ZEEBE_REST_ADDRESS: engine.restUrl,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        CAMUNDA_LOG_LEVEL: 'error',
      } as never).getCamundaRestClient();
      await client.migrateProcessInstance({
        processInstanceKey: instanceKey,
        targetProcessDefinitionKey: v2.key,
        mappingInstructions: [{ sourceElementId: 'A', targetElementId: 'A2' }],
      });
      const rows = await elementRows(instanceKey, (items) =>
        items.some((r) => r.elementId === 'A2'),
      );
      expect(rows.find((r) => r.elementId === 'A2')).toMatchObject({
        processDefinitionKey: v2.key,
        processDefinitionId: processId,
        state: 'ACTIVE',
      });
    });

    it('answers the documented problems: 404 for an unknown instance, 409 INVALID_STATE for an unmapped active element', async () => {
      const processId = unique('mig');
      const { v2 } = await twoVersions(processId, unique('job'));
      const instanceKey = await start(processId);
      const body = { targetProcessDefinitionKey: v2.key, mappingInstructions: [] };
      const unknown = await post(url('/v2/process-instances/2251799813999995/migration'), body);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ title: 'NOT_FOUND' });
      const unmapped = await post(url(`/v2/process-instances/${instanceKey}/migration`), body);
      expect(unmapped.status).toBe(409);
      expect(unmapped.body).toMatchObject({ title: 'INVALID_STATE' });
      expect(unmapped.body.detail).toContain("active element with id 'A'");
      const ok = await post(url(`/v2/process-instances/${instanceKey}/migration`), {
        ...body,
        mappingInstructions: [{ sourceElementId: 'A', targetElementId: 'A2' }],
      });
      expect(ok.status).toBe(204);
    });
  });
  it('a migration survives a restart: the log replays it and the job completes on the target', async () => {
    const processId = unique('mig');
    const type = unique('job');
    const { v2 } = await twoVersions(processId, type);
    const instanceKey = await start(processId);
    await migrate(instanceKey, v2.key, [['A', 'A2']]);
    await engine.restart('SIGKILL');
    const job = await jobOf(type);
    expect(job).toMatchObject({ elementId: 'A2', processDefinitionKey: v2.key });
    await engine.zeebe.completeJob({ jobKey: job.key, variables: {} });
    expect(await jobOf(`${type}-b`)).toMatchObject({ elementId: 'B' });
  });
});
