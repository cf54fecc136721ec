import type { FlowElement } from '../../bpmn/model';
import { RejectionError } from '../../processing/command';
import type { EngineState } from '../../state/engine-state';
import type { DeployedProcess, ElementInstance } from '../../state/types';

/*
 * The checks of one active element's surroundings in a migration: its user task, its boundary
 * events, and what a scope holds that the engine does not migrate.
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
  if ((sourceElement.userTask === undefined) !== (targetElement.userTask === undefined)) {
    reject(
      `Expected to migrate process instance '${piKey}' but active user task with id '${sourceElement.id}' is mapped to a user task with id '${targetElement.id}' of a different implementation. Changing a user task's implementation is not supported by the embedded engine.`,
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

/** The catch events after an event-based gateway (the targets of its outgoing flows). */
export function gatewayEventsOf(process: DeployedProcess, gateway: FlowElement): FlowElement[] {
  if (gateway.elementType !== 'EVENT_BASED_GATEWAY') return [];
  return gateway.outgoing.map(
    (flowId) => process.executable.elements[process.executable.sequenceFlows[flowId]!.targetId]!,
  );
}

/**
 * An event-based gateway holds the subscriptions of the events after it: a mapped one keeps
 * its subscription, so it must be mapped to an event of the same kind after the target gateway
 * (a catch event cannot be detached from its active element), and no two to the same event.
 */
export function checkGatewayEvents(
  piKey: string,
  sourceGateway: FlowElement,
  targetGateway: FlowElement,
  source: DeployedProcess,
  target: DeployedProcess,
  mappings: Map<string, string>,
): void {
  const targetEvents = new Map(gatewayEventsOf(target, targetGateway).map((e) => [e.id, e]));
  const usedTargets = new Set<string>();
  for (const event of gatewayEventsOf(source, sourceGateway)) {
    const mappedId = mappings.get(event.id);
    if (mappedId === undefined) continue;
    const mapped = targetEvents.get(mappedId);
    if (!mapped || mapped.eventType !== event.eventType) {
      reject(
        `Expected to migrate process instance '${piKey}' but the ${event.eventType} catch event '${event.id}' of the active event-based gateway '${sourceGateway.id}' is mapped to '${mappedId}', which is not a ${event.eventType} catch event after '${targetGateway.id}'.`,
      );
    }
    if (usedTargets.has(mappedId)) {
      reject(
        `Expected to migrate process instance '${piKey}' but multiple catch events of the active event-based gateway '${sourceGateway.id}' are mapped to the same target catch event '${mappedId}'.`,
      );
    }
    usedTargets.add(mappedId);
  }
}

/** What a scope holds that the engine does not migrate: event sub-processes. */
export function checkScope(
  piKey: string,
  instance: ElementInstance,
  targetScopeId: string,
  source: DeployedProcess,
  target: DeployedProcess,
): void {
  const v = instance.value;
  const isScope = v.bpmnElementType === 'PROCESS' || v.bpmnElementType === 'SUB_PROCESS';
  if (!isScope) return;
  const hasEventSubProcess = (process: DeployedProcess, id: string) =>
    (
      process.executable.elements[id]?.childIds ??
      Object.values(process.executable.elements)
        .filter((e) => e.flowScopeId === id)
        .map((e) => e.id)
    ).some((childId) => process.executable.elements[childId]?.elementType === 'EVENT_SUB_PROCESS');
  if (hasEventSubProcess(source, v.elementId) || hasEventSubProcess(target, targetScopeId)) {
    reject(
      `Expected to migrate process instance '${piKey}' but the scope '${v.elementId}' has an event sub-process. The migration of event sub-processes is not supported by the embedded engine.`,
    );
  }
}
