import type { ProcessingContext } from '../../processing/context';
import type { UserTask, UserTaskRecordValue } from '../../state/user-task';
import { contextOf } from '../element-context';
import { resolveIncidentsOf } from './incidents';
import { toTerminated } from './lifecycle';
import { eventOf, nextTaskListener, TRANSITIONS, type ListenedEvent } from './task-listeners';
import { acceptResultVariables, setLocalVariables } from './variables';

/*
 * The lifecycle transitions of a Camunda user task (Camunda 8.8, "User task listeners", user
 * task lifecycle): each starts with its …ING event, waits there while the task listeners of
 * its event run, and ends with its …ED event — at once when there are none. How each one ends
 * is here, for both cases.
 */

/**
 * Writes the transition's first event; then the first listener's job, or, with no listener for
 * the event, its end. True when the transition waits for listeners.
 */
export function startTransition(
  ctx: ProcessingContext,
  task: UserTask,
  event: ListenedEvent,
  value: UserTaskRecordValue,
): boolean {
  ctx.event('USER_TASK', TRANSITIONS[event].start, task.key, value, value.processInstanceKey);
  return listenOrFinish(ctx, task);
}

/** The next listener of the task's transition runs, or the transition ends. */
export function listenOrFinish(ctx: ProcessingContext, task: UserTask): boolean {
  if (nextTaskListener(ctx, task)) return true;
  finishTransition(ctx, task);
  return false;
}

/** Every listener agreed: the transition ends with the waiting change and its corrections. */
export function finishTransition(ctx: ProcessingContext, task: UserTask): void {
  const event = eventOf(task);
  if (!event) return;
  const pending = task.pending ?? task.value;
  const end = (value: UserTaskRecordValue) =>
    ctx.event('USER_TASK', TRANSITIONS[event].end, task.key, value, value.processInstanceKey);
  switch (event) {
    case 'creating':
      return finishCreation(ctx, task, pending);
    case 'completing':
      end(pending);
      return completeElement(ctx, pending);
    case 'canceling':
      end({ ...pending, variables: {}, action: '' });
      return terminateElement(ctx, pending);
    default: {
      // A variable update of the task's scope: the variables are set, local to the task.
      const documentKey = task.variableDocumentKey;
      const instance = ctx.state.elementInstances.get(pending.elementInstanceKey);
      if (documentKey && instance) {
        setLocalVariables(ctx, instance.key, pending.variables, instance.value);
      }
      end(pending);
      if (documentKey) {
        const document = variableDocumentOf(pending);
        ctx.event(
          'VARIABLE_DOCUMENT',
          'UPDATED',
          documentKey,
          document,
          pending.processInstanceKey,
        );
      }
    }
  }
}

/**
 * A listener denied the transition: the task is CREATED again with its values before it, and a
 * variable update waiting for it is denied too.
 */
export function denyTransition(
  ctx: ProcessingContext,
  task: UserTask,
  denied: string,
  deniedReason: string,
): void {
  const pending = task.pending ?? task.value;
  const documentKey = task.variableDocumentKey;
  const value: UserTaskRecordValue = {
    ...task.value,
    changedAttributes: [],
    variables: {},
    action: pending.action,
    deniedReason,
  };
  ctx.event('USER_TASK', denied, task.key, value, value.processInstanceKey);
  if (!documentKey) return;
  const document = variableDocumentOf(pending);
  ctx.event('VARIABLE_DOCUMENT', 'UPDATE_DENIED', documentKey, document, value.processInstanceKey);
}

/** The VARIABLE_DOCUMENT value of a variable update of the task's scope (always local). */
function variableDocumentOf(pending: UserTaskRecordValue) {
  return { scopeKey: pending.elementInstanceKey, variables: pending.variables, local: true };
}

/**
 * CREATED carries no assignee; the assignee of the model (or, when the model has none, the one a
 * creating listener set) is assigned right after, running the assigning listeners — as Zeebe
 * 8.8 creates a task ("When activating a user task that specifies an assignee").
 */
function finishCreation(ctx: ProcessingContext, task: UserTask, pending: UserTaskRecordValue) {
  const assignee = pending.assignee;
  const created = { ...pending, assignee: '', changedAttributes: [] };
  ctx.event('USER_TASK', 'CREATED', task.key, created, created.processInstanceKey);
  if (assignee === '') return;
  startTransition(ctx, task, 'assigning', {
    ...created,
    assignee,
    changedAttributes: ['assignee'],
  });
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

/** The canceled task's element, which waited for the canceling listeners, is terminated. */
function terminateElement(ctx: ProcessingContext, pending: UserTaskRecordValue): void {
  const instance = ctx.state.elementInstances.get(pending.elementInstanceKey);
  if (!instance || instance.state !== 'ELEMENT_TERMINATING') return;
  const ec = contextOf(ctx, instance.key, instance.value);
  resolveIncidentsOf(ec);
  toTerminated(ec);
}
