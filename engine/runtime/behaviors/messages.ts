import type { FlowElement } from '../../bpmn/model';
import { evaluateExpression } from '../../feel';
import type { ProcessingContext } from '../../processing/context';
import type { SubscriptionRecordValue } from '../../state/appliers';
import type { Message, MessageSubscription } from '../../state/messages';
import type { ElementContext } from '../element-context';
import { boundaryEventsToArm } from './boundary-events';
import { triggerWaitingElement } from './event-triggers';
import type { Outcome } from './variables';

/**
 * Message subscriptions (Camunda docs, "Messages"): opened when a message catch event or
 * receive task activates, or an activity with message boundary events; name and correlation
 * key are evaluated then and never updated. Closed when the element (or its scope) is left.
 */
export function openSubscription(
  ec: ElementContext,
  target: FlowElement,
  waitingKey: string,
): { ok: true; subscription: MessageSubscription } | { ok: false; message: string } {
  const variables = ec.ctx.state.visibleVariables(waitingKey);
  const options = { now: new Date(ec.ctx.now) };
  const name = evaluateExpression(target.message!.name!, variables, 'string', options);
  if (!name.ok) return name;
  const key = evaluateExpression(target.message!.correlationKey!, variables, 'any', options);
  if (!key.ok) return key;
  if (typeof key.value !== 'string' && typeof key.value !== 'number') {
    const source = target.message!.correlationKey!;
    const text = source.kind === 'feel' ? source.source : source.value;
    const actual = key.value === null ? 'NULL' : typeof key.value;
    return {
      ok: false,
      message: `Failed to extract the correlation key for '${text}': The value must be either a string or a number, but was '${actual}'.`,
    };
  }
  const value: SubscriptionRecordValue = {
    elementInstanceKey: waitingKey,
    processInstanceKey: ec.value.processInstanceKey,
    bpmnProcessId: ec.value.bpmnProcessId,
    elementId: target.id,
    messageName: name.value as string,
    correlationKey: String(key.value),
    interrupting: target.interrupting !== false,
    tenantId: ec.value.tenantId,
    messageKey: '-1',
    variables: {},
  };
  const subscriptionKey = ec.ctx.nextKey();
  ec.ctx.event(
    'PROCESS_MESSAGE_SUBSCRIPTION',
    'CREATED',
    subscriptionKey,
    value,
    value.processInstanceKey,
  );
  return { ok: true, subscription: ec.ctx.state.messages.subscriptions.get(subscriptionKey)! };
}

/** An activity subscribes to its message boundary events when activated (inner instances do not). */
export function openBoundaryMessageSubscriptions(ec: ElementContext): Outcome {
  const opened: MessageSubscription[] = [];
  for (const boundary of boundaryEventsToArm(ec, 'MESSAGE')) {
    if (!boundary.message) continue;
    const result = openSubscription(ec, boundary, ec.key);
    if (!result.ok) return result;
    opened.push(result.subscription);
  }
  for (const subscription of opened) correlateBuffered(ec.ctx, subscription);
  return { ok: true };
}

/** Leaving an element closes its subscriptions (catch event, receive task, boundary events). */
export function closeSubscriptionsOf(ctx: ProcessingContext, elementInstanceKey: string): void {
  for (const s of ctx.state.messages.subscriptionsOf(elementInstanceKey)) {
    const value: SubscriptionRecordValue = { ...s, messageKey: '-1', variables: {} };
    ctx.event('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', s.key, value, s.processInstanceKey);
  }
}

/**
 * A newly opened subscription takes the oldest buffered matching message not yet correlated
 * to its process (a message correlates once per bpmnProcessId, across versions).
 */
export function correlateBuffered(ctx: ProcessingContext, subscription: MessageSubscription): void {
  for (const message of ctx.state.messages.messages.values()) {
    if (
      message.name === subscription.messageName &&
      message.correlationKey === subscription.correlationKey &&
      message.tenantId === subscription.tenantId &&
      message.deadline > ctx.now &&
      !ctx.state.messages.wasCorrelated(message.key, subscription.bpmnProcessId)
    ) {
      correlate(ctx, subscription, message);
      return;
    }
  }
}

/** Correlates `message` to `subscription`, which then triggers its element (event-triggers.ts). */
export function correlate(
  ctx: ProcessingContext,
  subscription: MessageSubscription,
  message: Pick<Message, 'key' | 'variables'>,
): void {
  const value: SubscriptionRecordValue = {
    ...subscription,
    messageKey: message.key,
    variables: message.variables,
  };
  const pi = subscription.processInstanceKey;
  ctx.event('PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', subscription.key, value, pi);
  ctx.event('MESSAGE_SUBSCRIPTION', 'CORRELATED', subscription.key, value, pi);
  triggerWaitingElement(ctx, subscription, message.variables);
}
