import type { ProcessingContext } from '../../processing/context';
import type { MessageSubscription } from '../../state/messages';
import type { ElementContext } from '../element-context';
import { correlateBuffered, openSubscription } from './messages';
import { openSignalSubscription } from './signals';
import { createTimerFor } from './timers';
import type { Outcome } from './variables';

/**
 * Event-based gateway (Camunda docs, "Event-based gateway"): on activation it subscribes to
 * the events after it (timer, message, signal catch events), held by the gateway instance.
 * The first event to trigger wins (event-triggers.ts): the gateway completes (closing the other
 * subscriptions) and the flow to that event is taken; the event then completes at once with its
 * variables (processors/catch-event.ts).
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
