import { useEngine } from '../support/engine';
import { incidentOf, processIntents, readRecords } from './clients-support';
import { call, deployProcess, post } from './rest-helpers';
import {
  intentWritten,
  listenerJobs,
  listeners,
  pending,
  taskIntents,
} from './user-task-listeners-helpers';
import { instanceState, startWithTask, taskOf, userTaskProcess } from './user-tasks-helpers';

/** start → user task `task` (canceling listener `on-interrupt`), interrupted by the message
 * `tl-withdraw` (correlation key `caseId`) → `withdrawn`; or → `end`. */
const INTERRUPTED = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:message id="Withdraw" name="tl-withdraw"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="tl-interrupted" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="task"><bpmn:extensionElements><zeebe:userTask />${listeners(['canceling', 'on-interrupt'])}</bpmn:extensionElements></bpmn:userTask>
    <bpmn:boundaryEvent id="withdraw" attachedToRef="task"><bpmn:messageEventDefinition id="WithdrawDef" messageRef="Withdraw" /></bpmn:boundaryEvent>
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="withdrawn" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="withdraw" targetRef="withdrawn" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * Camunda 8.8, "User task listeners": canceling listeners run when the task's element is
 * terminated (the instance is canceled, an interrupting event fires) and cannot deny it; a
 * listener job without retries, or a listener expression that fails, is an incident that holds
 * the transition until it is resolved; a request that waits longer than the request timeout
 * for the listeners is answered 504 DEADLINE_EXCEEDED ("Complete user task").
 */
describe('user task listeners: canceling and incidents', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;
  const jobs = () => listenerJobs(engine.restUrl);

  beforeAll(async () => {
    const models: Array<[string, string]> = [
      ['tl-cancel', listeners(['completing', 'on-complete'], ['canceling', 'on-cancel'])],
      ['tl-retries', listeners(['completing', 'check-fragile', '1'])],
      ['tl-cancel-retries', listeners(['canceling', 'cancel-fragile', '1'])],
      ['tl-expression', listeners(['creating', '=&quot;on-create-&quot; + kind'])],
    ];
    for (const [id, extensions] of models) {
      await deployProcess(engine.restUrl, id, userTaskProcess(id, extensions));
    }
    await deployProcess(engine.restUrl, 'tl-interrupted', INTERRUPTED);
  });

  it('canceling listeners run when the instance is canceled; it terminates once they are done', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-cancel');
    // A completion is waiting for its listener when the instance is canceled.
    const completion = post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {});
    await jobs().take('on-complete');
    expect((await post(url(`/v2/process-instances/${instanceKey}/cancellation`), {})).status).toBe(
      204,
    );
    // The interrupted completion's listener job is gone; its request is rejected.
    const answer = await completion;
    expect(answer.status).toBe(409);
    expect(answer.body.title).toBe('INVALID_STATE');
    const job = await jobs().take('on-cancel');
    expect(job).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'CANCELING' });
    expect(await taskOf(engine.restUrl, instanceKey, (t) => t?.state === 'CANCELING')).toBeTruthy();
    // The instance waits for its task's canceling listener.
    expect(await processIntents(engine.databaseUrl, instanceKey)).not.toContain(
      'ELEMENT_TERMINATED',
    );
    // A cancelation cannot be denied.
    const denied = await jobs().complete(job, { result: { type: 'userTask', denied: true } });
    expect(denied.status).toBe(400);
    expect(denied.body.detail).toContain(
      'Only the following listener event types support denying: [ASSIGNING, COMPLETING, UPDATING]',
    );
    expect((await jobs().complete(job)).status).toBe(204);
    expect(await instanceState(engine.restUrl, instanceKey, 'TERMINATED')).toBe('TERMINATED');
    const log = await taskIntents(engine.databaseUrl, instanceKey);
    expect(log.slice(-2)).toEqual(['CANCELING', 'CANCELED']);
  });

  it('canceling listeners run when an interrupting event interrupts the task; the event goes on after them', async () => {
    const { instanceKey } = await startWithTask(engine.restUrl, 'tl-interrupted', {
      caseId: 'c-7',
    });
    const published = await post(url('/v2/messages/publication'), {
      name: 'tl-withdraw',
      correlationKey: 'c-7',
    });
    expect(published.status).toBe(200);
    const job = await jobs().take('on-interrupt');
    expect(job).toMatchObject({ kind: 'TASK_LISTENER', listenerEventType: 'CANCELING' });
    const reached = async () =>
      (await readRecords(engine.databaseUrl, { processInstanceKey: instanceKey })).some(
        (r) => r.value.elementId === 'withdrawn',
      );
    expect(await reached()).toBe(false);
    await jobs().complete(job);
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    expect(await reached()).toBe(true);
  });

  it('a listener job failed without retries raises TASK_LISTENER_NO_RETRIES; once resolved only that listener runs again', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-retries');
    const completion = pending(post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {}));
    const job = await jobs().take('check-fragile');
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
    expect(completion.answered()).toBe(false);
    expect(
      (await call(url(`/v2/jobs/${job.jobKey}`), 'PATCH', { changeset: { retries: 1 } })).status,
    ).toBe(204);
    expect((await post(url(`/v2/incidents/${incident.key}/resolution`), {})).status).toBe(204);
    const again = await jobs().take('check-fragile');
    expect(again.jobKey).toBe(job.jobKey);
    await jobs().complete(again);
    expect((await completion.answer).status).toBe(204);
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
  });

  it('a canceling listener without retries holds the termination in an incident until it is resolved', async () => {
    const { instanceKey } = await startWithTask(engine.restUrl, 'tl-cancel-retries');
    await post(url(`/v2/process-instances/${instanceKey}/cancellation`), {});
    const job = await jobs().take('cancel-fragile');
    await post(url(`/v2/jobs/${job.jobKey}/failure`), { retries: 0, errorMessage: 'down' });
    const incident = await incidentOf(engine.databaseUrl, instanceKey);
    expect(incident).toMatchObject({ errorType: 'TASK_LISTENER_NO_RETRIES', jobKey: job.jobKey });
    await call(url(`/v2/jobs/${job.jobKey}`), 'PATCH', { changeset: { retries: 1 } });
    expect((await post(url(`/v2/incidents/${incident.key}/resolution`), {})).status).toBe(204);
    await jobs().complete(await jobs().take('cancel-fragile'));
    expect(await instanceState(engine.restUrl, instanceKey, 'TERMINATED')).toBe('TERMINATED');
  });

  it('a listener expression that fails is an incident; resolving it runs the transition again', async () => {
    const created = await post(url('/v2/process-instances'), {
      processDefinitionId: 'tl-expression',
    });
    const instanceKey = created.body.processInstanceKey as string;
    const incident = await incidentOf(engine.databaseUrl, instanceKey);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', jobKey: '-1' });
    const set = await call(url(`/v2/element-instances/${instanceKey}/variables`), 'PUT', {
      variables: { kind: 'x' },
    });
    expect(set.status).toBe(204);
    expect((await post(url(`/v2/incidents/${incident.key}/resolution`), {})).status).toBe(204);
    const job = await jobs().take('on-create-x');
    expect(job.listenerEventType).toBe('CREATING');
    await jobs().complete(job);
    await intentWritten(engine.databaseUrl, instanceKey, 'CREATED');
    expect(await taskOf(engine.restUrl, instanceKey, (t) => t?.state === 'CREATED')).toBeTruthy();
  });
});

describe('user task listeners: the request timeout', () => {
  const engine = useEngine({ env: { ENGINE_REQUEST_TIMEOUT_MS: '300' } });
  const url = (path: string) => `${engine.restUrl}${path}`;

  it('a request whose listeners take longer than the request timeout gets 504; the transition goes on', async () => {
    await deployProcess(
      engine.restUrl,
      'tl-slow',
      userTaskProcess('tl-slow', listeners(['completing', 'slow-check'])),
    );
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'tl-slow');
    const answer = await post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {});
    expect(answer.status).toBe(504);
    expect(answer.body).toMatchObject({
      title: 'DEADLINE_EXCEEDED',
      detail: 'Expected to handle request, but request timed out between gateway and broker',
    });
    const jobs = listenerJobs(engine.restUrl);
    await jobs.complete(await jobs.take('slow-check'));
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
  });
});
