import type { FlowElement, SequenceFlow } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { IncidentErrorType, ProcessInstanceValue } from '../../state/types';
import { childValue, contextOf, type ElementContext } from '../element-context';
import {
  onElementCompleted as compensationOnCompleted,
  onElementTerminated as compensationOnTerminated,
} from './compensation';
import { awaitsEndListeners } from './execution-listeners';
import { raiseIncident } from './incidents';

/**
 * The element instance lifecycle, as Zeebe records it: ACTIVATING → ACTIVATED → COMPLETING →
 * COMPLETED, or → TERMINATING → TERMINATED; leaving an element takes its outgoing flows.
 * Container reactions (a scope completing when its last path ends) are delegated to the
 * container's processor through `ContainerHooks`, registered by the processor registry.
 * Becoming ACTIVATED and COMPLETING also arm and disarm the element's events: those two steps
 * are in activation.ts, which builds on this module.
 */
export interface ContainerHooks {
  /**
   * Before the child's ELEMENT_COMPLETED, while its variables still exist (Zeebe's
   * beforeExecutionPathCompleted). A failure becomes an incident on the child, which stays
   * COMPLETING; `value` is handed to onChildCompleted.
   */
  beforeChildCompleted?(scope: ElementContext, child: ElementContext): BeforeCompleted;
  onChildCompleted(scope: ElementContext, child: ElementContext, before?: unknown): void;
  onChildTerminated(scope: ElementContext, child: ElementContext): void;
}

export type BeforeCompleted =
  { ok: true; value?: unknown } | { ok: false; errorType: IncidentErrorType; message: string };

let containerHooks: (elementType: string) => ContainerHooks | undefined = () => undefined;

export function registerContainerHooks(
  lookup: (elementType: string) => ContainerHooks | undefined,
) {
  containerHooks = lookup;
}

/** One PROCESS_INSTANCE lifecycle event of `ec`, with its current value. */
export function writeElementEvent(ec: ElementContext, intent: string): void {
  ec.ctx.event('PROCESS_INSTANCE', intent, ec.key, ec.value, ec.value.processInstanceKey);
}

export function toTerminating(ec: ElementContext): void {
  writeElementEvent(ec, 'ELEMENT_TERMINATING');
}

/** Writes an ACTIVATE_ELEMENT command for a new instance of `element` inside `scope`. */
export function activateChild(
  ctx: ProcessingContext,
  scope: { key: string; value: ProcessInstanceValue },
  element: FlowElement,
  elementType = entryTypeOf(scope, element),
  key = ctx.nextKey(),
): string {
  const value = childValue(scope, element, elementType);
  ctx.command('PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', key, value, value.processInstanceKey);
  return key;
}

/**
 * Entering an activity with loop characteristics enters its multi-instance body; the body
 * then starts the inner instances (same element id, the activity's own type).
 */
function entryTypeOf(scope: { value: ProcessInstanceValue }, element: FlowElement) {
  const insideOwnBody =
    scope.value.bpmnElementType === 'MULTI_INSTANCE_BODY' && scope.value.elementId === element.id;
  return element.loop && !insideOwnBody ? 'MULTI_INSTANCE_BODY' : element.elementType;
}

/** The scope instance of `ec` (its flow scope), if still alive. */
export function flowScopeOf(ec: ElementContext): ElementContext | undefined {
  const scope = ec.ctx.state.elementInstances.get(ec.value.flowScopeKey);
  return scope ? contextOf(ec.ctx, scope.key, scope.value) : undefined;
}

function isInnerInstance(ec: ElementContext, scope: ElementContext | undefined): boolean {
  return (
    scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' &&
    ec.value.bpmnElementType !== 'MULTI_INSTANCE_BODY'
  );
}

/**
 * ELEMENT_COMPLETED, then the outgoing flows (all of them, or those a gateway chose). An inner
 * instance of a multi-instance body never takes flows: the body does when it completes.
 * Returns false when the scope refused the completion with an incident, or end listeners run.
 */
export function toCompleted(
  ec: ElementContext,
  flows?: SequenceFlow[],
  options: { notifyScope?: boolean } = {},
): boolean {
  // End listeners run after the output mappings, before the element completes.
  if (awaitsEndListeners(ec)) return false;
  const scope = flowScopeOf(ec);
  const hooks = scope ? containerHooks(scope.value.bpmnElementType) : undefined;
  const before = scope ? hooks?.beforeChildCompleted?.(scope, ec) : undefined;
  if (before && !before.ok) {
    raiseIncident(ec, before.errorType, before.message);
    return false;
  }
  writeElementEvent(ec, 'ELEMENT_COMPLETED');
  compensationOnCompleted(ec);
  if (!isInnerInstance(ec, scope)) {
    const outgoing = flows ?? ec.element.outgoing.map((id) => ec.process.sequenceFlows[id]!);
    for (const flow of outgoing) takeSequenceFlow(ec, flow);
  }
  if (scope && options.notifyScope !== false) hooks?.onChildCompleted(scope, ec, before?.value);
  return true;
}

export function takeSequenceFlow(from: ElementContext, flow: SequenceFlow): void {
  const { ctx } = from;
  const flowValue: ProcessInstanceValue = {
    ...from.value,
    elementId: flow.id,
    bpmnElementType: 'SEQUENCE_FLOW',
    bpmnEventType: 'UNSPECIFIED',
  };
  ctx.event(
    'PROCESS_INSTANCE',
    'SEQUENCE_FLOW_TAKEN',
    ctx.nextKey(),
    flowValue,
    flowValue.processInstanceKey,
  );
  const target = from.process.elements[flow.targetId]!;
  const scope = ctx.state.elementInstances.get(from.value.flowScopeKey);
  // A joining gateway decides when this command is processed (see joins.ts).
  if (scope) activateChild(ctx, scope, target);
}

/** ELEMENT_TERMINATED; then either the interrupting event that waited for it, or the scope. */
export function toTerminated(ec: ElementContext): void {
  const { ctx } = ec;
  const instance = ctx.state.elementInstances.get(ec.key);
  const trigger = instance?.pendingTrigger;
  const scope = flowScopeOf(ec);
  writeElementEvent(ec, 'ELEMENT_TERMINATED');
  compensationOnTerminated(ec);
  if (trigger && scope) {
    const target = ec.process.elements[trigger.elementId]!;
    const catchKey = ctx.nextKey();
    ctx.event(
      'PROCESS_EVENT',
      'TRIGGERED',
      ctx.nextKey(),
      {
        scopeKey: ec.key,
        targetElementId: trigger.elementId,
        targetInstanceKey: catchKey,
        variables: JSON.stringify(trigger.variables ?? {}),
        processInstanceKey: ec.value.processInstanceKey,
      },
      ec.value.processInstanceKey,
    );
    activateChild(ctx, scope, target, target.elementType, catchKey);
    return;
  }
  if (scope) containerHooks(scope.value.bpmnElementType)?.onChildTerminated(scope, ec);
}

/** A container whose last execution path ended completes (unless it is ending anyway). */
export function completeScopeIfDone(scope: ElementContext): void {
  const instance = scope.ctx.state.elementInstances.get(scope.key);
  if (!instance || instance.state !== 'ELEMENT_ACTIVATED') return;
  if (scope.ctx.state.childKeys(scope.key).length > 0) return;
  // A terminate end event (the scope's pending trigger) also ends the flows still in transit.
  if (instance.activeFlows > 0 && !instance.pendingTrigger) return;
  scope.ctx.command(
    'PROCESS_INSTANCE',
    'COMPLETE_ELEMENT',
    scope.key,
    scope.value,
    scope.value.processInstanceKey,
  );
}

/** A terminating container whose last child terminated is itself terminated. */
export function terminateScopeIfDone(scope: ElementContext): boolean {
  const instance = scope.ctx.state.elementInstances.get(scope.key);
  if (!instance || instance.state !== 'ELEMENT_TERMINATING') return false;
  if (scope.ctx.state.childKeys(scope.key).length > 0) return false;
  return true;
}

/** Terminates every live child of `scope` (TERMINATE_ELEMENT commands). Returns how many. */
export function terminateChildren(scope: ElementContext): number {
  const { ctx } = scope;
  let count = 0;
  for (const key of ctx.state.childKeys(scope.key)) {
    const child = ctx.state.elementInstances.get(key)!;
    if (child.state === 'ELEMENT_TERMINATING') {
      count++;
      continue;
    }
    ctx.command(
      'PROCESS_INSTANCE',
      'TERMINATE_ELEMENT',
      key,
      child.value,
      child.value.processInstanceKey,
    );
    count++;
  }
  return count;
}
