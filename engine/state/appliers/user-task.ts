import type { UserTaskRecordValue, UserTaskState } from '../user-task';
import type { Applier } from './applier';

/** An intermediate intent (…ING): the task is in that transition until its …ED event. */
function transition(state: UserTaskState): Applier {
  return (engineState, record) => {
    const task = engineState.userTasks.get(record.key);
    if (task) task.state = state;
  };
}

/** CREATED/ASSIGNED/UPDATED: the event carries the task's values after the change. */
const changed: Applier = (state, record) => {
  const task = state.userTasks.get(record.key);
  if (!task) return;
  task.state = 'CREATED';
  task.value = { ...(record.value as UserTaskRecordValue), variables: {}, changedAttributes: [] };
  delete task.pending;
  delete task.listenerIndex;
};

/** ASSIGNING/UPDATING/COMPLETING/CANCELING: the change waits there while listeners run. */
function listened(state: UserTaskState): Applier {
  return (engineState, record) => {
    const task = engineState.userTasks.get(record.key);
    if (!task) return;
    task.state = state;
    task.pending = record.value as UserTaskRecordValue;
    task.listenerIndex = 0;
  };
}

/** A listener denied the change: the task is CREATED again with its values before it. */
const denied: Applier = (state, record) => {
  const task = state.userTasks.get(record.key);
  if (!task) return;
  task.state = 'CREATED';
  delete task.pending;
  delete task.listenerIndex;
};

/** A listener corrected the task: the waiting change carries the corrections. */
const corrected: Applier = (state, record) => {
  const task = state.userTasks.get(record.key);
  if (task) task.pending = record.value as UserTaskRecordValue;
};

const ended: Applier = (state, record) => {
  state.userTasks.delete(record.key);
};

/** A variable update of a user task's own scope: it waits for the task's updating listeners. */
const documentUpdating: Applier = (state, record) => {
  const task = state.userTaskOf((record.value as { scopeKey: string }).scopeKey);
  if (task) task.variableDocumentKey = record.key;
};

const documentDone: Applier = (state, record) => {
  const task = state.userTaskOf((record.value as { scopeKey: string }).scopeKey);
  if (task?.variableDocumentKey === record.key) delete task.variableDocumentKey;
};

export const userTaskAppliers: Record<string, Applier> = {
  'VARIABLE_DOCUMENT:UPDATING': documentUpdating,
  'VARIABLE_DOCUMENT:UPDATED': documentDone,
  'VARIABLE_DOCUMENT:UPDATE_DENIED': documentDone,
  'USER_TASK:CREATING': (state, record) => {
    const value = record.value as UserTaskRecordValue;
    state.userTasks.set(record.key, { key: record.key, state: 'CREATING', value });
  },
  'USER_TASK:CREATED': changed,
  'USER_TASK:ASSIGNING': listened('ASSIGNING'),
  // Logs written before claims were recorded with Zeebe's ASSIGNING still replay.
  'USER_TASK:CLAIMING': transition('ASSIGNING'),
  'USER_TASK:ASSIGNED': changed,
  'USER_TASK:UPDATING': listened('UPDATING'),
  'USER_TASK:UPDATED': changed,
  'USER_TASK:COMPLETING': listened('COMPLETING'),
  'USER_TASK:CORRECTED': corrected,
  'USER_TASK:ASSIGNMENT_DENIED': denied,
  'USER_TASK:UPDATE_DENIED': denied,
  'USER_TASK:COMPLETION_DENIED': denied,
  'USER_TASK:COMPLETED': ended,
  'USER_TASK:CANCELING': listened('CANCELING'),
  'USER_TASK:CANCELED': ended,
};
