import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { deployProcess, post } from './rest-helpers';
import { patch, startWithTask, userTaskProcess } from './user-tasks-helpers';

/**
 * Zeebe 8.8's USER_TASK records: CREATING, then CREATED after the element is activated; a
 * command's transition pair (e.g. ASSIGNING → ASSIGNED with changedAttributes); and incidents
 * when the task cannot be created (a failing expression, a linked form that is not deployed).
 */
describe('user tasks: records and incidents', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);
  const url = (path: string) => `${engine.restUrl}${path}`;

  beforeAll(async () => {
    await deployProcess(engine.restUrl, 'plain', userTaskProcess('plain'));
    await deployProcess(
      engine.restUrl,
      'bad-priority',
      userTaskProcess('bad-priority', '<zeebe:priorityDefinition priority="=101" />'),
    );
    await deployProcess(
      engine.restUrl,
      'no-form',
      userTaskProcess('no-form', '<zeebe:formDefinition formId="never-deployed" />'),
    );
  });

  it('writes CREATING, then CREATED after ELEMENT_ACTIVATED; an update records changedAttributes', async () => {
    const { instanceKey, task } = await startWithTask(engine.restUrl, 'plain');
    const created = await records.waitFor(
      { valueType: 'USER_TASK', processInstanceKey: instanceKey },
      2,
    );
    expect(created.map((r) => r.intent)).toEqual(['CREATING', 'CREATED']);
    expect(created[1]!.value).toEqual(
      expect.objectContaining({
        userTaskKey: task.userTaskKey,
        elementId: 'task',
        bpmnProcessId: 'plain',
        processInstanceKey: instanceKey,
        priority: 50,
        formKey: '-1',
        creationTimestamp: expect.any(Number),
      }),
    );
    const all = await records.query({ processInstanceKey: instanceKey });
    const order = all.map((r) => `${r.valueType}:${r.intent}`);
    expect(order.indexOf('USER_TASK:CREATING')).toBeLessThan(
      order.lastIndexOf('PROCESS_INSTANCE:ELEMENT_ACTIVATED'),
    );
    expect(order.lastIndexOf('PROCESS_INSTANCE:ELEMENT_ACTIVATED')).toBeLessThan(
      order.indexOf('USER_TASK:CREATED'),
    );
    const patched = await patch(url(`/v2/user-tasks/${task.userTaskKey}`), {
      changeset: { priority: 5 },
    });
    expect(patched.status).toBe(204);
    const [updated] = await records.waitFor({
      valueType: 'USER_TASK',
      intent: 'UPDATED',
      processInstanceKey: instanceKey,
    });
    expect(updated!.value).toEqual(
      expect.objectContaining({ priority: 5, changedAttributes: ['priority'] }),
    );
  });

  it('a priority outside 0–100 raises an EXTRACT_VALUE_ERROR incident', async () => {
    const created = await post(url('/v2/process-instances'), {
      processDefinitionId: 'bad-priority',
    });
    const incident = await records.incident(created.body.processInstanceKey as string);
    expect(incident).toEqual(
      expect.objectContaining({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'task' }),
    );
  });

  it('a linked form that is not deployed raises a FORM_NOT_FOUND incident', async () => {
    const created = await post(url('/v2/process-instances'), { processDefinitionId: 'no-form' });
    const incident = await records.incident(created.body.processInstanceKey as string);
    expect(incident).toEqual(
      expect.objectContaining({
        errorType: 'FORM_NOT_FOUND',
        errorMessage: expect.stringContaining("form with id 'never-deployed'"),
      }),
    );
  });
});
