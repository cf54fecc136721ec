import { useEngine } from '../support/engine';
import { Code, grpcError, unique } from './clients-support';
import { migrationSteps } from './migration-harness';
import { model, service, userTask } from './migration-models';
import { post } from './rest-helpers';
import { instanceState, taskOf } from './user-tasks-helpers';

/**
 * A job worker user task mapped to a Camunda user task (Camunda 8.8.17, "Migrate job worker
 * user tasks to Camunda user tasks"): the task keeps its candidates, dates and custom headers,
 * takes the target's priority and initial assignee (the current assignee is not kept), and is
 * completed as a Camunda user task on the target. The other way round is rejected.
 */
describe('process instance migration: user task implementation', () => {
  const engine = useEngine();
  const { deploy, start, migrate, jobsOf, complete, records } = migrationSteps(engine);
  const url = (path: string) => `${engine.restUrl}${path}`;

  const jobWorkerTask = (id: string) =>
    `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="li" candidateGroups="clerks, auditors" /><zeebe:taskSchedule dueDate="2027-01-31T12:00:00Z" /><zeebe:taskHeaders><zeebe:header key="region" value="north" /></zeebe:taskHeaders></bpmn:extensionElements></bpmn:userTask>`;
  const camundaTask = (id: string) =>
    `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition assignee="wang" /><zeebe:priorityDefinition priority="80" /></bpmn:extensionElements></bpmn:userTask>`;

  it('a job worker user task becomes a Camunda user task keeping its candidates and due date, with the target assignee and priority; it completes on the target', async () => {
    const processId = unique('mig');
    const type = unique('job');
    await deploy(model(processId, [jobWorkerTask('review')], ['review']));
    const v2 = await deploy(
      model(processId, [camundaTask('review2'), service('B', type)], ['review2', 'B']),
    );
    const instanceKey = await start(processId);
    const [job] = await jobsOf('io.camunda.zeebe:userTask');
    expect(job!.processInstanceKey).toBe(instanceKey);
    await migrate(instanceKey, v2.key, [['review', 'review2']]);

    const canceled = await records(instanceKey, 'JOB', 'CANCELED');
    expect(canceled.map((r) => r.key)).toEqual([job!.key]);
    expect(await records(instanceKey, 'USER_TASK', 'MIGRATED')).toHaveLength(0);
    const [created] = await records(instanceKey, 'USER_TASK', 'CREATED');
    expect(created!.value).toMatchObject({ customHeaders: { region: 'north' } });
    const task = await taskOf(engine.restUrl, instanceKey, (t) => t?.elementId === 'review2');
    expect(task).toMatchObject({
      processDefinitionKey: v2.key,
      assignee: 'wang',
      candidateGroups: ['clerks', 'auditors'],
      priority: 80,
      state: 'CREATED',
    });
    expect(Date.parse(task.dueDate)).toBe(Date.parse('2027-01-31T12:00:00Z'));
    const done = await post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {});
    expect(done.status).toBe(204);
    const [next] = await jobsOf(type);
    expect(next).toMatchObject({ elementId: 'B', processDefinitionKey: v2.key });
    await complete(next!);
    expect(await instanceState(engine.restUrl, instanceKey, 'COMPLETED')).toBe('COMPLETED');
  });

  it('a Camunda user task cannot be mapped to a job worker user task', async () => {
    const processId = unique('mig');
    await deploy(model(processId, [userTask('review')], ['review']));
    const v2 = await deploy(model(processId, [jobWorkerTask('review')], ['review']));
    const instanceKey = await start(processId);
    await taskOf(engine.restUrl, instanceKey, (t) => t !== undefined);
    const error = await grpcError(migrate(instanceKey, v2.key, [['review', 'review']]));
    expect(error.code).toBe(Code.FAILED_PRECONDITION);
    expect(error.details).toContain(
      "active user task with id 'review' and implementation 'zeebe user task' is mapped to an user task with id 'review' and different implementation 'job worker'",
    );
  });
});
