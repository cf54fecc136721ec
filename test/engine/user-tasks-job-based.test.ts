import { useEngine } from '../support/engine';
import { activate } from './elements-helpers';
import { searchUntil } from './rest-helpers';

const JOB_TYPE = 'io.camunda.zeebe:userTask';

/** A process with a job-based user task (no `zeebe:userTask`) and an embedded form. */
function jobBasedProcess(id: string, taskExtensions: string, forms = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:extensionElements>${forms}</bpmn:extensionElements>
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="task" name="Review"><bpmn:extensionElements>${taskExtensions}</bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

const FORM = `<zeebe:userTaskForm id="userTaskForm_1">{"components":[]}</zeebe:userTaskForm>`;

/**
 * Camunda docs, "User tasks", "Job worker implementation": a user task without
 * `zeebe:userTask` is a job of type `io.camunda.zeebe:userTask` whose custom headers carry the
 * assignment, schedule and embedded form key; completing the job completes the task.
 */
describe('job-based user tasks', () => {
  const engine = useEngine();

  it('a worker sees the evaluated headers and the form key; completing the job goes on', async () => {
    const xml = jobBasedProcess(
      'job-based',
      `<zeebe:formDefinition formKey="camunda-forms:bpmn:userTaskForm_1" />
       <zeebe:assignmentDefinition assignee="=who" candidateGroups="sales, ops" candidateUsers="=users" />
       <zeebe:taskSchedule dueDate="=due" followUpDate="2030-01-01T09:00:00Z" />
       <zeebe:taskHeaders><zeebe:header key="kind" value="review" /></zeebe:taskHeaders>`,
      FORM,
    );
    await engine.zeebe.deployResource({ process: Buffer.from(xml), name: 'job-based.bpmn' });
    const result = engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'job-based',
      variables: { who: 'anna', users: ['bert', 'carl'], due: '2030-01-02T10:00:00Z' },
    });
    const [job] = await activate(engine.zeebe, JOB_TYPE);
    expect(job!.elementId).toBe('task');
    expect(job!.retries).toBe(1);
    expect(job!.customHeaders).toEqual({
      kind: 'review',
      'io.camunda.zeebe:assignee': 'anna',
      'io.camunda.zeebe:candidateGroups': '["sales","ops"]',
      'io.camunda.zeebe:candidateUsers': '["bert","carl"]',
      'io.camunda.zeebe:dueDate': '2030-01-02T10:00:00Z',
      'io.camunda.zeebe:followUpDate': '2030-01-01T09:00:00Z',
      'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:userTaskForm_1',
    });
    await engine.zeebe.completeJob({ jobKey: job!.key, variables: { approved: true } });
    expect((await result).variables).toEqual(expect.objectContaining({ approved: true }));
  });

  it('a FEEL header that fails to evaluate raises an incident instead of a job', async () => {
    const xml = jobBasedProcess(
      'job-based-bad',
      '<zeebe:assignmentDefinition candidateGroups="=groups" />',
    );
    await engine.zeebe.deployResource({ process: Buffer.from(xml), name: 'job-based-bad.bpmn' });
    const created = await engine.zeebe.createProcessInstance({
      bpmnProcessId: 'job-based-bad',
      variables: { groups: 'not a list' },
    });
    const search = await searchUntil(
      `${engine.restUrl}/v2/incidents/search`,
      { filter: { processInstanceKey: created.processInstanceKey } },
      (r) => r.body.items.length === 1,
    );
    expect(search.body.items[0]).toEqual(
      expect.objectContaining({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'task' }),
    );
    const jobs = await engine.zeebe.activateJobs({
      type: JOB_TYPE,
      worker: 'test',
      timeout: 60_000,
      maxJobsToActivate: 10,
      requestTimeout: 500,
    });
    expect(jobs).toEqual([]);
  });

  it('a formKey naming a missing userTaskForm is a deployment error naming the element', async () => {
    const xml = jobBasedProcess(
      'job-based-no-form',
      '<zeebe:formDefinition formKey="camunda-forms:bpmn:missing" />',
    );
    await expect(
      engine.zeebe.deployResource({ process: Buffer.from(xml), name: 'no-form.bpmn' }),
    ).rejects.toThrow(/Element 'task'.*camunda-forms:bpmn:missing/);
  });
});
