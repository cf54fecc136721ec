import type { FlowElement } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { ElementInstance } from '../../state/types';
import { contextOf, deployedProcessOf } from '../element-context';
import { triggerEventSubProcess } from './event-sub-processes';
import { activateChild } from './lifecycle';
import { acceptResultVariables } from './variables';

/*
 * How an event trigger reaches the element instance waiting for it (Zeebe's EventHandle and
 * EventTriggerBehavior). The event kinds only find *who* was triggered — a correlated message
 * subscription, a broadcast signal's subscriptions, a due timer, a caught escalation or error —
 * and hand it here; what the trigger then does depends on the waiting element alone, the same
 * for every kind. Those behaviours depend on this module, never on each other.
 */

/** An element instance waiting for an event: itself, or the catch event `elementId` it holds. */
export interface WaitingElement {
  elementInstanceKey: string;
  elementId: string;
  interrupting: boolean;
}

/**
 * What the trigger did: nothing (the instance no longer waits), the waiting element completes
 * (a catch event, receive task or event-based gateway), its scope is interrupted, or a path
 * starts alongside (a non-interrupting boundary event or event sub-process).
 */
export type TriggerOutcome = 'none' | 'completes' | 'interrupts' | 'alongside';

export interface TriggerOptions {
  /**
   * False for a timer: it carries no variables, so a catch event takes none and a
   * non-interrupting boundary event starts without a PROCESS_EVENT TRIGGERED record.
   */
  carriesVariables?: boolean;
}

/**
 * A catch event or receive task completes with the event's variables; an event-based gateway
 * completes towards the event that won; a boundary event interrupts its activity, or
 * (non-interrupting) starts its path alongside; an event sub-process start triggers its event
 * sub-process inside the waiting scope.
 */
export function triggerWaitingElement(
  ctx: ProcessingContext,
  waiting: WaitingElement,
  variables: Record<string, unknown>,
  options: TriggerOptions = {},
): TriggerOutcome {
  const instance = ctx.state.elementInstances.get(waiting.elementInstanceKey);
  if (!instance || instance.state !== 'ELEMENT_ACTIVATED') return 'none';
  const pi = instance.value.processInstanceKey;
  if (instance.value.bpmnElementType === 'EVENT_BASED_GATEWAY') {
    triggerEventGateway(ctx, instance, waiting.elementId, variables);
    return 'completes';
  }
  if (waiting.elementId === instance.value.elementId) {
    if (options.carriesVariables !== false) {
      acceptResultVariables(contextOf(ctx, instance.key, instance.value), variables);
    }
    ctx.command('PROCESS_INSTANCE', 'COMPLETE_ELEMENT', instance.key, instance.value, pi);
    return 'completes';
  }
  const target = deployedProcessOf(ctx, instance.value).executable.elements[waiting.elementId]!;
  if (target.elementType === 'START_EVENT') {
    triggerEventSubProcess(ctx, instance, target, variables);
    return target.interrupting === false ? 'alongside' : 'interrupts';
  }
  if (waiting.interrupting) {
    triggerCatchEvent(ctx, { scope: instance, catchEvent: target }, variables);
    return 'interrupts';
  }
  startAlongside(ctx, instance, target, variables, options);
  return 'alongside';
}

/**
 * Triggers the interrupting catch event `catchEvent` of `scope`: an event sub-process start
 * inside it (see event-sub-processes.ts), or a boundary event attached to it. The activity is
 * terminated first, remembering the trigger (PROCESS_EVENT TRIGGERING); the boundary event is
 * activated once it has terminated (lifecycle.ts, toTerminated).
 */
export function triggerCatchEvent(
  ctx: ProcessingContext,
  found: { scope: ElementInstance; catchEvent: FlowElement },
  variables: Record<string, unknown>,
): void {
  const { scope, catchEvent } = found;
  if (catchEvent.elementType === 'START_EVENT') {
    return triggerEventSubProcess(ctx, scope, catchEvent, variables);
  }
  ctx.event(
    'PROCESS_EVENT',
    'TRIGGERING',
    ctx.nextKey(),
    {
      scopeKey: scope.key,
      targetElementId: catchEvent.id,
      flowScopeKey: scope.value.flowScopeKey,
      variables: JSON.stringify(variables),
      processInstanceKey: scope.value.processInstanceKey,
    },
    scope.value.processInstanceKey,
  );
  ctx.command(
    'PROCESS_INSTANCE',
    'TERMINATE_ELEMENT',
    scope.key,
    scope.value,
    scope.value.processInstanceKey,
  );
}

/**
 * The event `targetElementId` won: remembered on the gateway (PROCESS_EVENT TRIGGERING), which
 * completes; its processor then takes the flow to that event (event-based-gateway.ts).
 */
function triggerEventGateway(
  ctx: ProcessingContext,
  gateway: ElementInstance,
  targetElementId: string,
  variables: Record<string, unknown>,
): void {
  if (gateway.pendingTrigger) return; // another event already won in this batch
  const pi = gateway.value.processInstanceKey;
  ctx.event(
    'PROCESS_EVENT',
    'TRIGGERING',
    ctx.nextKey(),
    {
      scopeKey: gateway.key,
      targetElementId,
      flowScopeKey: gateway.value.flowScopeKey,
      variables: JSON.stringify(variables),
      processInstanceKey: pi,
    },
    pi,
  );
  ctx.command('PROCESS_INSTANCE', 'COMPLETE_ELEMENT', gateway.key, gateway.value, pi);
}

/** A non-interrupting boundary event starts its path beside the activity, which goes on. */
function startAlongside(
  ctx: ProcessingContext,
  activity: ElementInstance,
  boundary: FlowElement,
  variables: Record<string, unknown>,
  options: TriggerOptions,
): void {
  const scope = ctx.state.elementInstances.get(activity.value.flowScopeKey);
  if (!scope) return;
  if (options.carriesVariables === false) {
    activateChild(ctx, scope, boundary);
    return;
  }
  // The boundary event instance receives the variables, as an interrupting one does.
  const pi = activity.value.processInstanceKey;
  const boundaryKey = ctx.nextKey();
  ctx.event(
    'PROCESS_EVENT',
    'TRIGGERED',
    ctx.nextKey(),
    {
      scopeKey: activity.key,
      targetElementId: boundary.id,
      targetInstanceKey: boundaryKey,
      variables: JSON.stringify(variables),
      processInstanceKey: pi,
    },
    pi,
  );
  activateChild(ctx, scope, boundary, undefined, boundaryKey);
}
