import type { ProcessingContext } from '../../processing/context';
import type { ElementInstance } from '../../state/types';
import type { ElementContext } from '../element-context';
import type { ElementProcessor } from '../processors/element-processor';
import { toActivated, toCompleting } from './lifecycle';
import { correlateBuffered, openSubscription } from './messages';
import { openSignalSubscription } from './signals';
import { createTimerFor } from './timers';
import { acceptResultVariables, applyInputMappings, type Outcome } from './variables';
import type { MessageSubscription } from '../../state/messages';

/**
 * Event-based gateway (Camunda docs, "Event-based gateway"): on activation it subscribes to
 * the events after it (timer, message, signal catch events), held by the gateway instance.
 * The first event to trigger wins: the gateway completes (closing the other subscriptions)
 * and the flow to that event is taken; the event then completes at once with its variables.
 */
export function openEventGatewaySubscriptions(
  ec: ElementContext,
): { ok: true; messages: MessageSubscription[] } | { ok: false; message: string } {
  const messages: MessageSubscription[] = [];
  for (const flowId of ec.element.outgoing) {
    const target = ec.process.elements[ec.process.sequenceFlows[flowId]!.targetId]!;
    let opened: Outcome = { ok: true };
    if (target.eventType === 'TIMER' && target.timer) opened = createTimerFor(ec, target, ec.key);
    else if (target.eventType === 'SIGNAL' && target.signalName)
      opened = openSignalSubscription(ec, target, ec.key);
    else if (target.eventType === 'MESSAGE' && target.message) {
      const result = openSubscription(ec, target, ec.key);
      if (result.ok) messages.push(result.subscription);
      opened = result;
    }
    if (!opened.ok) return opened;
  }
  return { ok: true, messages };
}

/** After activation, a buffered message may win at once (the first one found). */
export function correlateBufferedAtGateway(
  ctx: ProcessingContext,
  gatewayKey: string,
  subs: MessageSubscription[],
): void {
  for (const subscription of subs) {
    if (ctx.state.elementInstances.get(gatewayKey)?.pendingTrigger) return;
    correlateBuffered(ctx, subscription);
  }
}

/** The event `targetElementId` won: remembered on the gateway (PROCESS_EVENT TRIGGERING), which completes. */
export function triggerEventGateway(
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

/**
 * A catch event entered from an event-based gateway has already been triggered (its variables
 * were handed over with PROCESS_EVENT TRIGGERED): it completes at once instead of waiting.
 */
export function completeTriggeredCatchEvent(
  ec: ElementContext,
  processor: ElementProcessor,
): boolean {
  const variables = ec.ctx.state.eventVariables.get(ec.key);
  if (!variables) return false;
  const input = applyInputMappings(ec);
  if (!input.ok) return false; // the normal path raises the incident
  acceptResultVariables(ec, variables);
  if (!toActivated(ec)) return true; // the incident waits on the element
  toCompleting(ec);
  processor.onComplete(ec);
  return true;
}
