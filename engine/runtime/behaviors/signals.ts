import type { FlowElement } from '../../bpmn/model';
import { evaluateExpression } from '../../feel';
import type { ProcessingContext } from '../../processing/context';
import type { SignalSubscriptionValue } from '../../state/appliers';
import type { ElementContext } from '../element-context';
import { boundaryEventsToArm } from './boundary-events';
import { triggerWaitingElement } from './event-triggers';
import { startAt } from './process-start';
import type { Outcome } from './variables';

/**
 * Signals (Camunda docs, "Signal events"): a broadcast triggers every open signal
 * subscription with its name — catch events, boundary events — and starts an instance of the
 * latest version of each process with a matching signal start event. Nothing is buffered.
 */
export function signalNameOf(
  ec: ElementContext,
  element: FlowElement,
  scopeKey: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const result = evaluateExpression(
    element.signalName!,
    ec.ctx.state.visibleVariables(scopeKey),
    'string',
    { now: new Date(ec.ctx.now) },
  );
  return result.ok ? { ok: true, value: result.value as string } : result;
}

export function openSignalSubscription(
  ec: ElementContext,
  target: FlowElement,
  waitingKey: string,
): Outcome {
  const name = signalNameOf(ec, target, waitingKey);
  if (!name.ok) return name;
  const value: SignalSubscriptionValue = {
    elementInstanceKey: waitingKey,
    processInstanceKey: ec.value.processInstanceKey,
    bpmnProcessId: ec.value.bpmnProcessId,
    elementId: target.id,
    signalName: name.value,
    interrupting: target.interrupting !== false,
    tenantId: ec.value.tenantId,
  };
  ec.ctx.event('SIGNAL_SUBSCRIPTION', 'CREATED', ec.ctx.nextKey(), value, value.processInstanceKey);
  return { ok: true };
}

/** An activity subscribes to its signal boundary events when activated (inner instances do not). */
export function openBoundarySignalSubscriptions(ec: ElementContext): Outcome {
  for (const boundary of boundaryEventsToArm(ec, 'SIGNAL')) {
    if (!boundary.signalName) continue;
    const opened = openSignalSubscription(ec, boundary, ec.key);
    if (!opened.ok) return opened;
  }
  return { ok: true };
}

/** Leaving an element closes its signal subscriptions. */
export function closeSignalSubscriptionsOf(
  ctx: ProcessingContext,
  elementInstanceKey: string,
): void {
  for (const s of ctx.state.signals.of(elementInstanceKey)) {
    const { key, ...value } = s;
    ctx.event('SIGNAL_SUBSCRIPTION', 'DELETED', key, value, s.processInstanceKey);
  }
}

/** SIGNAL BROADCASTED and its effects, for BroadcastSignal and for signal throw / end events. */
export function broadcastSignal(
  ctx: ProcessingContext,
  signalName: string,
  variables: Record<string, unknown>,
  tenantId: string,
): string {
  const key = ctx.nextKey();
  ctx.event('SIGNAL', 'BROADCASTED', key, { signalName, variables, tenantId });
  for (const s of ctx.state.signals.named(signalName, tenantId)) {
    // A catch event or interrupting boundary event is done; a non-interrupting one stays open.
    if (s.interrupting) {
      const { key: subscriptionKey, ...value } = s;
      ctx.event('SIGNAL_SUBSCRIPTION', 'DELETED', subscriptionKey, value, s.processInstanceKey);
    }
    triggerWaitingElement(ctx, s, variables);
  }
  for (const bpmnProcessId of ctx.state.processVersions.keys()) {
    const deployed = ctx.state.latestProcess(bpmnProcessId);
    if (!deployed) continue;
    const process = deployed.executable;
    for (const start of Object.values(process.elements)) {
      if (start.elementType !== 'START_EVENT' || start.eventType !== 'SIGNAL') continue;
      if (start.flowScopeId !== process.bpmnProcessId || !start.signalName) continue;
      const name = evaluateExpression(start.signalName, {}, 'string');
      if (name.ok && name.value === signalName) {
        startAt(ctx, ctx.nextKey(), deployed, start, variables, tenantId);
      }
    }
  }
  return key;
}
