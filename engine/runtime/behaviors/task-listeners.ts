import type { TaskListener } from '../../bpmn/model';
import { evaluateExpression } from '../../feel';
import type { ProcessingContext } from '../../processing/context';
import type { JobRecordValue } from '../../state/appliers';
import type { UserTask, UserTaskRecordValue } from '../../state/user-task';
import { contextOf } from '../element-context';
import { raiseIncident } from './incidents';
import { pushToStream } from './job-push';

/*
 * User task listeners (Camunda 8.8, "User task listeners"): an assignment or completion of a task
 * with listeners for it stops in ASSIGNING/COMPLETING; each listener is a job of kind
 * TASK_LISTENER, one after the other in model order. The task counts the completed listeners
 * (`listenerIndex`, moved by the JOB COMPLETED applier) and keeps the waiting change (`pending`).
 */

export type ListenedEvent = 'assigning' | 'completing';

/** The first intent of each transition, and what ends it when every listener agreed. */
export const TRANSITIONS = {
  assigning: { start: 'ASSIGNING', end: 'ASSIGNED', denied: 'ASSIGNMENT_DENIED' },
  completing: { start: 'COMPLETING', end: 'COMPLETED', denied: 'COMPLETION_DENIED' },
} as const;

export function listenersFor(ctx: ProcessingContext, task: UserTask, event: ListenedEvent) {
  const instance = ctx.state.elementInstances.get(task.value.elementInstanceKey);
  if (!instance) return [];
  const ec = contextOf(ctx, instance.key, instance.value);
  return (ec.element.userTask?.taskListeners ?? []).filter((l) => l.eventType === event);
}

/** The task's state names the transition a listener job belongs to. */
export function eventOf(task: UserTask): ListenedEvent | undefined {
  if (task.state === 'ASSIGNING') return 'assigning';
  if (task.state === 'COMPLETING') return 'completing';
  return undefined;
}

/** Creates the job of the next listener of the transition; false when none is left. */
export function nextTaskListener(ctx: ProcessingContext, task: UserTask): boolean {
  const event = eventOf(task);
  if (!event) return false;
  const listeners = listenersFor(ctx, task, event);
  const listener = listeners[task.listenerIndex ?? 0];
  if (!listener) return false;
  createListenerJob(ctx, task, event, listener);
  return true;
}

function createListenerJob(
  ctx: ProcessingContext,
  task: UserTask,
  event: ListenedEvent,
  listener: TaskListener,
): void {
  const v = task.value;
  const instance = ctx.state.elementInstances.get(v.elementInstanceKey)!;
  const ec = contextOf(ctx, instance.key, instance.value);
  const variables = ctx.state.visibleVariables(instance.key);
  const type = evaluateExpression(listener.type, variables, 'string');
  if (!type.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', type.message);
  const retries = evaluateExpression(listener.retries, variables, 'number');
  if (!retries.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', retries.message);
  const pending: UserTaskRecordValue = task.pending ?? v;
  const value: JobRecordValue = {
    type: type.value as string,
    retries: Math.trunc(retries.value as number),
    deadline: 0,
    worker: '',
    errorMessage: '',
    errorCode: '',
    // The task as the listener sees it (Zeebe passes its properties as job headers).
    customHeaders: {
      'io.camunda.zeebe:userTaskKey': task.key,
      'io.camunda.zeebe:assignee': pending.assignee,
      'io.camunda.zeebe:action': pending.action,
    },
    elementInstanceKey: v.elementInstanceKey,
    processInstanceKey: v.processInstanceKey,
    bpmnProcessId: v.bpmnProcessId,
    processDefinitionKey: v.processDefinitionKey,
    processDefinitionVersion: v.processDefinitionVersion,
    elementId: v.elementId,
    tenantId: v.tenantId,
    retryBackoff: 0,
    recurringTime: -1,
    variables: '{}',
    jobKind: 'TASK_LISTENER',
    listenerEventType: event === 'assigning' ? 'ASSIGNING' : 'COMPLETING',
  };
  const key = ctx.nextKey();
  ctx.event('JOB', 'CREATED', key, value, v.processInstanceKey);
  pushToStream(ctx, key);
}
