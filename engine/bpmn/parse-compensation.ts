/**
 * Compensation (Camunda 8.8 docs, "Compensation events"): a compensation boundary event is
 * associated (bpmn:association) with its handler, an activity marked isForCompensation; a
 * compensation throw or end event names the activity to compensate in `activityRef`, or none
 * to compensate every completed activity of its scope.
 */
import type { FlowElement } from './model';
import { child, children, idOf, is, type BpmnProblem, type ModdleElement } from './moddle';

export function addCompensationDetails(
  element: ModdleElement,
  mapped: FlowElement,
  problems: BpmnProblem[],
): void {
  if (element.isForCompensation === true) {
    mapped.isForCompensation = true;
    // A handler is only ever started by a thrown compensation, never by a flow.
    if (hasSequenceFlows(element)) {
      problems.push({
        elementId: mapped.id,
        message: `Element '${mapped.id}': A compensation handler must not have incoming or outgoing sequence flows`,
      });
    }
  }
  if (mapped.eventType !== 'COMPENSATION') return;
  if (mapped.elementType === 'BOUNDARY_EVENT') {
    const handler = handlerOf(element);
    if (handler) mapped.compensationHandlerId = handler;
    else {
      problems.push({
        elementId: mapped.id,
        message: `Element '${mapped.id}': A compensation boundary event must be associated with a compensation handler`,
      });
    }
    return;
  }
  const activity = child(children(element, 'eventDefinitions')[0], 'activityRef');
  if (activity) mapped.compensationActivityRef = idOf(activity);
}

function hasSequenceFlows(element: ModdleElement): boolean {
  const id = idOf(element);
  return children(element.$parent, 'flowElements').some(
    (flow) =>
      is(flow, 'bpmn:SequenceFlow') &&
      [child(flow, 'sourceRef'), child(flow, 'targetRef')].some((end) => end && idOf(end) === id),
  );
}

/** The target of the association leaving the boundary event, if it is a compensation handler. */
function handlerOf(boundary: ModdleElement): string | undefined {
  const id = idOf(boundary);
  for (const artifact of children(boundary.$parent, 'artifacts')) {
    if (!is(artifact, 'bpmn:Association')) continue;
    const source = child(artifact, 'sourceRef');
    const target = child(artifact, 'targetRef');
    if (source && target && idOf(source) === id && target.isForCompensation === true) {
      return idOf(target);
    }
  }
  return undefined;
}
