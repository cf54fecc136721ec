/**
 * Message, signal and escalation details of one flow node: what it subscribes to or throws. Names may be
 * FEEL; they are evaluated at run time, in the element's scope.
 */
import { staticExpression, toExpression } from './expression';
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
  // A process's message start event has no instance to correlate to; an event sub-process's has.
  const processStart =
    mapped.elementType === 'START_EVENT' && element.$parent?.triggeredByEvent !== true;
  if (!key && !processStart) {
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

/**
 * Escalation events reference a bpmn:escalation. A throw or end event must name a code (FEEL
 * allowed); a catch event without one catches every escalation.
 */
export function addEscalationDetails(
  element: ModdleElement,
  mapped: FlowElement,
  problems: BpmnProblem[],
): void {
  if (mapped.eventType !== 'ESCALATION') return;
  const escalation = child(children(element, 'eventDefinitions')[0], 'escalationRef');
  const code = text(escalation, 'escalationCode');
  const isThrow = is(element, 'bpmn:ThrowEvent');
  if (code) mapped.escalationCode = isThrow ? toExpression(code) : staticExpression(code);
  else if (isThrow) {
    problems.push({
      elementId: mapped.id,
      message: `Element '${mapped.id}': Must reference an escalation with an escalationCode`,
    });
  }
}
