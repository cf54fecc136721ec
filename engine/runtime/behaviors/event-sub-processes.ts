import type { FlowElement } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { ElementInstance } from '../../state/types';
import { instanceContext, type ElementContext } from '../element-context';
import { eventSubProcessStarts } from './boundary-events';
import { activateChild, terminateChildren } from './lifecycle';
import { timerValue } from './timers';

/**
 * Event sub-processes (Camunda docs, "Event subprocesses"): armed while their enclosing scope
 * (process, sub-process or event sub-process) is active, through their start event. An
 * interrupting one terminates every other element instance of the scope first, then runs; the
 * scope completes once it has. A non-interrupting one runs alongside.
 */

/** Whether `element` is the start event of an event sub-process. */
export function isEventSubProcessStart(
  process: ElementContext['process'],
  element: FlowElement,
): boolean {
  return (
    element.elementType === 'START_EVENT' &&
    process.elements[element.flowScopeId]?.elementType === 'EVENT_SUB_PROCESS'
  );
}

/**
 * Triggers the event sub-process of `start` inside the active scope instance `scope`. An
 * interrupting one disarms the scope's other event sub-processes and terminates its children;
 * it is entered when the last of them has terminated (see `onScopeChildTerminated`).
 */
export function triggerEventSubProcess(
  ctx: ProcessingContext,
  scope: ElementInstance,
  start: FlowElement,
  variables: Record<string, unknown>,
): void {
  if (scope.pendingTrigger) return; // the scope is being interrupted already
  if (start.interrupting === false) return enterEventSubProcess(ctx, scope, start, variables);
  ctx.event(
    'PROCESS_EVENT',
    'TRIGGERING',
    ctx.nextKey(),
    {
      scopeKey: scope.key,
      targetElementId: start.id,
      flowScopeKey: scope.value.flowScopeKey,
      variables: JSON.stringify(variables),
      processInstanceKey: scope.value.processInstanceKey,
    },
    scope.value.processInstanceKey,
  );
  const ec = instanceContext(ctx, scope);
  disarmEventSubProcesses(ec);
  if (terminateChildren(ec) === 0) enterEventSubProcess(ctx, scope, start, variables);
}

/**
 * Called when a child of an active scope terminated: if the scope waits for its children to
 * end before entering an interrupting event sub-process, enters it once none is left.
 * Returns whether the scope is waiting (it must then not complete).
 */
export function onScopeChildTerminated(scope: ElementContext): boolean {
  const instance = scope.ctx.state.elementInstances.get(scope.key);
  const trigger = instance?.pendingTrigger;
  if (!instance || instance.state !== 'ELEMENT_ACTIVATED' || !trigger) return false;
  const start = scope.process.elements[trigger.elementId];
  if (!start || !isEventSubProcessStart(scope.process, start)) return false;
  if (scope.ctx.state.childKeys(scope.key).length === 0) {
    enterEventSubProcess(scope.ctx, instance, start, trigger.variables ?? {});
  }
  return true;
}

/** PROCESS_EVENT TRIGGERED, then the event sub-process instance (it starts at its start event). */
function enterEventSubProcess(
  ctx: ProcessingContext,
  scope: ElementInstance,
  start: FlowElement,
  variables: Record<string, unknown>,
): void {
  const process = instanceContext(ctx, scope).process;
  const eventSubProcess = process.elements[start.flowScopeId]!;
  const key = ctx.nextKey();
  ctx.event(
    'PROCESS_EVENT',
    'TRIGGERED',
    ctx.nextKey(),
    {
      scopeKey: scope.key,
      targetElementId: start.id,
      targetInstanceKey: key,
      variables: JSON.stringify(variables),
      processInstanceKey: scope.value.processInstanceKey,
    },
    scope.value.processInstanceKey,
  );
  activateChild(ctx, scope, eventSubProcess, 'EVENT_SUB_PROCESS', key);
}

/**
 * Closes the start event subscriptions (timers, messages, signals) of the event sub-processes
 * of `scope`, leaving those of the scope's own boundary events open.
 */
function disarmEventSubProcesses(scope: ElementContext): void {
  const { ctx } = scope;
  const starts = new Set(eventSubProcessStarts(scope).map((s) => s.id));
  for (const timer of ctx.state.timersOf(scope.key)) {
    if (!starts.has(timer.targetElementId)) continue;
    ctx.event('TIMER', 'CANCELED', timer.key, timerValue(timer), timer.processInstanceKey);
  }
  for (const s of ctx.state.messages.subscriptionsOf(scope.key)) {
    if (!starts.has(s.elementId)) continue;
    const value = { ...s, messageKey: '-1', variables: {} };
    ctx.event('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', s.key, value, s.processInstanceKey);
  }
  for (const s of ctx.state.signals.of(scope.key)) {
    if (!starts.has(s.elementId)) continue;
    const { key, ...value } = s;
    ctx.event('SIGNAL_SUBSCRIPTION', 'DELETED', key, value, s.processInstanceKey);
  }
}
