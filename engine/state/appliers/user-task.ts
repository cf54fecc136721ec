import type { UserTaskRecordValue, UserTaskState } from '../user-task';
import type { Applier } from './applier';

/** An intermediate intent (…ING): the task is in that transition until its …ED event. */
function transition(state: UserTaskState): Applier {
  return (engineState, record) => {
    const task = engineState.userTasks.get(record.key);
    if (task) task.state = state;
  };
}

/** ASSIGNED/UPDATED: the event carries the task's values after the change. */
const changed: Applier = (state, record) => {
  const task = state.userTasks.get(record.key);
  if (!task) return;
  task.state = 'CREATED';
  task.value = { ...(record.value as UserTaskRecordValue), variables: {}, changedAttributes: [] };
};

const ended: Applier = (state, record) => {
  state.userTasks.delete(record.key);
};

export const userTaskAppliers: Record<string, Applier> = {
  'USER_TASK:CREATING': (state, record) => {
    const value = record.value as UserTaskRecordValue;
    state.userTasks.set(record.key, { key: record.key, state: 'CREATING', value });
  },
  'USER_TASK:CREATED': transition('CREATED'),
  'USER_TASK:ASSIGNING': transition('ASSIGNING'),
  // Logs written before claims were recorded with Zeebe's ASSIGNING still replay.
  'USER_TASK:CLAIMING': transition('ASSIGNING'),
  'USER_TASK:ASSIGNED': changed,
  'USER_TASK:UPDATING': transition('UPDATING'),
  'USER_TASK:UPDATED': changed,
  'USER_TASK:COMPLETING': transition('COMPLETING'),
  'USER_TASK:COMPLETED': ended,
  'USER_TASK:CANCELING': transition('CANCELING'),
  'USER_TASK:CANCELED': ended,
};
