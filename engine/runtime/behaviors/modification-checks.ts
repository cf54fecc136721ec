import type { BpmnElementType, ExecutableProcess } from '../../bpmn/model';
import { flowScopesOf } from '../../bpmn/start-instructions';
import type { EngineState } from '../../state/engine-state';
import type { DeployedProcess, ElementInstance } from '../../state/types';
import type { ProcessInstanceModificationValue } from './modification-record';
import { terminationTargets } from './modification-scopes';

export type ModificationCheck =
  | { ok: true; instance: ElementInstance; deployed: DeployedProcess }
  | { ok: false; rejectionType: 'NOT_FOUND' | 'INVALID_ARGUMENT'; reason: string };

/**
 * Elements no token can be added to (Camunda docs, "Process instance modification" →
 * limitations: start events, boundary events, events after an event-based gateway, elements
 * inside a multi-instance sub-process); a sequence flow or the process itself is no element
 * to activate either.
 */
const UNSUPPORTED: ReadonlySet<BpmnElementType> = new Set<BpmnElementType>([
  'START_EVENT',
  'BOUNDARY_EVENT',
  'SEQUENCE_FLOW',
  'PROCESS',
]);

/**
 * Why `value` cannot modify its process instance (worded as Zeebe's rejections), checked in
 * full before anything is written: a rejected modification changes nothing.
 */
export function checkModification(
  state: EngineState,
  value: ProcessInstanceModificationValue,
): ModificationCheck {
  const instance = state.elementInstances.get(value.processInstanceKey);
  if (
    !instance ||
    instance.value.bpmnElementType !== 'PROCESS' ||
    instance.state === 'ELEMENT_TERMINATING'
  ) {
    return {
      ok: false,
      rejectionType: 'NOT_FOUND',
      reason: `Expected to modify process instance but no process instance found with key '${value.processInstanceKey}'`,
    };
  }
  const deployed = state.processes.get(instance.value.processDefinitionKey)!;
  const reason =
    activationProblem(state, instance, deployed.executable, value) ??
    terminationProblem(state, instance, value);
  return reason
    ? { ok: false, rejectionType: 'INVALID_ARGUMENT', reason }
    : { ok: true, instance, deployed };
}

function activationProblem(
  state: EngineState,
  instance: ElementInstance,
  process: ExecutableProcess,
  value: ProcessInstanceModificationValue,
): string | undefined {
  const prefix = `Expected to modify instance of process '${process.bpmnProcessId}' but it contains one or more`;
  for (const {
    elementId,
    ancestorElementInstanceKey,
    variableInstructions,
  } of value.activateInstructions) {
    const element = process.elements[elementId];
    if (!element || process.sequenceFlows[elementId])
      return `${prefix} activate instructions with an element that could not be found: '${elementId}'`;
    if (UNSUPPORTED.has(element.elementType))
      return `${prefix} activate instructions for elements that are unsupported: '${elementId}'. The activation of elements with type '${element.elementType}' is not supported.`;
    if (followsEventBasedGateway(process, elementId))
      return `${prefix} activate instructions for elements that are unsupported: '${elementId}'. The activation of events belonging to an event-based gateway is not supported.`;
    const containers = flowScopesOf(process, elementId);
    const inMultiInstance = containers.find((id) => process.elements[id]!.loop);
    if (inMultiInstance !== undefined)
      return `${prefix} activate instructions for elements inside a multi-instance element '${inMultiInstance}': '${elementId}'. The activation of elements inside a multi-instance element is not supported.`;
    const scopeIds = [process.bpmnProcessId, ...containers];
    const ancestor = ancestorElementInstanceKey;
    if (ancestor !== '-1') {
      const selected = state.elementInstances.get(ancestor);
      if (
        !selected ||
        selected.value.processInstanceKey !== instance.key ||
        selected.state !== 'ELEMENT_ACTIVATED'
      )
        return `${prefix} activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${ancestor}'`;
      if (!scopeIds.includes(selected.value.elementId))
        return `${prefix} activate instructions with an ancestor scope key that is not an ancestor of the element to activate: '${ancestor}' is no flow scope of '${elementId}'`;
    } else {
      const ambiguous = containers.find((id) => activeInstancesOf(state, instance.key, id) > 1);
      if (ambiguous !== undefined)
        return `${prefix} activate instructions for an element that has a flow scope with more than one active instance: '${ambiguous}'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.`;
    }
    for (const { scopeId } of variableInstructions) {
      if (scopeId === '') continue;
      if (!process.elements[scopeId])
        return `${prefix} variable instructions with a scope element id that could not be found: '${scopeId}'`;
      if (scopeId !== elementId && !scopeIds.includes(scopeId))
        return `${prefix} variable instructions with a scope element that doesn't belong to the activating element's flow scope: '${scopeId}'. These variables should be set before or after the modification.`;
    }
  }
  return undefined;
}

function terminationProblem(
  state: EngineState,
  instance: ElementInstance,
  value: ProcessInstanceModificationValue,
): string | undefined {
  const { bpmnProcessId } = instance.value;
  const keys = value.terminateInstructions.map((t) => t.elementInstanceKey);
  const unknown = keys.find((key) => {
    const target = state.elementInstances.get(key);
    return (
      !target ||
      target.value.processInstanceKey !== instance.key ||
      target.state === 'ELEMENT_TERMINATING'
    );
  });
  if (unknown !== undefined)
    return `Expected to modify instance of process '${bpmnProcessId}' but it contains one or more terminate instructions with an element instance that could not be found: '${unknown}'`;
  // Ending a called instance from inside would end its call activity unasked: modify the parent.
  const called = instance.value.parentProcessInstanceKey !== '-1';
  if (
    called &&
    value.activateInstructions.length === 0 &&
    terminationTargets(state, keys, new Set()).includes(instance.key)
  )
    return `Expected to modify instance of process '${bpmnProcessId}' but the given instructions would terminate the instance. The instance was created by a call activity in the parent process. To terminate this instance please modify the parent process instead.`;
  return undefined;
}

/** Active instances of `elementId` in the process instance (its own elements, not called ones). */
export function activeInstancesOf(
  state: EngineState,
  processInstanceKey: string,
  elementId: string,
): number {
  let count = 0;
  for (const candidate of state.elementInstances.values()) {
    if (
      candidate.value.processInstanceKey === processInstanceKey &&
      candidate.value.elementId === elementId &&
      candidate.value.bpmnElementType !== 'MULTI_INSTANCE_BODY' &&
      candidate.state === 'ELEMENT_ACTIVATED'
    )
      count++;
  }
  return count;
}

function followsEventBasedGateway(process: ExecutableProcess, id: string): boolean {
  return (process.elements[id]?.incoming ?? []).some((flowId) => {
    const source = process.elements[process.sequenceFlows[flowId]?.sourceId ?? ''];
    return source?.elementType === 'EVENT_BASED_GATEWAY';
  });
}
