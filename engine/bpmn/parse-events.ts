/**
 * Message and signal details of one flow node: what it subscribes to or throws. Names may be
 * FEEL; they are evaluated at run time, in the element's scope.
 */
import { toExpression } from './expression';
import type { FlowElement, MessageDefinition } from './model';
import {
  child,
  children,
  extension,
  is,
  text,
  type BpmnProblem,
  type ModdleElement,
} from './moddle';

/**
 * Message catch events and receive tasks name a bpmn:message; its zeebe:subscription gives the
 * correlation key. Zeebe rejects a catching element without name or key at deployment.
 */
export function addMessageDetails(
  element: ModdleElement,
  mapped: FlowElement,
  problems: BpmnProblem[],
): void {
  const isReceiveTask = mapped.elementType === 'RECEIVE_TASK';
  if (!isReceiveTask && mapped.eventType !== 'MESSAGE') return;
  if (!isReceiveTask && is(element, 'bpmn:ThrowEvent')) return; // message throw events are job-based
  const source = isReceiveTask ? element : children(element, 'eventDefinitions')[0];
  const message = child(source, 'messageRef');
  const name = text(message, 'name');
  const key = message
    ? text(extension(message, 'zeebe:Subscription'), 'correlationKey')
    : undefined;
  const definition: MessageDefinition = {};
  if (name) definition.name = toExpression(name);
  if (key) definition.correlationKey = toExpression(key);
  mapped.message = definition;
  if (!name) {
    problems.push({
      elementId: mapped.id,
      message: `Element '${mapped.id}': Must reference a message with a name`,
    });
  }
  if (!key && mapped.elementType !== 'START_EVENT') {
    problems.push({
      elementId: mapped.id,
      message: `Element '${mapped.id}': Must have a correlation key (zeebe:subscription correlationKey on its message)`,
    });
  }
}

/** Signal events reference a bpmn:signal; Zeebe rejects one without a name at deployment. */
export function addSignalDetails(
  element: ModdleElement,
  mapped: FlowElement,
  problems: BpmnProblem[],
): void {
  if (mapped.eventType !== 'SIGNAL') return;
  const name = text(child(children(element, 'eventDefinitions')[0], 'signalRef'), 'name');
  if (name) mapped.signalName = toExpression(name);
  else {
    problems.push({
      elementId: mapped.id,
      message: `Element '${mapped.id}': Must reference a signal with a name`,
    });
  }
}
