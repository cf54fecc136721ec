/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers and the loose client */
import { Camunda8 } from '@camunda8/sdk';
import { useEngine } from '../support/engine';
import { readRecords } from './clients-support';
import { call, deploy, deployProcess, post, searchUntil } from './rest-helpers';
import {
  intentWritten,
  listenerJobs,
  listeners,
  pending,
  sdkRestClient,
  taskIntents,
} from './user-task-listeners-helpers';
import { instanceState, patch, startWithTask, taskOf, userTaskProcess } from './user-tasks-helpers';

/**
 * User task listeners as Camunda 8.8 documents them ("User task listeners"): a listener is a
 * job of kind TASK_LISTENER; a transition waits in its …ING state until every listener of its
 * event has completed its job, in model order; a listener may deny an assignment, update or
 * completion (`result: {type: "userTask", denied: true}`) or correct the task's properties. The
 * REST request that started the transition is answered once it is done ("Completion waits for
 * blocking task listeners"), or with 409 INVALID_STATE when a listener denied it.
 */
describe('user task listeners', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;
  const jobs = () => listenerJobs(engine.restUrl);
  const intents = (instanceKey: string) => taskIntents(engine.databaseUrl, instanceKey);

  beforeAll(async () => {
    const models: Array<[string, string]> = [
      [
        'tl-complete',
        listeners(
          ['completing', 'check-first'],
          ['completing', '=&quot;check-&quot; + &quot;second&quot;'],
        ),
      ],
      ['tl-assign', listeners(['assigning', 'check-assignee'])],
      ['tl-update', listeners(['updating', 'check-update'])],
      ['tl-sdk', listeners(['completing', 'sdk-check'])],
      [
        'tl-changed',
        listeners(['assigning', 'assign-1'], ['assigning', 'assign-2'], ['assigning', 'assign-3']),
      ],
      ['tl-create', listeners(['creating', 'on-create'], ['assigning', 'on-create-assign'])],
      [
        'tl-create-assigned',
        `<zeebe:assignmentDefinition assignee="demo" />${listeners(
          ['creating', 'on-create-assigned'],
          ['assigning', 'on-assign-model'],
        )}`,
      ],
    ];
    for (const [id, extensions] of models) {
      await deployProcess(engine.restUrl, id, userTaskProcess(id, extensions));
    }
  });

  it('completing listeners run one after the other; the completion is answered once they are done', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-complete');
    const client = sdkRestClient(engine.restUrl);
    const completion = pending<unknown>(
      client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: true } }),
    );
    const first = await jobs().take('check-first');
    expect(first).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'COMPLETING' });
    expect(first.customHeaders).toMatchObject({
      'io.camunda.zeebe:userTaskKey': task.userTaskKey,
      'io.camunda.zeebe:action': 'complete',
    });
    expect(
      await taskOf(engine.restUrl, instanceKey, (t) => t?.state === 'COMPLETING'),
    ).toBeTruthy();
    // The second listener's job exists only once the first one is done.
    expect(await jobs().none('check-second')).toBe(true);
    expect(completion.answered()).toBe(false);
    expect((await jobs().complete(first)).status).toBe(204);
    const second = await jobs().take('check-second');
    expect(completion.answered()).toBe(false);
    expect((await jobs().complete(second)).status).toBe(204);
    await completion.answer;
    // Answered after the transition: the instance has gone on already.
    const log = await intents(instanceKey);
    expect(log.slice(-2)).toEqual(['COMPLETING', 'COMPLETED']);
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    const variables = await post(url('/v2/variables/search'), {
      filter: { processInstanceKey: instanceKey, name: 'approved' },
    });
    expect(variables.body.items?.[0]?.value).toBe('true');
  });

  it('a listener that denies the completion rejects the request with 409 INVALID_STATE and the task stays CREATED', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-complete');
    const key = task.userTaskKey as string;
    const completion = post(url(`/v2/user-tasks/${key}/completion`), {});
    const denied = await jobs().complete(await jobs().take('check-first'), {
      result: { type: 'userTask', denied: true, deniedReason: '材料不全' },
    });
    expect(denied.status).toBe(204);
    const answer = await completion;
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ title: 'INVALID_STATE', status: 409 });
    expect(answer.body.detail).toBe(
      `Command 'COMPLETE' rejected with code 'INVALID_STATE': Completion of the User Task with key '${key}' was denied by Task Listener. Reason to deny: '材料不全'`,
    );
    await intentWritten(engine.databaseUrl, instanceKey, 'COMPLETION_DENIED');
    const again = await taskOf(engine.restUrl, instanceKey, (t) => t?.state === 'CREATED');
    expect(again).toMatchObject({ state: 'CREATED', completionDate: null });
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('ACTIVE');
    // The task can be completed again; the listeners run from the first one.
    const retried = post(url(`/v2/user-tasks/${key}/completion`), {});
    await jobs().complete(await jobs().take('check-first'));
    await jobs().complete(await jobs().take('check-second'));
    expect((await retried).status).toBe(204);
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
  });

  it("a listener's corrections are applied to the task when the transition ends", async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-complete');
    const completion = post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {});
    await jobs().complete(await jobs().take('check-first'), {
      result: {
        type: 'userTask',
        corrections: { assignee: 'zhang', priority: 90, candidateGroups: ['街道办'] },
      },
    });
    // The next listener sees the corrected task.
    const second = await jobs().take('check-second');
    expect(second.userTask).toMatchObject({
      userTaskKey: task.userTaskKey,
      action: 'complete',
      assignee: 'zhang',
      priority: 90,
      candidateGroups: ['街道办'],
    });
    expect(second.customHeaders['io.camunda.zeebe:assignee']).toBe('zhang');
    await jobs().complete(second);
    expect((await completion).status).toBe(204);
    const done = await taskOf(engine.restUrl, instanceKey, (t) => t?.state === 'COMPLETED');
    expect(done).toMatchObject({ assignee: 'zhang', priority: 90, candidateGroups: ['街道办'] });
    const corrected = await readRecords(engine.databaseUrl, {
      valueType: 'USER_TASK',
      intent: 'CORRECTED',
      processInstanceKey: instanceKey,
    });
    expect(corrected[0]?.value.changedAttributes).toEqual([
      'assignee',
      'candidateGroupsList',
      'priority',
    ]);
  });

  it("the changed attributes a listener sees take the earlier listeners' corrections into account", async () => {
    const { task } = await startWithTask(engine.restUrl, 'tl-changed');
    const assignment = post(url(`/v2/user-tasks/${task.userTaskKey}/assignment`), {
      assignee: 'li',
    });
    const first = await jobs().take('assign-1');
    expect(first.userTask.changedAttributes).toEqual(['assignee']);
    await jobs().complete(first, { result: { type: 'userTask', corrections: { priority: 80 } } });
    const second = await jobs().take('assign-2');
    expect(second.userTask.changedAttributes).toEqual(['assignee', 'priority']);
    // Corrected back to the value it had before the assignment: no longer a change.
    await jobs().complete(second, { result: { type: 'userTask', corrections: { priority: 50 } } });
    const third = await jobs().take('assign-3');
    expect(third.userTask.changedAttributes).toEqual(['assignee']);
    await jobs().complete(third);
    expect((await assignment).status).toBe(204);
  });

  it('a denial cannot come with corrections, and only the documented properties can be corrected', async () => {
    const { task } = await startWithTask(engine.restUrl, 'tl-assign');
    void post(url(`/v2/user-tasks/${task.userTaskKey}/assignment`), { assignee: 'li' });
    const job = await jobs().take('check-assignee');
    const both = await jobs().complete(job, {
      result: { type: 'userTask', denied: true, corrections: { priority: 1 } },
    });
    expect(both.status).toBe(400);
    expect(both.body.detail).toContain('The corrections would be reverted by the denial');
    const unknown = await jobs().complete(job, {
      result: { type: 'userTask', corrections: { name: 'x' } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain("property 'name' cannot be corrected");
    expect((await jobs().complete(job, { variables: { x: 1 } })).status).toBe(400);
    expect((await jobs().complete(job)).status).toBe(204);
  });

  it('assigning listeners run before the assignment; a denial rejects it with 409 and keeps the old assignee', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-assign');
    const key = task.userTaskKey as string;
    const client = sdkRestClient(engine.restUrl);
    const assignment = pending<unknown>(
      client.assignTask({ userTaskKey: key, assignee: 'li', action: 'assign' }),
    );
    const job = await jobs().take('check-assignee');
    expect(job).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'ASSIGNING' });
    expect(job.customHeaders['io.camunda.zeebe:assignee']).toBe('li');
    expect(assignment.answered()).toBe(false);
    await jobs().complete(job);
    await assignment.answer;
    expect(
      await taskOf(
        engine.restUrl,
        instanceKey,
        (t) => t?.state === 'CREATED' && t.assignee === 'li',
      ),
    ).toMatchObject({ state: 'CREATED', assignee: 'li' });
    const reassignment = post(url(`/v2/user-tasks/${key}/assignment`), { assignee: 'wang' });
    await jobs().complete(await jobs().take('check-assignee'), {
      result: { type: 'userTask', denied: true },
    });
    const answer = await reassignment;
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toContain(
      `Assignment of the User Task with key '${key}' was denied by Task Listener`,
    );
    await intentWritten(engine.databaseUrl, instanceKey, 'ASSIGNMENT_DENIED');
    expect(await taskOf(engine.restUrl, instanceKey, (t) => t?.state === 'CREATED')).toMatchObject({
      assignee: 'li',
    });
  });

  it('updating listeners run on an update; a denial rejects it with 409 and keeps the old values', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-update');
    const key = task.userTaskKey as string;
    const update = pending(patch(url(`/v2/user-tasks/${key}`), { changeset: { priority: 80 } }));
    const job = await jobs().take('check-update');
    expect(job).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'UPDATING' });
    expect(JSON.parse(job.customHeaders['io.camunda.zeebe:changedAttributes'])).toEqual([
      'priority',
    ]);
    expect(update.answered()).toBe(false);
    await jobs().complete(job);
    expect((await update.answer).status).toBe(204);
    expect(
      await taskOf(engine.restUrl, instanceKey, (t) => t?.priority === 80 && t.state === 'CREATED'),
    ).toMatchObject({ priority: 80 });
    const denied = patch(url(`/v2/user-tasks/${key}`), { changeset: { priority: 10 } });
    await jobs().complete(await jobs().take('check-update'), {
      result: { type: 'userTask', denied: true, deniedReason: 'no' },
    });
    const answer = await denied;
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toBe(
      `Command 'UPDATE' rejected with code 'INVALID_STATE': Update of the User Task with key '${key}' was denied by Task Listener. Reason to deny: 'no'`,
    );
    await intentWritten(engine.databaseUrl, instanceKey, 'UPDATE_DENIED');
    expect(await taskOf(engine.restUrl, instanceKey, (t) => t?.state === 'CREATED')).toMatchObject({
      priority: 80,
    });
  });

  it("updating listeners run when variables are set on the task's element instance; a denial rejects them with 409", async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-update');
    const scope = task.elementInstanceKey as string;
    const setVariables = (variables: Record<string, unknown>) =>
      call(url(`/v2/element-instances/${scope}/variables`), 'PUT', { variables });
    const setting = pending(setVariables({ note: 'ok' }));
    const job = await jobs().take('check-update');
    expect(job.userTask.changedAttributes).toEqual(['variables']);
    expect(setting.answered()).toBe(false);
    await jobs().complete(job);
    expect((await setting.answer).status).toBe(204);
    const noteIs = (value: string) =>
      searchUntil(
        url('/v2/variables/search'),
        { filter: { processInstanceKey: instanceKey, name: 'note' } },
        (r) => r.body.items?.[0]?.value === value,
      );
    // Set local to the task.
    expect((await noteIs('"ok"')).body.items[0]).toMatchObject({ scopeKey: scope });
    const denied = setVariables({ note: 'no' });
    await jobs().complete(await jobs().take('check-update'), {
      result: { type: 'userTask', denied: true, deniedReason: 'locked' },
    });
    const answer = await denied;
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toBe(
      `Command 'UPDATE' rejected with code 'INVALID_STATE': Variable update for user task instance with key '${scope}' was denied by Task Listener. Reason to deny: 'locked'`,
    );
    const documents = await readRecords(engine.databaseUrl, {
      valueType: 'VARIABLE_DOCUMENT',
      processInstanceKey: instanceKey,
    });
    expect(documents.map((r) => r.intent)).toEqual([
      'UPDATING',
      'UPDATED',
      'UPDATING',
      'UPDATE_DENIED',
    ]);
    expect((await noteIs('"ok"')).body.items[0]?.value).toBe('"ok"');
  });

  it('creating listeners run before the task is CREATED and may set an assignee the model lacks', async () => {
    const created = await post(url('/v2/process-instances'), { processDefinitionId: 'tl-create' });
    const instanceKey = created.body.processInstanceKey as string;
    const job = await jobs().take('on-create');
    expect(job).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'CREATING' });
    expect(await taskOf(engine.restUrl, instanceKey, (t) => t?.state === 'CREATING')).toBeTruthy();
    // A creation cannot be denied.
    const denied = await jobs().complete(job, { result: { type: 'userTask', denied: true } });
    expect(denied.status).toBe(400);
    expect(denied.body.detail).toContain(
      "Denying result is not supported for 'CREATING' task listener jobs",
    );
    await jobs().complete(job, { result: { type: 'userTask', corrections: { assignee: 'zhao' } } });
    // The corrected assignee is assigned after creation, through the assigning listeners.
    const assigning = await jobs().take('on-create-assign');
    expect(assigning.customHeaders['io.camunda.zeebe:assignee']).toBe('zhao');
    await jobs().complete(assigning);
    const task = await taskOf(
      engine.restUrl,
      instanceKey,
      (t) => t?.assignee === 'zhao' && t.state === 'CREATED',
    );
    expect(task).toMatchObject({ state: 'CREATED', assignee: 'zhao' });
    const log = await intents(instanceKey);
    expect(log.filter((i) => i !== 'CORRECTED')).toEqual([
      'CREATING',
      'CREATED',
      'ASSIGNING',
      'ASSIGNED',
    ]);
  });

  it("the model's assignee is assigned after creation; a creating listener cannot correct it", async () => {
    const created = await post(url('/v2/process-instances'), {
      processDefinitionId: 'tl-create-assigned',
    });
    const instanceKey = created.body.processInstanceKey as string;
    const job = await jobs().take('on-create-assigned');
    expect(job.customHeaders['io.camunda.zeebe:assignee']).toBe('demo');
    const refused = await jobs().complete(job, {
      result: { type: 'userTask', corrections: { assignee: 'other' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain("correcting the assignee on 'CREATING' event");
    await jobs().complete(job, { result: { type: 'userTask', corrections: { priority: 70 } } });
    const assigning = await jobs().take('on-assign-model');
    expect(assigning.customHeaders['io.camunda.zeebe:assignee']).toBe('demo');
    await jobs().complete(assigning);
    const task = await taskOf(
      engine.restUrl,
      instanceKey,
      (t) => t?.assignee === 'demo' && t.state === 'CREATED',
    );
    expect(task).toMatchObject({ state: 'CREATED', assignee: 'demo', priority: 70 });
  });

  it('with the official clients: a denial rejects the completion with 409; a job worker lets it through', async () => {
    // The Orchestration Cluster API client, as the product completes its tasks.
    const client: any = new Camunda8({
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
    } as never).getOrchestrationClusterApiClientLoose();
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-sdk');
    const completion = pending<unknown>(
      client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { ok: false } }),
    );
    completion.answer.catch(() => undefined);
    const activated = await client.activateJobs({
      type: 'sdk-check',
      worker: 'sdk',
      timeout: 60_000,
      maxJobsToActivate: 1,
      requestTimeout: 5_000,
    });
    const [job] = activated.jobs;
    expect(job).toMatchObject({ kind: 'TASK_LISTENER', userTask: { action: 'complete' } });
    await client.completeJob({
      jobKey: job.jobKey,
      result: { type: 'userTask', denied: true, deniedReason: 'incomplete' },
    });
    await expect(completion.answer).rejects.toMatchObject({ status: 409 });
    // The SDK's REST job worker completes the listener job: the completion goes through.
    const worker = sdkRestClient(engine.restUrl).createJobWorker({
      type: 'sdk-check',
      worker: 'sdk-worker',
      timeout: 30_000,
      maxJobsToActivate: 1,
      requestTimeout: 1_000,
      jobHandler: (listenerJob: any) => listenerJob.complete(),
    });
    try {
      await client.completeUserTask({ userTaskKey: task.userTaskKey, variables: { ok: true } });
    } finally {
      await worker.stop();
    }
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
  });

  it('listeners of an unknown event type are refused at deployment', async () => {
    const refused = await deploy(engine.restUrl, {
      'tl-unknown.bpmn': userTaskProcess('tl-unknown', listeners(['deleting', 'on-delete'])),
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('deleting task listeners');
  });
});
