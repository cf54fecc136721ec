import type { BpmnEventType, FlowElement } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { ProcessInstanceValue } from '../../state/types';
import type { ElementContext } from '../element-context';

/*
 * Which events an element arms when it is activated: the boundary events of an activity and
 * the start events of the event sub-processes inside a scope. Model lookups only, so that the
 * lifecycle, the timers and the subscriptions can all ask without depending on each other.
 */

/**
 * An inner instance of a multi-instance activity: same element id as its body, inside it.
 * Boundary events, catch lookups and output propagation treat it differently from the body.
 */
export function isInnerInstance(ctx: ProcessingContext, value: ProcessInstanceValue): boolean {
  const scope = ctx.state.elementInstances.get(value.flowScopeKey);
  return (
    scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' &&
    value.bpmnElementType !== 'MULTI_INSTANCE_BODY'
  );
}

/**
 * The boundary events of `eventType` an activity arms when it is activated: those attached to
 * its element, unless this is an inner instance (the multi-instance body arms them).
 */
export function boundaryEventsToArm(ec: ElementContext, eventType: BpmnEventType): FlowElement[] {
  if (isInnerInstance(ec.ctx, ec.value)) return [];
  return ec.element.boundaryEventIds
    .map((id) => ec.process.elements[id]!)
    .filter((boundary) => boundary.eventType === eventType);
}

/** The start events of the event sub-processes directly inside `scope`. */
export function eventSubProcessStarts(ec: ElementContext): FlowElement[] {
  const starts: FlowElement[] = [];
  for (const id of ec.element.childIds ?? []) {
    const child = ec.process.elements[id];
    if (child?.elementType !== 'EVENT_SUB_PROCESS') continue;
    const start = startEventOf(ec, child);
    if (start) starts.push(start);
  }
  return starts;
}

export function startEventOf(
  ec: { process: ElementContext['process'] },
  eventSubProcess: FlowElement,
): FlowElement | undefined {
  return (eventSubProcess.childIds ?? [])
    .map((id) => ec.process.elements[id]!)
    .find((element) => element.elementType === 'START_EVENT');
}
