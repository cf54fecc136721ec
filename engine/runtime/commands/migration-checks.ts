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

/** What a scope holds that the engine does not migrate: event sub-processes, half-joined gateways. */
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
  for (const [gatewayId, flows] of Object.entries(instance.takenFlows ?? {})) {
    if (Object.values(flows).some((count) => count > 0)) {
      reject(
        `Expected to migrate process instance '${piKey}' but the joining gateway '${gatewayId}' is waiting for its incoming flows. The migration of a half-joined gateway is not supported by the embedded engine.`,
      );
    }
  }
}
