import type { ExecutableProcess, FlowElement } from '../../bpmn/model';
import { RejectionError } from '../../processing/command';
import type { EngineState } from '../../state/engine-state';
import type { DeployedProcess, ElementInstance } from '../../state/types';
import { startEventOf } from '../behaviors/boundary-events';

/*
 * The catch events an active element instance is subscribed to, as a migration sees them
 * (Camunda 8.8, "Process instance migration", "Dealing with catch events"): a mapped catch
 * event keeps its subscription, an unmapped one of the source is closed, and one of the target
 * that nothing is mapped to is opened.
 */

/**
 * How an element instance holds catch events: a multi-instance body holds its activity's
 * boundary events, its inner instances hold none of them (but an inner sub-process arms its
 * event sub-processes); any other instance holds what its element defines.
 */
export type InstanceRole = 'body' | 'inner' | 'plain';

const SCOPES = new Set(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS']);

export function roleOf(state: EngineState, instance: ElementInstance): InstanceRole {
  if (instance.value.bpmnElementType === 'MULTI_INSTANCE_BODY') return 'body';
  const scope = state.elementInstances.get(instance.value.flowScopeKey);
  return scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' ? 'inner' : 'plain';
}

/** The start events of the event sub-processes directly inside the scope `element`. */
export function eventSubProcessStartsOf(
  process: ExecutableProcess,
  element: FlowElement,
): FlowElement[] {
  return (element.childIds ?? [])
    .map((id) => process.elements[id])
    .filter((child) => child?.elementType === 'EVENT_SUB_PROCESS')
    .map((child) => startEventOf({ process }, child!))
    .filter((start): start is FlowElement => start !== undefined);
}

/** The events after an event-based gateway. */
function gatewayEventsOf(process: ExecutableProcess, element: FlowElement): FlowElement[] {
  if (element.elementType !== 'EVENT_BASED_GATEWAY') return [];
  return element.outgoing.map((id) => process.elements[process.sequenceFlows[id]!.targetId]!);
}

/** Event sub-process starts and event-based gateway events an instance of `element` holds. */
function scopedCatchEventsOf(
  process: ExecutableProcess,
  element: FlowElement,
  role: InstanceRole,
): FlowElement[] {
  const starts =
    role !== 'body' && SCOPES.has(element.elementType)
      ? eventSubProcessStartsOf(process, element)
      : [];
  return [...starts, ...gatewayEventsOf(process, element)];
}

/** Every catch event an instance of `element` holds: boundary events first. */
export function catchEventsOf(
  process: ExecutableProcess,
  element: FlowElement,
  role: InstanceRole,
): FlowElement[] {
  const boundaries =
    role === 'inner' ? [] : element.boundaryEventIds.map((id) => process.elements[id]!);
  return [...boundaries, ...scopedCatchEventsOf(process, element, role)];
}

function reject(reason: string): never {
  throw new RejectionError('INVALID_STATE', reason);
}

/**
 * A mapped catch event keeps its subscription (Zeebe's wording for each rule): it must stay
 * with the element (be one of the target element's own catch events), no two may be mapped to
 * the same target, and its event type may not change.
 */
export function checkCatchEvents(
  piKey: string,
  elementId: string,
  role: InstanceRole,
  sourceElement: FlowElement,
  targetElement: FlowElement,
  source: DeployedProcess,
  target: DeployedProcess,
  mappings: Map<string, string>,
): void {
  const targetEvents = new Map(
    catchEventsOf(target.executable, targetElement, role).map((e) => [e.id, e]),
  );
  const mapped = catchEventsOf(source.executable, sourceElement, role).filter((event) =>
    mappings.has(event.id),
  );
  const sourcesByTarget = new Map<string, string[]>();
  for (const event of mapped) {
    const mappedId = mappings.get(event.id)!;
    if (!targetEvents.has(mappedId)) {
      reject(
        `Expected to migrate process instance '${piKey}' but active element with id '${elementId}' is mapped to an element with id '${targetElement.id}' and has a catch event with id '${event.id}' that is mapped to a catch event with id '${mappedId}'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.`,
      );
    }
    sourcesByTarget.set(mappedId, [...(sourcesByTarget.get(mappedId) ?? []), event.id]);
  }
  for (const [mappedId, sourceIds] of sourcesByTarget) {
    if (sourceIds.length < 2) continue;
    reject(
      `Expected to migrate process instance '${piKey}' but active element with id '${elementId}' has a catch event attached that is mapped to a catch event with id '${mappedId}'. There are multiple mapping instructions that target this catch event: '${sourceIds.sort().join("', '")}'. Catch events cannot be merged by process instance migration. Please ensure the mapping instructions target a catch event only once.`,
    );
  }
  for (const event of mapped) {
    const mappedId = mappings.get(event.id)!;
    const targetType = targetEvents.get(mappedId)!.eventType;
    if (targetType === event.eventType) continue;
    reject(
      `Expected to migrate process instance '${piKey}' but active element with id '${elementId}' has a catch event with id '${event.id}' that is mapped to a catch event with id '${mappedId}'. These catch events have different event types: '${event.eventType}' and '${targetType}'. The event type of a catch event cannot be changed by process instance migration. Please ensure the event type of the catch event remains the same or remove the mapping instruction for these catch events.`,
    );
  }
}

/**
 * Whether a scope instance was interrupted by an event sub-process (one is being entered or
 * runs): its event sub-process start events were closed then and stay closed.
 */
export function isInterrupted(
  state: EngineState,
  instance: ElementInstance,
  source: DeployedProcess,
): boolean {
  if (instance.pendingTrigger) return true;
  return state.childKeys(instance.key).some((key) => {
    const child = state.elementInstances.get(key);
    if (child?.value.bpmnElementType !== 'EVENT_SUB_PROCESS') return false;
    const element = source.executable.elements[child.value.elementId];
    const start = element ? startEventOf({ process: source.executable }, element) : undefined;
    return start?.interrupting !== false;
  });
}
