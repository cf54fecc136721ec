import type { SerializedRecord } from '../../log/record-log';
import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { UserTask, UserTaskRecordValue } from '../../state/user-task';
import type { ListenedEvent } from '../behaviors/task-listeners';
import { startTransition } from '../behaviors/user-task-transitions';

/** What UPDATE may change (Camunda's changeset), by the record field it changes. */
export interface UserTaskChangeset {
  dueDate?: string;
  followUpDate?: string;
  candidateGroups?: string[];
  candidateUsers?: string[];
  priority?: number;
}

const CHANGESET_FIELDS = {
  dueDate: 'dueDate',
  followUpDate: 'followUpDate',
  candidateGroups: 'candidateGroupsList',
  candidateUsers: 'candidateUsersList',
  priority: 'priority',
} as const;

/** Zeebe accepts commands on a task that is CREATED, i.e. not in another transition. */
function requireTask(ctx: ProcessingContext, command: SerializedRecord, verb: string): UserTask {
  const task = ctx.state.userTasks.get(command.key);
  if (!task) {
    throw new RejectionError(
      'NOT_FOUND',
      `Expected to ${verb} user task with key '${command.key}', but no such user task was found`,
    );
  }
  if (task.state !== 'CREATED') {
    throw new RejectionError(
      'INVALID_STATE',
      `Expected to ${verb} user task with key '${command.key}', but it is in state '${task.state}'`,
    );
  }
  return task;
}

/**
 * What a user task command answers: the task's value, and whether the transition waits for
 * task listeners (the gateway then answers its client once they are done, or one denied it).
 */
export interface UserTaskCommandResponse {
  userTask: UserTaskRecordValue;
  awaitingListeners: boolean;
}

function transition(
  ctx: ProcessingContext,
  task: UserTask,
  event: ListenedEvent,
  value: UserTaskRecordValue,
): void {
  const awaitingListeners = startTransition(ctx, task, event, value);
  ctx.respond(task.key, { userTask: value, awaitingListeners } satisfies UserTaskCommandResponse);
}

function base(task: UserTask, action: string): UserTaskRecordValue {
  return { ...task.value, changedAttributes: [], variables: {}, action };
}

/** ASSIGN: sets (or, with an empty assignee, removes) the assignee, overriding any. */
const assign: CommandProcessor = (command, ctx) => {
  const task = requireTask(ctx, command, 'assign');
  const v = command.value as { assignee?: string; action?: string };
  const assignee = v.assignee ?? '';
  const value = { ...base(task, v.action || 'assign'), assignee, changedAttributes: ['assignee'] };
  transition(ctx, task, 'assigning', value);
};

/**
 * CLAIM: assigns only a task nobody else has (Camunda's `allowOverride: false`). Zeebe has no
 * transition of its own for it: a claim is recorded as ASSIGNING → ASSIGNED, action `claim`.
 */
const claim: CommandProcessor = (command, ctx) => {
  const task = requireTask(ctx, command, 'claim');
  const v = command.value as { assignee?: string; action?: string };
  const assignee = v.assignee ?? '';
  if (task.value.assignee !== '' && task.value.assignee !== assignee) {
    throw new RejectionError(
      'INVALID_STATE',
      `Expected to claim user task with key '${task.key}', but it has already been assigned`,
    );
  }
  const value = { ...base(task, v.action || 'claim'), assignee, changedAttributes: ['assignee'] };
  transition(ctx, task, 'assigning', value);
};

/** UPDATE: the attributes present in the changeset change; changedAttributes names them. */
const update: CommandProcessor = (command, ctx) => {
  const task = requireTask(ctx, command, 'update');
  const v = command.value as { changeset?: UserTaskChangeset; action?: string };
  const value: UserTaskRecordValue = base(task, v.action || 'update');
  const changeset = v.changeset ?? {};
  for (const [name, field] of Object.entries(CHANGESET_FIELDS)) {
    const change = changeset[name as keyof UserTaskChangeset];
    if (change === undefined || change === null) continue;
    (value as unknown as Record<string, unknown>)[field] = change;
    value.changedAttributes.push(field);
  }
  transition(ctx, task, 'updating', value);
};

/** COMPLETE: the variables enter the task's element as a job's do, then the element completes. */
const complete: CommandProcessor = (command, ctx) => {
  const task = requireTask(ctx, command, 'complete');
  const v = command.value as { variables?: Record<string, unknown>; action?: string };
  const variables = v.variables ?? {};
  const value = { ...base(task, v.action || 'complete'), variables };
  transition(ctx, task, 'completing', value);
};

export const userTaskCommands: Record<string, CommandProcessor> = {
  'USER_TASK:ASSIGN': assign,
  'USER_TASK:CLAIM': claim,
  'USER_TASK:UPDATE': update,
  'USER_TASK:COMPLETE': complete,
};
