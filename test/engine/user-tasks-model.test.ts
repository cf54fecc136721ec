import { parseBpmn } from '../../engine/bpmn';
import type { LoggedRecord } from '../../engine/protocol/records';
import { applyEvent } from '../../engine/state/appliers';
import { EngineState } from '../../engine/state/engine-state';
import { userTaskProcess } from './user-tasks-helpers';

/**
 * Camunda docs, "User tasks": `zeebe:userTask` with its assignment, schedule, priority and
 * form definitions is read into the model as expressions (`=` is FEEL, else static).
 */
describe('user tasks: model', () => {
  async function parse(extensions: string) {
    return parseBpmn(userTaskProcess('p', extensions), 'p.bpmn');
  }

  it('reads assignment, schedule, priority and the linked form as expressions', async () => {
    const result = await parse(
      `<zeebe:assignmentDefinition assignee="=who" candidateGroups="a, b" candidateUsers="=users" />
       <zeebe:taskSchedule dueDate="2030-01-01T00:00:00Z" followUpDate="=later" />
       <zeebe:priorityDefinition priority="70" />
       <zeebe:formDefinition formId="approve-form" />`,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.processes[0]!.elements.task!.userTask).toEqual({
      assignee: { kind: 'feel', source: 'who' },
      candidateGroups: { kind: 'static', value: 'a, b' },
      candidateUsers: { kind: 'feel', source: 'users' },
      dueDate: { kind: 'static', value: '2030-01-01T00:00:00Z' },
      followUpDate: { kind: 'feel', source: 'later' },
      priority: { kind: 'static', value: '70' },
      formId: 'approve-form',
      formBinding: { bindingType: 'latest' },
    });
  });

  it('a user task without extension attributes has an empty definition', async () => {
    const result = await parse('');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.processes[0]!.elements.task!.userTask).toEqual({});
  });

  it('refuses embedded forms (formKey), which the engine does not run', async () => {
    const result = await parse(
      '<zeebe:formDefinition formKey="camunda-forms:bpmn:userTaskForm_1" />',
    );
    const messages = result.ok ? [] : result.problems.map((problem) => problem.message);
    expect(messages).toEqual([expect.stringContaining('embedded forms')]);
  });

  it('open user tasks are engine state, kept by snapshots; completion removes them', () => {
    const state = new EngineState();
    const record = (intent: string, value: Record<string, unknown>) =>
      ({
        recordType: 'EVENT',
        valueType: 'USER_TASK',
        intent,
        key: '42',
        value,
        sourceRecordPosition: '-1',
        processInstanceKey: '7',
        position: '1',
        timestamp: 0,
      }) as LoggedRecord;
    const value = { userTaskKey: '42', assignee: '', elementInstanceKey: '8', priority: 50 };
    applyEvent(state, record('CREATING', value));
    applyEvent(state, record('CREATED', value));
    applyEvent(state, record('ASSIGNED', { ...value, assignee: 'anna' }));
    const restored = EngineState.fromSnapshot(state.toSnapshot());
    expect(restored.userTasks.get('42')).toEqual(
      expect.objectContaining({
        state: 'CREATED',
        value: expect.objectContaining({ assignee: 'anna' }),
      }),
    );
    expect(restored.userTaskOf('8')?.key).toBe('42');
    applyEvent(restored, record('COMPLETED', value));
    expect(restored.userTasks.size).toBe(0);
  });
});
