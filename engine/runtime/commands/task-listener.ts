import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { Job } from '../../state/types';
import type { UserTask, UserTaskRecordValue } from '../../state/user-task';
import { eventOf, TRANSITIONS } from '../behaviors/task-listeners';
import { denyTransition, listenOrFinish } from '../behaviors/user-task-transitions';

/** A task listener job's result (REST `result: {type: "userTask", denied, corrections}`). */
export interface TaskListenerResult {
  denied?: boolean;
  deniedReason?: string;
  corrections?: Record<string, unknown>;
}

/** What a listener may correct (Camunda 8.8, "Correcting user task data"), by record field. */
const CORRECTABLE: Record<string, keyof UserTaskRecordValue> = {
  assignee: 'assignee',
  dueDate: 'dueDate',
  followUpDate: 'followUpDate',
  candidateUsers: 'candidateUsersList',
  candidateGroups: 'candidateGroupsList',
  priority: 'priority',
};

/** The listener event types whose transition a listener may deny. */
const DENIABLE = ['ASSIGNING', 'COMPLETING', 'UPDATING'];

/** The corrections given (null keeps a value, as the clients send an unset correction). */
function correctionsOf(result: TaskListenerResult): Array<[string, unknown]> {
  const given = Object.entries(result.corrections ?? {});
  const order = Object.keys(CORRECTABLE);
  return given
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
}

/**
 * Zeebe's checks of a task listener job's completion (JobCompleteProcessor), made before the
 * job is completed: no variables, a denial only where the event allows one and then without
 * corrections, only correctable properties, and no assignee correction on creation when the
 * model names one.
 */
export function checkTaskListenerCompletion(
  ctx: ProcessingContext,
  job: Job,
  variables: Record<string, unknown>,
  result: TaskListenerResult,
): void {
  const which = `(job key '${job.key}', type '${job.type}', processInstanceKey '${job.processInstanceKey}')`;
  if (Object.keys(variables).length > 0) {
    throw new RejectionError(
      'INVALID_ARGUMENT',
      `Expected to complete task listener job with key '${job.key}' without variables, but variables were given`,
    );
  }
  const eventType = job.listenerEventType ?? 'UNSPECIFIED';
  const corrections = correctionsOf(result);
  if (result.denied === true && !DENIABLE.includes(eventType)) {
    throw new RejectionError(
      'INVALID_ARGUMENT',
      `Denying result is not supported for '${eventType}' task listener jobs ${which}. Only the following listener event types support denying: [${DENIABLE.join(', ')}].`,
    );
  }
  if (result.denied === true && corrections.length > 0) {
    throw new RejectionError(
      'INVALID_ARGUMENT',
      `Expected to complete task listener job with corrections, but the job result is denied ${which}. The corrections would be reverted by the denial. Either complete the job with corrections without setting denied, or complete the job with a denied result but no corrections.`,
    );
  }
  const unknown = corrections.find(([name]) => !(name in CORRECTABLE));
  if (unknown) {
    throw new RejectionError(
      'INVALID_ARGUMENT',
      `Expected to complete task listener job with a corrections result, but property '${unknown[0]}' cannot be corrected ${which}. Only the following properties can be corrected: [${Object.keys(CORRECTABLE).sort().join(', ')}].`,
    );
  }
  const task = ctx.state.userTaskOf(job.elementInstanceKey);
  const modelAssignee = task?.state === 'CREATING' ? task.value.assignee : '';
  if (
    eventType === 'CREATING' &&
    modelAssignee !== '' &&
    corrections.some(([n]) => n === 'assignee')
  ) {
    throw new RejectionError(
      'INVALID_ARGUMENT',
      `Expected to complete task listener job, but correcting the assignee on 'CREATING' event is not supported when the user task has an assignee defined in the model ${which}. Use the 'CREATING' event to set an assignee only if it was not defined. Use the 'ASSIGNING' event to correct an assignee that is already defined.`,
    );
  }
}

/**
 * A listener job completed: a denial ends the transition (the task is CREATED again with its old
 * values, the denied request is rejected); otherwise its corrections are applied (USER_TASK
 * CORRECTED) and the next listener runs, or, with all of them done, the transition ends.
 */
export function completeTaskListener(
  ctx: ProcessingContext,
  job: Job,
  result: TaskListenerResult,
): void {
  const task = ctx.state.userTaskOf(job.elementInstanceKey);
  const event = task && eventOf(task);
  if (!task || !event) return;
  const denied = TRANSITIONS[event].denied;
  if (result.denied === true && denied)
    return denyTransition(ctx, task, denied, result.deniedReason ?? '');
  correct(ctx, task, correctionsOf(result));
  listenOrFinish(ctx, task);
}

/**
 * The corrections go into the waiting change. Its changed attributes take them into account
 * ("Changed attributes"): a corrected property counts as changed unless it was corrected back
 * to the value it had before the transition.
 */
function correct(ctx: ProcessingContext, task: UserTask, corrections: Array<[string, unknown]>) {
  if (corrections.length === 0) return;
  const pending = task.pending ?? task.value;
  const value: UserTaskRecordValue = { ...pending };
  const changed = new Set(pending.changedAttributes);
  const before = task.value as unknown as Record<string, unknown>;
  for (const [name, change] of corrections) {
    const field = CORRECTABLE[name]!;
    (value as unknown as Record<string, unknown>)[field] = change;
    if (JSON.stringify(change) === JSON.stringify(before[field])) changed.delete(field);
    else changed.add(field);
  }
  value.changedAttributes = [...changed];
  ctx.event('USER_TASK', 'CORRECTED', task.key, value, value.processInstanceKey);
}
