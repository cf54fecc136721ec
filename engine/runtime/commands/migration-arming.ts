import type { FlowElement } from '../../bpmn/model';
import { evaluateExpression } from '../../feel';
import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { DeployedProcess, ProcessInstanceValue } from '../../state/types';
import { signalNameOf } from '../behaviors/signals';
import { scheduleTimer } from '../behaviors/timer-schedule';
import type { ElementContext } from '../element-context';
import type { MigrationPlan } from './migration-plan';

/*
 * The events a migrated element arms on the target: boundary events of its target element (or
 * the events after a target event-based gateway) that no source event is mapped to, and signal
 * events, which are opened again. Their
 * expressions are evaluated before anything is written, so a migration that could not open
 * them is rejected whole.
 */

export function migratedValue(
  value: ProcessInstanceValue,
  target: DeployedProcess,
  element: FlowElement | undefined,
): ProcessInstanceValue {
  return {
    ...value,
    bpmnProcessId: target.bpmnProcessId,
    processDefinitionKey: target.key,
    version: target.version,
    elementId: element ? element.id : target.bpmnProcessId,
  };
}

/**
 * The catch events of a migrated element that the target opens: its boundary events (or, for an
 * event-based gateway, the events after it) nothing is mapped to, and its signal events.
 */
export function newCatchEvents(ec: ElementContext, plan: MigrationPlan): FlowElement[] {
  const mappedTargets = new Set(plan.mappings.values());
  const events =
    ec.element.elementType === 'EVENT_BASED_GATEWAY'
      ? ec.element.outgoing.map(
          (id) => ec.process.elements[ec.process.sequenceFlows[id]!.targetId]!,
        )
      : ec.element.boundaryEventIds.map((id) => ec.process.elements[id]!);
  return events.filter((event) => !mappedTargets.has(event.id) || event.eventType === 'SIGNAL');
}

/** Why `event` could not be armed for the element instance `ec`, or undefined. */
function armingProblem(ec: ElementContext, event: FlowElement): string | undefined {
  const variables = ec.ctx.state.visibleVariables(ec.key);
  const options = { now: new Date(ec.ctx.now) };
  if (event.eventType === 'TIMER' && event.timer) {
    const scheduled = scheduleTimer(event.timer, variables, ec.ctx.now);
    return scheduled.ok ? undefined : scheduled.message;
  }
  if (event.eventType === 'SIGNAL' && event.signalName) {
    const name = signalNameOf(ec, event, ec.key);
    return name.ok ? undefined : name.message;
  }
  if (event.eventType === 'MESSAGE' && event.message?.name && event.message.correlationKey) {
    const name = evaluateExpression(event.message.name, variables, 'string', options);
    if (!name.ok) return name.message;
    const key = evaluateExpression(event.message.correlationKey, variables, 'any', options);
    if (!key.ok) return key.message;
    if (typeof key.value !== 'string' && typeof key.value !== 'number') {
      return `The correlation key of '${event.id}' must be either a string or a number`;
    }
  }
  return undefined;
}

/** Rejects the migration when an event it would arm on the target gives no timer or subscription. */
export function checkNewSubscriptions(ctx: ProcessingContext, plan: MigrationPlan): void {
  for (const { instance, target } of plan.elements) {
    // An element whose activation an incident holds opens its events when it is activated.
    if (!target || instance.state !== 'ELEMENT_ACTIVATED') continue;
    const ec: ElementContext = {
      ctx,
      key: instance.key,
      value: migratedValue(instance.value, plan.target, target),
      element: target,
      process: plan.target.executable,
    };
    const events = [...newCatchEvents(ec, plan)];
    if (target.elementType === 'INTERMEDIATE_CATCH_EVENT' && target.eventType === 'SIGNAL') {
      events.push(target);
    }
    for (const event of events) {
      const problem = armingProblem(ec, event);
      if (problem === undefined) continue;
      throw new RejectionError(
        'INVALID_STATE',
        `Expected to migrate process instance '${plan.processInstance.key}' but the ${event.eventType} event '${event.id}' of target element '${target.id}' cannot be opened: ${problem}`,
      );
    }
  }
}
