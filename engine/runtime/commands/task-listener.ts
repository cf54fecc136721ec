import type { ProcessingContext } from '../../processing/context';
import type { Job } from '../../state/types';
import type { UserTask, UserTaskRecordValue } from '../../state/user-task';
import { eventOf, nextTaskListener, TRANSITIONS } from '../behaviors/task-listeners';
import { acceptResultVariables } from '../behaviors/variables';
import { contextOf } from '../element-context';

/** A task listener job's result (REST `result: {type: "userTask", denied, corrections}`). */
export interface TaskListenerResult {
  denied?: boolean;
  deniedReason?: string;
  corrections?: {
    assignee?: string;
    dueDate?: string;
    followUpDate?: string;
    candidateUsers?: string[];
    candidateGroups?: string[];
    priority?: number;
  };
}

const CORRECTABLE = {
  assignee: 'assignee',
  dueDate: 'dueDate',
  followUpDate: 'followUpDate',
  candidateUsers: 'candidateUsersList',
  candidateGroups: 'candidateGroupsList',
  priority: 'priority',
} as const;

/**
 * A listener job completed: a denial ends the transition (the task is CREATED again with its old
 * values); otherwise its corrections are applied (USER_TASK CORRECTED) and the next listener
 * runs, or, with all of them done, the assignment or completion goes through.
 */
export function completeTaskListener(
  ctx: ProcessingContext,
  job: Job,
  result: TaskListenerResult,
): void {
  const task = ctx.state.userTaskOf(job.elementInstanceKey);
  const event = task && eventOf(task);
  if (!task || !event) return;
  const transition = TRANSITIONS[event];
  if (result.denied === true) {
    const value = { ...task.value, changedAttributes: [], variables: {}, action: '' };
    ctx.event('USER_TASK', transition.denied, task.key, value, value.processInstanceKey);
    return;
  }
  correct(ctx, task, result.corrections ?? {});
  if (nextTaskListener(ctx, task)) return;
  const pending = task.pending ?? task.value;
  ctx.event('USER_TASK', transition.end, task.key, pending, pending.processInstanceKey);
  if (event === 'completing') completeElement(ctx, pending);
}

function correct(
  ctx: ProcessingContext,
  task: UserTask,
  corrections: NonNullable<TaskListenerResult['corrections']>,
): void {
  const pending = task.pending ?? task.value;
  const value: UserTaskRecordValue = { ...pending, changedAttributes: [] };
  for (const [name, field] of Object.entries(CORRECTABLE)) {
    const change = corrections[name as keyof typeof CORRECTABLE];
    if (change === undefined || change === null) continue;
    (value as unknown as Record<string, unknown>)[field] = change;
    value.changedAttributes.push(field);
  }
  if (value.changedAttributes.length === 0) return;
  ctx.event('USER_TASK', 'CORRECTED', task.key, value, value.processInstanceKey);
}

/** The completion's variables enter the task's element, which then completes. */
function completeElement(ctx: ProcessingContext, pending: UserTaskRecordValue): void {
  const instance = ctx.state.elementInstances.get(pending.elementInstanceKey);
  if (!instance || instance.state !== 'ELEMENT_ACTIVATED') return;
  acceptResultVariables(contextOf(ctx, instance.key, instance.value), pending.variables);
  ctx.command(
    'PROCESS_INSTANCE',
    'COMPLETE_ELEMENT',
    instance.key,
    instance.value,
    instance.value.processInstanceKey,
  );
}
