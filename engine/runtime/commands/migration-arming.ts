import type { FlowElement } from '../../bpmn/model';
import { evaluateExpression } from '../../feel';
import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { DeployedProcess, ProcessInstanceValue } from '../../state/types';
import { signalNameOf } from '../behaviors/signals';
import { scheduleTimer } from '../behaviors/timer-schedule';
import type { ElementContext } from '../element-context';
import { catchEventsOf, eventSubProcessStartsOf } from './migration-catch-events';
import type { ElementMigration, MigrationPlan } from './migration-plan';

/*
 * The events a migrated element arms on the target: catch events of its target element that
 * no source catch event is mapped to (and signal events, which are opened again). Their
 * expressions are evaluated before anything is written, so a migration that could not open
 * them is rejected whole.
 */

export function migratedValue(
  value: ProcessInstanceValue,
  target: DeployedProcess,
  element: FlowElement,
): ProcessInstanceValue {
  return {
    ...value,
    bpmnProcessId: target.bpmnProcessId,
    processDefinitionKey: target.key,
    version: target.version,
    elementId: element.id,
  };
}

/**
 * The catch events a migrated element instance opens on the target: its target element's
 * catch events (boundary events, event sub-process starts, events after an event-based gateway)
 * that nothing is mapped to, and its signal events, which are opened again. An element still
 * activating opens none (its activation arms them); an interrupted scope keeps its event
 * sub-process starts closed.
 */
export function newCatchEvents(plan: MigrationPlan, migration: ElementMigration): FlowElement[] {
  const { instance, target, role } = migration;
  if (instance.state !== 'ELEMENT_ACTIVATED') return [];
  const mappedTargets = new Set(plan.mappings.values());
  const process = plan.target.executable;
  const closedStarts = migration.interrupted
    ? new Set(eventSubProcessStartsOf(process, target).map((e) => e.id))
    : new Set<string>();
  const events = catchEventsOf(process, target, role).filter(
    (event) =>
      !closedStarts.has(event.id) && (!mappedTargets.has(event.id) || event.eventType === 'SIGNAL'),
  );
  if (target.elementType === 'INTERMEDIATE_CATCH_EVENT' && target.eventType === 'SIGNAL') {
    events.push(target);
  }
  return events;
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
  for (const migration of plan.elements) {
    const { instance, target } = migration;
    const ec: ElementContext = {
      ctx,
      key: instance.key,
      value: migratedValue(instance.value, plan.target, target),
      element: target,
      process: plan.target.executable,
    };
    for (const event of newCatchEvents(plan, migration)) {
      const problem = armingProblem(ec, event);
      if (problem === undefined) continue;
      throw new RejectionError(
        'INVALID_STATE',
        `Expected to migrate process instance '${plan.processInstance.key}' but the ${event.eventType} event '${event.id}' of target element '${target.id}' cannot be opened: ${problem}`,
      );
    }
  }
}
