import type { FlowElement } from '../../bpmn/model';
import { RejectionError } from '../../processing/command';
import type { EngineState } from '../../state/engine-state';
import type { DeployedProcess, ElementInstance } from '../../state/types';
import type { InstanceRole } from './migration-catch-events';

/*
 * The checks of one active element's surroundings in a migration: its user task and its boundary
 * events.
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
 * A mapped boundary event keeps its subscription, so it must be mapped to a boundary event of
 * the same kind attached to the element's target, and no two to the same target.
 */
export function checkBoundaryEvents(
  piKey: string,
  elementId: string,
  sourceElement: FlowElement,
  targetElement: FlowElement,
  source: DeployedProcess,
  target: DeployedProcess,
  mappings: Map<string, string>,
): void {
  const usedTargets = new Set<string>();
  for (const boundaryId of sourceElement.boundaryEventIds) {
    const mappedId = mappings.get(boundaryId);
    if (mappedId === undefined) continue;
    const boundary = source.executable.elements[boundaryId]!;
    const mapped = target.executable.elements[mappedId]!;
    if (
      mapped.elementType !== 'BOUNDARY_EVENT' ||
      mapped.attachedToId !== targetElement.id ||
      mapped.eventType !== boundary.eventType
    ) {
      reject(
        `Expected to migrate process instance '${piKey}' but the ${boundary.eventType} boundary event '${boundaryId}' of active element '${elementId}' is mapped to '${mappedId}', which is not a ${boundary.eventType} boundary event attached to '${targetElement.id}'.`,
      );
    }
    if (usedTargets.has(mappedId)) {
      reject(
        `Expected to migrate process instance '${piKey}' but multiple boundary events of active element '${elementId}' are mapped to the same target boundary event '${mappedId}'.`,
      );
    }
    usedTargets.add(mappedId);
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
