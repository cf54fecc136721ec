import type { TaskListener } from '../../bpmn/model';
import { evaluateExpression } from '../../feel';
import type { ProcessingContext } from '../../processing/context';
import type { UserTask, UserTaskRecordValue } from '../../state/user-task';
import { contextOf } from '../element-context';
import { raiseIncident } from './incidents';
import { createJob, newJobValue } from './job-record';

/*
 * User task listeners (Camunda 8.8, "User task listeners"): a transition of a task with
 * listeners for its event stops in the transition's state (CREATING, ASSIGNING, UPDATING,
 * COMPLETING, CANCELING); each listener is a job of kind TASK_LISTENER, one after the other in
 * model order. The task counts the completed listeners (`listenerIndex`, moved by the JOB
 * COMPLETED applier) and keeps the waiting change (`pending`).
 */

export type ListenedEvent = TaskListener['eventType'];

interface Transition {
  /** The intent that starts the transition; the task's state while its listeners run. */
  start: 'CREATING' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'CANCELING';
  /** What ends it when every listener agreed. */
  end: string;
  /** What ends it when a listener denied it; creation and cancelation cannot be denied. */
  denied?: string;
}

export const TRANSITIONS: Record<ListenedEvent, Transition> = {
  creating: { start: 'CREATING', end: 'CREATED' },
  assigning: { start: 'ASSIGNING', end: 'ASSIGNED', denied: 'ASSIGNMENT_DENIED' },
  updating: { start: 'UPDATING', end: 'UPDATED', denied: 'UPDATE_DENIED' },
  completing: { start: 'COMPLETING', end: 'COMPLETED', denied: 'COMPLETION_DENIED' },
  canceling: { start: 'CANCELING', end: 'CANCELED' },
};

const EVENTS = Object.keys(TRANSITIONS) as ListenedEvent[];

export function listenersFor(ctx: ProcessingContext, task: UserTask, event: ListenedEvent) {
  const instance = ctx.state.elementInstances.get(task.value.elementInstanceKey);
  if (!instance) return [];
  const ec = contextOf(ctx, instance.key, instance.value);
  return (ec.element.userTask?.taskListeners ?? []).filter((l) => l.eventType === event);
}

/** The task's state names the transition a listener job belongs to. */
export function eventOf(task: UserTask): ListenedEvent | undefined {
  return EVENTS.find((event) => TRANSITIONS[event].start === task.state);
}

/** The job's `listenerEventType` for an event, as Zeebe writes it (`ASSIGNING`, …). */
export const listenerEventTypeOf = (event: ListenedEvent) => TRANSITIONS[event].start;

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

/** The task as a listener sees it, in Zeebe's reserved job headers ("Accessing user task data"). */
function userTaskHeaders(task: UserTask, pending: UserTaskRecordValue): Record<string, string> {
  return {
    'io.camunda.zeebe:userTaskKey': task.key,
    'io.camunda.zeebe:action': pending.action,
    'io.camunda.zeebe:assignee': pending.assignee,
    'io.camunda.zeebe:candidateGroups': JSON.stringify(pending.candidateGroupsList),
    'io.camunda.zeebe:candidateUsers': JSON.stringify(pending.candidateUsersList),
    'io.camunda.zeebe:changedAttributes': JSON.stringify(pending.changedAttributes),
    'io.camunda.zeebe:dueDate': pending.dueDate,
    'io.camunda.zeebe:followUpDate': pending.followUpDate,
    'io.camunda.zeebe:formKey': pending.formKey,
    'io.camunda.zeebe:priority': String(pending.priority),
  };
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
  // Evaluated right before the job is created; a failure stops the transition in an incident.
  const type = evaluateExpression(listener.type, variables, 'string');
  if (!type.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', type.message);
  const retries = evaluateExpression(listener.retries, variables, 'number');
  if (!retries.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', retries.message);
  const pending: UserTaskRecordValue = task.pending ?? v;
  createJob(
    ctx,
    newJobValue(v, {
      type: type.value as string,
      retries: Math.trunc(retries.value as number),
      customHeaders: { ...v.customHeaders, ...userTaskHeaders(task, pending) },
      jobKind: 'TASK_LISTENER',
      listenerEventType: listenerEventTypeOf(event),
    }),
  );
}
