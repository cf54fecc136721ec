/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { useEngine } from '../support/engine';
import { eventually, incidentOf, readRecords } from './clients-support';
import { call, deploy, deployProcess, post } from './rest-helpers';
import { instanceState, startWithTask, taskOf, userTaskProcess } from './user-tasks-helpers';

/**
 * User task listeners as Camunda 8.8 documents them ("User task listeners"): a listener is a
 * job of kind TASK_LISTENER; the assignment or completion waits in ASSIGNING/COMPLETING until
 * every listener of that event has completed its job, in model order; a listener may deny the
 * change (`result: {type: "userTask", denied: true}`) or correct the task's properties.
 */
describe('user task listeners', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;

  const listeners = (...list: Array<[string, string, string?]>) =>
    `<zeebe:taskListeners>${list
      .map(
        ([eventType, type, retries]) =>
          `<zeebe:taskListener eventType="${eventType}" type="${type}"${retries ? ` retries="${retries}"` : ''} />`,
      )
      .join('')}</zeebe:taskListeners>`;

  /** Takes the one job of `type` through REST v2, which reports the job's kind. */
  async function take(type: string): Promise<any> {
    const response = await post(url('/v2/jobs/activation'), {
      type,
      worker: 'task-listener-worker',
      timeout: 60_000,
      maxJobsToActivate: 1,
      requestTimeout: 5_000,
    });
    expect(response.status).toBe(200);
    const [job] = response.body.jobs as any[];
    if (!job) throw new Error(`no job of type ${type}`);
    return job;
  }

  const completeJob = (job: any, body: Record<string, unknown> = {}) =>
    post(url(`/v2/jobs/${job.jobKey}/completion`), body);

  const taskIntents = async (instanceKey: string) =>
    (
      await readRecords(engine.databaseUrl, {
        valueType: 'USER_TASK',
        processInstanceKey: instanceKey,
      })
    ).map((r) => r.intent);

  const intentWritten = (instanceKey: string, intent: string) =>
    eventually(
      async () => ((await taskIntents(instanceKey)).includes(intent) ? true : undefined),
      `USER_TASK ${intent}`,
    );

  beforeAll(async () => {
    await deployProcess(
      engine.restUrl,
      'tl-complete',
      userTaskProcess(
        'tl-complete',
        listeners(
          ['completing', 'check-first'],
          ['completing', '=&quot;check-&quot; + &quot;second&quot;'],
        ),
      ),
    );
    await deployProcess(
      engine.restUrl,
      'tl-assign',
      userTaskProcess('tl-assign', listeners(['assigning', 'check-assignee'])),
    );
    await deployProcess(
      engine.restUrl,
      'tl-retries',
      userTaskProcess('tl-retries', listeners(['completing', 'check-fragile', '1'])),
    );
  });

  it('completing listeners run one after the other before the task completes', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-complete');
    const key = task.userTaskKey as string;
    const completion = await post(url(`/v2/user-tasks/${key}/completion`), {
      variables: { approved: true },
    });
    expect(completion.status).toBe(204);
    const first = await take('check-first');
    expect(first).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'COMPLETING' });
    expect(
      await taskOf(engine.restUrl, instanceKey, (t) => t?.state === 'COMPLETING'),
    ).toBeTruthy();
    // The second listener's job exists only once the first one is done.
    const none = await post(url('/v2/jobs/activation'), {
      type: 'check-second',
      worker: 'w',
      timeout: 1_000,
      maxJobsToActivate: 1,
      requestTimeout: 200,
    });
    expect(none.body.jobs).toEqual([]);
    expect((await completeJob(first)).status).toBe(204);
    const second = await take('check-second');
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('ACTIVE');
    expect((await completeJob(second)).status).toBe(204);
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    const intents = await taskIntents(instanceKey);
    expect(intents.slice(-2)).toEqual(['COMPLETING', 'COMPLETED']);
    const variables = await post(url('/v2/variables/search'), {
      filter: { processInstanceKey: instanceKey, name: 'approved' },
    });
    expect(variables.body.items?.[0]?.value).toBe('true');
  });

  it('a listener that denies the completion returns the task to CREATED (COMPLETION_DENIED)', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-complete');
    const key = task.userTaskKey as string;
    await post(url(`/v2/user-tasks/${key}/completion`), {});
    const first = await take('check-first');
    const denied = await completeJob(first, {
      result: { type: 'userTask', denied: true, deniedReason: '材料不全' },
    });
    expect(denied.status).toBe(204);
    await intentWritten(instanceKey, 'COMPLETION_DENIED');
    const again = await taskOf(engine.restUrl, instanceKey, (t) => t?.state === 'CREATED');
    expect(again).toMatchObject({ state: 'CREATED', completionDate: null });
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('ACTIVE');
    // The task can be completed again; the listeners run from the first one.
    expect((await post(url(`/v2/user-tasks/${key}/completion`), {})).status).toBe(204);
    await completeJob(await take('check-first'));
    await completeJob(await take('check-second'));
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
  });

  it("a listener's corrections are applied to the task", async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-complete');
    await post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {});
    await completeJob(await take('check-first'), {
      result: {
        type: 'userTask',
        corrections: { assignee: 'zhang', priority: 90, candidateGroups: ['街道办'] },
      },
    });
    await completeJob(await take('check-second'));
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

  it('assigning listeners run before the assignment; a denial keeps the old assignee', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-assign');
    const key = task.userTaskKey as string;
    expect((await post(url(`/v2/user-tasks/${key}/assignment`), { assignee: 'li' })).status).toBe(
      204,
    );
    const job = await take('check-assignee');
    expect(job).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'ASSIGNING' });
    await completeJob(job);
    expect(
      await taskOf(
        engine.restUrl,
        instanceKey,
        (t) => t?.state === 'CREATED' && t.assignee === 'li',
      ),
    ).toMatchObject({
      state: 'CREATED',
      assignee: 'li',
    });
    await post(url(`/v2/user-tasks/${key}/assignment`), { assignee: 'wang' });
    await completeJob(await take('check-assignee'), { result: { type: 'userTask', denied: true } });
    await intentWritten(instanceKey, 'ASSIGNMENT_DENIED');
    expect(await taskOf(engine.restUrl, instanceKey, (t) => t?.state === 'CREATED')).toMatchObject({
      assignee: 'li',
    });
  });

  it('a listener job failed without retries raises a TASK_LISTENER_NO_RETRIES incident', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-retries');
    await post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {});
    const job = await take('check-fragile');
    const failed = await post(url(`/v2/jobs/${job.jobKey}/failure`), {
      retries: 0,
      errorMessage: 'service down',
    });
    expect(failed.status).toBe(204);
    const incident = await incidentOf(engine.databaseUrl, instanceKey);
    expect(incident).toMatchObject({
      errorType: 'TASK_LISTENER_NO_RETRIES',
      errorMessage: 'service down',
      jobKey: job.jobKey,
    });
    // With retries given back and the incident resolved, the listener runs again.
    expect(
      (await call(url(`/v2/jobs/${job.jobKey}`), 'PATCH', { changeset: { retries: 1 } })).status,
    ).toBe(204);
    expect((await post(url(`/v2/incidents/${incident.key}/resolution`), {})).status).toBe(204);
    await completeJob(await take('check-fragile'));
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
  });

  it('a listener job cannot be completed with variables', async () => {
    const { task } = await startWithTask(engine.restUrl, 'tl-assign');
    await post(url(`/v2/user-tasks/${task.userTaskKey}/assignment`), { assignee: 'li' });
    const refused = await completeJob(await take('check-assignee'), { variables: { x: 1 } });
    expect(refused.status).toBe(400);
  });

  it('listeners of event types the engine does not run are refused at deployment', async () => {
    const refused = await deploy(engine.restUrl, {
      'tl-creating.bpmn': userTaskProcess('tl-creating', listeners(['creating', 'on-create'])),
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('creating task listeners');
  });
});
