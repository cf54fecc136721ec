import type { FlowElement } from '../../bpmn/model';
import { RejectionError } from '../../processing/command';
import type { EngineState } from '../../state/engine-state';
import type { ElementInstance } from '../../state/types';
import type { InstanceRole } from './migration-catch-events';

/*
 * The checks of one active element in a migration: its state, its type and its user task.
 */

function reject(reason: string): never {
  throw new RejectionError('INVALID_STATE', reason);
}

export function checkUserTask(
  state: EngineState,
  piKey: string,
  instance: ElementInstance,
  sourceElement: FlowElement,
  targetElement: FlowElement,
): void {
  if (sourceElement.elementType !== 'USER_TASK') return;
  // A job worker user task may become a Camunda user task (migration-user-task.ts), not back.
  if (sourceElement.userTask !== undefined && targetElement.userTask === undefined) {
    reject(
      `Expected to migrate process instance '${piKey}' but active user task with id '${sourceElement.id}' and implementation 'zeebe user task' is mapped to an user task with id '${targetElement.id}' and different implementation 'job worker'. Elements must be mapped to elements of the same implementation.`,
    );
  }
  const task = state.userTaskOf(instance.key);
  if (task && task.state !== 'CREATED') {
    reject(
      `Expected to migrate process instance '${piKey}' but active user task with id '${sourceElement.id}' is in transition ('${task.state}'). Only user tasks in state CREATED can be migrated.`,
    );
  }
}

/**
 * Activated elements migrate; so does an element whose activation stopped at an incident (an
 * input mapping, an exclusive gateway without a true condition): resolving the incident then
 * activates it again as the target defines it.
 */
export function checkElementState(
  state: EngineState,
  piKey: string,
  instance: ElementInstance,
): void {
  if (instance.state === 'ELEMENT_ACTIVATED') return;
  const waitsOnIncident =
    instance.state === 'ELEMENT_ACTIVATING' &&
    [...state.incidents.values()].some((i) => i.elementInstanceKey === instance.key);
  if (waitsOnIncident) return;
  reject(
    `Expected to migrate process instance '${piKey}' but active element with id '${instance.value.elementId}' is in state '${instance.state}'. Only activated elements can be migrated.`,
  );
}

/**
 * The element type may not change; a multi-instance body (which carries its activity's id)
 * maps to a body of the same kind, sequential or parallel, its inner instances go with it.
 */
export function checkSameType(
  piKey: string,
  elementId: string,
  role: InstanceRole,
  sourceElement: FlowElement,
  targetElement: FlowElement,
): void {
  const describe = (e: FlowElement, asBody: boolean) =>
    asBody
      ? 'MULTI_INSTANCE_BODY'
      : e.eventType === 'UNSPECIFIED' || !e.eventType
        ? e.elementType
        : `${e.elementType} (${e.eventType})`;
  const sourceType = describe(sourceElement, role === 'body');
  const targetType = describe(targetElement, role !== 'inner' && targetElement.loop !== undefined);
  if (sourceType !== targetType) {
    reject(
      `Expected to migrate process instance '${piKey}' but active element with id '${elementId}' and type '${sourceType}' is mapped to an element with id '${targetElement.id}' and different type '${targetType}'. Elements must be mapped to elements of the same type.`,
    );
  }
  if (role === 'body' && sourceElement.loop!.isSequential !== targetElement.loop!.isSequential) {
    reject(
      `Expected to migrate process instance '${piKey}' but active element with id '${elementId}' has a different loop characteristics than the target element with id '${targetElement.id}'. Both elements must have either sequential or parallel loop characteristics.`,
    );
  }
}

/**
 * The instance must be in a wait state: no sequence flow of the scope may be on its way to its
 * target (the taken flows of a join that waits for others are not on their way).
 */
export function checkNoFlowInTransit(piKey: string, instance: ElementInstance): void {
  const waiting = new Map<string, number>();
  for (const counts of Object.values(instance.takenFlows ?? {})) {
    for (const [flowId, count] of Object.entries(counts)) {
      waiting.set(flowId, (waiting.get(flowId) ?? 0) + count);
    }
  }
  const moving = Object.entries(instance.flowsInTransit ?? {}).some(
    ([flowId, count]) => count > (waiting.get(flowId) ?? 0),
  );
  if (moving) {
    reject(
      `Expected to migrate process instance '${piKey}' but a concurrent command was executed on the process instance. Please retry the migration.`,
    );
  }
}
