/**
 * Compensation (Camunda 8.8 docs, "Compensation events"), as Zeebe's CompensationSubscription
 * behaviour: an activity with a compensation boundary event that completes is remembered as
 * compensable (COMPENSATION_SUBSCRIPTION CREATED); a compensation throw or end event starts the
 * handlers of the compensable activities of its flow scope (all of them at once, or only its
 * `activityRef`), each once (TRIGGERED), and completes when the last of them has completed
 * (COMPLETED). This module knows the lifecycle only through commands, so lifecycle.ts can call
 * it without an import cycle.
 */
import type {
  CompensationSubscription,
  CompensationSubscriptionValue,
} from '../../state/compensations';
import { childValue, type ElementContext } from '../element-context';

const VALUE_TYPE = 'COMPENSATION_SUBSCRIPTION';

/** Called right after ELEMENT_COMPLETED of any element. */
export function onElementCompleted(ec: ElementContext): void {
  if (ec.element.isForCompensation) handlerCompleted(ec);
  else rememberCompensable(ec);
  if (ec.value.bpmnElementType === 'PROCESS') forgetInstance(ec);
}

function rememberCompensable(ec: ElementContext): void {
  const boundary = ec.element.boundaryEventIds
    .map((id) => ec.process.elements[id]!)
    .find((b) => b.eventType === 'COMPENSATION' && b.compensationHandlerId);
  // The inner instances of a multi-instance body are compensated through the body's element.
  if (!boundary || ec.value.bpmnElementType === 'MULTI_INSTANCE_BODY') return;
  const value: CompensationSubscriptionValue = {
    tenantId: ec.value.tenantId,
    processInstanceKey: ec.value.processInstanceKey,
    processDefinitionKey: ec.value.processDefinitionKey,
    compensableActivityId: ec.element.id,
    compensableActivityInstanceKey: ec.key,
    compensableActivityScopeKey: ec.value.flowScopeKey,
    scopePath: scopePathOf(ec),
    compensationHandlerId: boundary.compensationHandlerId!,
    compensationHandlerInstanceKey: '-1',
    throwEventId: '',
    throwEventInstanceKey: '-1',
    variables: {},
  };
  ec.ctx.event(VALUE_TYPE, 'CREATED', ec.ctx.nextKey(), value, value.processInstanceKey);
}

/**
 * Starts the handlers the throw event `ec` compensates. Returns false when there is nothing to
 * compensate (the event then completes at once); otherwise the event waits for the handlers.
 */
export function throwCompensation(ec: ElementContext): boolean {
  const { ctx } = ec;
  const ref = ec.element.compensationActivityRef;
  const targets = ctx.state.compensations
    .ofProcessInstance(ec.value.processInstanceKey)
    .filter(
      (s) =>
        s.throwEventInstanceKey === '-1' &&
        (!ref || s.compensableActivityId === ref) &&
        reachableFrom(ec, s),
    );
  const scope = ctx.state.elementInstances.get(ec.value.flowScopeKey);
  if (targets.length === 0 || !scope) return false;
  for (const subscription of targets) {
    const handler = ec.process.elements[subscription.compensationHandlerId]!;
    const handlerKey = ctx.nextKey();
    const { key, ...rest } = subscription;
    const triggered: CompensationSubscriptionValue = {
      ...rest,
      throwEventId: ec.element.id,
      throwEventInstanceKey: ec.key,
      compensationHandlerInstanceKey: handlerKey,
    };
    ctx.event(VALUE_TYPE, 'TRIGGERED', key, triggered, ec.value.processInstanceKey);
    // A multi-instance handler is entered through its body and runs once for the activity.
    const value = childValue(scope, handler, handler.loop ? 'MULTI_INSTANCE_BODY' : undefined);
    ctx.command(
      'PROCESS_INSTANCE',
      'ACTIVATE_ELEMENT',
      handlerKey,
      value,
      value.processInstanceKey,
    );
  }
  return true;
}

function scopePathOf(ec: ElementContext): string[] {
  const path: string[] = [];
  let key = ec.value.flowScopeKey;
  while (key !== '-1') {
    path.push(key);
    const scope = ec.ctx.state.elementInstances.get(key);
    if (!scope) break;
    key = scope.value.flowScopeKey;
  }
  return path;
}

/**
 * A throw event compensates the activities completed in its own scope, and those completed
 * inside sub-processes of that scope that have completed themselves (not ones still active).
 */
function reachableFrom(ec: ElementContext, s: CompensationSubscription): boolean {
  const at = s.scopePath.indexOf(ec.value.flowScopeKey);
  if (at < 0) return false;
  return s.scopePath.slice(0, at).every((key) => !ec.ctx.state.elementInstances.has(key));
}

/** Called right after ELEMENT_TERMINATED: a terminated scope's activities are not compensated. */
export function onElementTerminated(ec: ElementContext): void {
  if (ec.value.bpmnElementType === 'PROCESS') return forgetInstance(ec);
  const isScope = ec.element.childIds !== undefined;
  if (!isScope && ec.value.bpmnElementType !== 'MULTI_INSTANCE_BODY') return;
  for (const s of ec.ctx.state.compensations.ofProcessInstance(ec.value.processInstanceKey)) {
    if (s.scopePath.includes(ec.key) && s.throwEventInstanceKey === '-1') write(ec, s, 'DELETED');
  }
}

/** A handler completed: its subscription is done; the last one lets the throw event complete. */
function handlerCompleted(ec: ElementContext): void {
  const { ctx } = ec;
  const all = ctx.state.compensations.ofProcessInstance(ec.value.processInstanceKey);
  const own = all.find((s) => s.compensationHandlerInstanceKey === ec.key);
  if (!own) return;
  write(ec, own, 'COMPLETED');
  const pending = all.some(
    (s) => s.key !== own.key && s.throwEventInstanceKey === own.throwEventInstanceKey,
  );
  const thrower = ctx.state.elementInstances.get(own.throwEventInstanceKey);
  if (pending || !thrower || thrower.state !== 'ELEMENT_ACTIVATED') return;
  ctx.command(
    'PROCESS_INSTANCE',
    'COMPLETE_ELEMENT',
    thrower.key,
    thrower.value,
    thrower.value.processInstanceKey,
  );
}

/** The process instance ended: what was not compensated can no longer be. */
function forgetInstance(ec: ElementContext): void {
  for (const s of ec.ctx.state.compensations.ofProcessInstance(ec.value.processInstanceKey)) {
    write(ec, s, 'DELETED');
  }
}

function write(ec: ElementContext, s: CompensationSubscription, intent: string): void {
  const { key, ...value } = s;
  ec.ctx.event(VALUE_TYPE, intent, key, value, s.processInstanceKey);
}
