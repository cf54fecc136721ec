import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { UserTask } from '../../state/user-task';
import { startTransition } from '../behaviors/user-task-transitions';

/** A VARIABLE_DOCUMENT UPDATE command's value (SetVariables). */
export interface VariableDocumentValue {
  scopeKey: string;
  local: boolean;
  variables: Record<string, unknown>;
}

/**
 * SetVariables on a Camunda user task's own element instance updates the task (Camunda 8.8,
 * "User task listeners": `updating` fires "when the update element instance variables API is
 * called on a user task instance"): VARIABLE_DOCUMENT UPDATING, the task's UPDATING with the
 * changed attribute `variables`, its updating listeners, then the variables (local to the task),
 * UPDATED and VARIABLE_DOCUMENT UPDATED (`behaviors/user-task-transitions.ts`). A task in
 * another transition is not updated.
 */
export function updateUserTaskVariables(
  ctx: ProcessingContext,
  task: UserTask,
  value: VariableDocumentValue,
): void {
  if (task.state !== 'CREATED') {
    throw new RejectionError(
      'INVALID_STATE',
      `Expected to update variables of user task with key '${task.key}', but it is in state '${task.state}'`,
    );
  }
  const key = ctx.nextKey();
  ctx.event('VARIABLE_DOCUMENT', 'UPDATING', key, value, task.value.processInstanceKey);
  const awaitingListeners = startTransition(ctx, task, 'updating', {
    ...task.value,
    changedAttributes: ['variables'],
    variables: value.variables,
    action: '',
  });
  ctx.respond(key, { key, awaitingListeners });
}
