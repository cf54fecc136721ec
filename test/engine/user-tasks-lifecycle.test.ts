import { useEngine } from '../support/engine';
import { deployProcess, get, post, searchUntil } from './rest-helpers';
import {
  del,
  instanceState,
  patch,
  startWithTask,
  taskOf,
  userTaskProcess,
} from './user-tasks-helpers';

/**
 * Camunda 8.8 user tasks (`zeebe:userTask`) over REST v2: created with the evaluated
 * assignment, schedule and priority; assigned (allowOverride), unassigned, updated and
 * completed through `/v2/user-tasks/{key}/…`; canceled with their instance; durable.
 */
describe('user tasks: lifecycle', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;

  beforeAll(async () => {
    await deployProcess(
      engine.restUrl,
      'review',
      userTaskProcess(
        'review',
        `<zeebe:assignmentDefinition assignee="=approver" candidateGroups="=groups" candidateUsers="anna, ben" />
         <zeebe:taskSchedule dueDate="=due" followUpDate="2030-01-01T09:00:00Z" />
         <zeebe:priorityDefinition priority="=prio" />`,
      ),
    );
    await deployProcess(engine.restUrl, 'plain', userTaskProcess('plain'));
  });

  it('is created with the evaluated assignee, candidates, dates and priority', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'review', {
      approver: 'demo',
      groups: ['managers', 'clerks'],
      due: '2030-02-01T12:00:00Z',
      prio: 80,
    });
    expect(task).toEqual(
      expect.objectContaining({
        userTaskKey: expect.stringMatching(/^\d+$/),
        state: 'CREATED',
        assignee: 'demo',
        candidateGroups: ['managers', 'clerks'],
        candidateUsers: ['anna', 'ben'],
        dueDate: '2030-02-01T12:00:00.000Z',
        followUpDate: '2030-01-01T09:00:00.000Z',
        priority: 80,
        elementId: 'task',
        processDefinitionId: 'review',
        processInstanceKey: instanceKey,
        formKey: null,
        completionDate: null,
        tenantId: '<default>',
      }),
    );
    const one = await get(url(`/v2/user-tasks/${task.userTaskKey}`));
    expect(one.status).toBe(200);
    expect(one.body).toEqual(task);
  });

  it('has no assignee, no candidates, no dates and priority 50 when the model sets none', async () => {
    const { task } = await startWithTask(engine.restUrl, 'plain');
    expect(task).toEqual(
      expect.objectContaining({
        assignee: null,
        candidateGroups: [],
        candidateUsers: [],
        dueDate: null,
        followUpDate: null,
        priority: 50,
      }),
    );
  });

  it('assigning an assigned task without allowOverride is a 409 conflict; with it, reassigns', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'plain');
    const key = task.userTaskKey as string;
    const first = await post(url(`/v2/user-tasks/${key}/assignment`), { assignee: 'anna' });
    expect(first.status).toBe(204);
    const refused = await post(url(`/v2/user-tasks/${key}/assignment`), {
      assignee: 'ben',
      allowOverride: false,
    });
    expect(refused.status).toBe(409);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body).toEqual(
      expect.objectContaining({ status: 409, title: 'INVALID_STATE', detail: expect.any(String) }),
    );
    const overridden = await post(url(`/v2/user-tasks/${key}/assignment`), {
      assignee: 'ben',
      allowOverride: true,
    });
    expect(overridden.status).toBe(204);
    expect((await taskOf(engine.restUrl, instanceKey, (t) => t.assignee === 'ben')).assignee).toBe(
      'ben',
    );
  });

  it('unassigning removes the assignee', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'plain');
    await post(url(`/v2/user-tasks/${task.userTaskKey}/assignment`), { assignee: 'anna' });
    await taskOf(engine.restUrl, instanceKey, (t) => t.assignee === 'anna');
    const response = await del(url(`/v2/user-tasks/${task.userTaskKey}/assignee`));
    expect(response.status).toBe(204);
    expect((await taskOf(engine.restUrl, instanceKey, (t) => t.assignee === null)).assignee).toBe(
      null,
    );
  });

  it('an update changes dates, candidates and priority; a bad priority is a 400', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'plain');
    const response = await patch(url(`/v2/user-tasks/${task.userTaskKey}`), {
      changeset: {
        dueDate: '2031-05-01T10:00:00Z',
        followUpDate: '2031-04-01T10:00:00Z',
        candidateGroups: ['auditors'],
        priority: 90,
      },
    });
    expect(response.status).toBe(204);
    const updated = await taskOf(engine.restUrl, instanceKey, (t) => t.priority === 90);
    expect(updated).toEqual(
      expect.objectContaining({
        dueDate: '2031-05-01T10:00:00.000Z',
        followUpDate: '2031-04-01T10:00:00.000Z',
        candidateGroups: ['auditors'],
        candidateUsers: [],
        priority: 90,
      }),
    );
    const bad = await patch(url(`/v2/user-tasks/${task.userTaskKey}`), {
      changeset: { priority: 101 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.title).toBe('INVALID_ARGUMENT');
  });

  it('completion continues the process with the variables; completing again is a 404', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'plain');
    const done = await post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {
      variables: { approved: true },
    });
    expect(done.status).toBe(204);
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
    const variables = await searchUntil(
      url('/v2/variables/search'),
      { filter: { processInstanceKey: instanceKey, name: 'approved' } },
      (r) => r.body.items.length === 1,
    );
    expect(variables.body.items[0]).toEqual(expect.objectContaining({ value: 'true' }));
    expect((await taskOf(engine.restUrl, instanceKey, (t) => t.state === 'COMPLETED')).state).toBe(
      'COMPLETED',
    );
    const again = await post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {});
    expect(again.status).toBe(404);
    expect(again.body).toEqual(expect.objectContaining({ status: 404, title: 'NOT_FOUND' }));
    const unknown = await post(url('/v2/user-tasks/123456789/completion'), {});
    expect(unknown.status).toBe(404);
  });

  it('canceling the instance cancels its task (search shows it CANCELED)', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'plain');
    const cancel = await post(url(`/v2/process-instances/${instanceKey}/cancellation`), {});
    expect(cancel.status).toBe(204);
    const canceled = await taskOf(engine.restUrl, instanceKey, (t) => t.state === 'CANCELED');
    expect(canceled).toEqual(
      expect.objectContaining({ state: 'CANCELED', completionDate: expect.any(String) }),
    );
    const assign = await post(url(`/v2/user-tasks/${task.userTaskKey}/assignment`), {
      assignee: 'anna',
    });
    expect(assign.status).toBe(404);
  });

  it('a user task survives a restart and can be completed afterwards', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'plain');
    await post(url(`/v2/user-tasks/${task.userTaskKey}/assignment`), { assignee: 'anna' });
    await engine.restart();
    const refused = await post(url(`/v2/user-tasks/${task.userTaskKey}/assignment`), {
      assignee: 'ben',
      allowOverride: false,
    });
    expect(refused.status).toBe(409);
    const done = await post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {});
    expect(done.status).toBe(204);
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
  });
});
