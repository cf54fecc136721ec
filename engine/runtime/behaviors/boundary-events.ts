import type { BpmnEventType, FlowElement } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { ProcessInstanceValue } from '../../state/types';
import type { ElementContext } from '../element-context';

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
