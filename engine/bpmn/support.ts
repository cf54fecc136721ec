/**
 * What the embedded engine runs in this version. A model that uses anything else is rejected at
 * deployment, naming the element, so that nothing ever runs half-right (DESIGN.md §4).
 */
import { taskListenersOf } from './parse-user-task';
import { describe } from './classify';
import {
  child,
  children,
  extension,
  idOf,
  is,
  type BpmnProblem,
  type ModdleElement,
} from './moddle';

/**
 * THE support table, keyed by the words `describe()` (classify.ts) and `features()` below use.
 * A key that is missing counts as unsupported. To support more, implement it and flip (or add)
 * its entry here; the `false` entries list the rest of Zeebe 8.8's coverage, still to do.
 */
export const ENGINE_SUPPORT = {
  'none start event': true,
  'none end event': true,
  'error end event': true,
  'terminate end event': true,
  'intermediate none throw event': true,
  'intermediate link throw event': true,
  'intermediate link catch event': true,
  'error boundary event': true,
  'service task': true,
  'send task': true,
  'script task': true,
  'script task with zeebe:script': true,
  'business rule task': true,
  'business rule task with zeebe:calledDecision': true,
  'user task': true,
  'manual task': true,
  task: true,
  'exclusive gateway': true,
  'parallel gateway': true,
  'inclusive gateway': true,
  'embedded sub-process': true,
  'ad-hoc sub-process': true,
  'ad-hoc sub-process with a job worker implementation': true,
  'event sub-process inside an ad-hoc sub-process': false,
  'call activity': true,
  'parallel multi-instance': true,
  'sequential multi-instance': true,

  'message start event': true,
  'timer start event': true,
  'signal start event': true,
  'message end event': true,
  'signal end event': true,
  'escalation end event': true,
  'intermediate timer catch event': true,
  'intermediate message catch event': true,
  'intermediate signal catch event': true,
  'intermediate signal throw event': true,
  'intermediate escalation throw event': true,
  'intermediate message throw event': true,
  'timer boundary event': true,
  'non-interrupting timer boundary event': true,
  'message boundary event': true,
  'non-interrupting message boundary event': true,
  'signal boundary event': true,
  'non-interrupting signal boundary event': true,
  'escalation boundary event': true,
  'non-interrupting escalation boundary event': true,
  'event sub-process': true,
  'timer start event of an event sub-process': true,
  'non-interrupting timer start event of an event sub-process': true,
  'error start event of an event sub-process': true,
  'message start event of an event sub-process': true,
  'non-interrupting message start event of an event sub-process': true,
  'signal start event of an event sub-process': true,
  'non-interrupting signal start event of an event sub-process': true,
  'escalation start event of an event sub-process': true,
  'non-interrupting escalation start event of an event sub-process': true,
  'receive task': true,
  'event-based gateway': true,
  'job-based user task': true,
  'execution listeners': true,
  'creating task listeners': true,
  'assigning task listeners': true,
  'updating task listeners': true,
  'completing task listeners': true,
  'canceling task listeners': true,
  'compensation handler': true,
  'compensation boundary event': true,
  'intermediate compensation throw event': true,
  'compensation end event': true,
} satisfies Record<string, boolean>;

export function isSupported(feature: string): boolean {
  return (ENGINE_SUPPORT as Record<string, boolean>)[feature] === true;
}

export function unsupportedMessage(elementId: string, feature: string): string {
  return `Element '${elementId}' (${feature}) is not supported by the embedded engine yet`;
}

/** Checks every element of every executable process in the definitions. */
export function checkSupport(definitions: ModdleElement): BpmnProblem[] {
  const problems: BpmnProblem[] = [];
  const report = (element: ModdleElement, feature: string): void => {
    if (!isSupported(feature)) {
      const elementId = idOf(element);
      problems.push({ elementId, message: unsupportedMessage(elementId, feature) });
    }
  };
  const visit = (container: ModdleElement): void => {
    for (const feature of features(container)) report(container, feature);
    for (const element of children(container, 'flowElements')) {
      if (is(element, 'bpmn:SequenceFlow')) {
        checkSequenceFlow(element, report);
      } else if (is(element, 'bpmn:FlowNode')) {
        if (is(element, 'bpmn:FlowElementsContainer')) visit(element);
        else for (const feature of features(element)) report(element, feature);
      }
    }
  };
  for (const process of children(definitions, 'rootElements')) {
    if (is(process, 'bpmn:Process') && process.isExecutable === true) visit(process);
  }
  return problems;
}

/** The element itself in words, plus the markers and extensions it uses. */
function features(element: ModdleElement): string[] {
  const result = is(element, 'bpmn:Process') ? [] : [describe(element)];
  const loop = child(element, 'loopCharacteristics');
  if (loop && is(loop, 'bpmn:MultiInstanceLoopCharacteristics')) {
    result.push(
      loop.isSequential === true ? 'sequential multi-instance' : 'parallel multi-instance',
    );
  } else if (loop) {
    result.push('standard loop');
  }
  if (element.isForCompensation === true) result.push('compensation handler');
  const parent = element.$parent;
  if (element.triggeredByEvent === true && parent && is(parent, 'bpmn:AdHocSubProcess')) {
    result.push('event sub-process inside an ad-hoc sub-process');
  }
  // Task listeners run on Camunda user tasks; an unknown event type is refused by name.
  const camundaTask = is(element, 'bpmn:UserTask') && extension(element, 'zeebe:UserTask');
  for (const listener of taskListenersOf(element)) {
    result.push(camundaTask ? `${listener.eventType} task listeners` : 'task listeners');
  }
  return result;
}

/** The engine evaluates conditions only where Zeebe does: on flows leaving exclusive and inclusive gateways. */
function checkSequenceFlow(
  flow: ModdleElement,
  report: (element: ModdleElement, feature: string) => void,
): void {
  const source = child(flow, 'sourceRef');
  if (!child(flow, 'conditionExpression') || !source) return;
  if (is(source, 'bpmn:ExclusiveGateway') || is(source, 'bpmn:InclusiveGateway')) return;
  report(flow, `conditional sequence flow leaving a ${describe(source)}`);
}
