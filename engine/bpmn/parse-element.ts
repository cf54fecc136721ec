/**
 * One BPMN flow node → one model `FlowElement`: its type and the zeebe extension elements the
 * engine reads. Links between elements (flows, boundary events, children) are added by parse.ts.
 */
import { elementTypeOf, eventTypeOf, describe } from './classify';
import { staticExpression, toExpression } from './expression';
import type {
  CalledElement,
  FlowElement,
  JobDefinition,
  LoopCharacteristics,
  VariableMapping,
  TimerDefinition,
} from './model';
import {
  child,
  children,
  extension,
  idOf,
  is,
  text,
  type BpmnProblem,
  type ModdleElement,
} from './moddle';
import { adHocOf } from './parse-ad-hoc';
import { calledDecisionOf, scriptOf } from './parse-engine-tasks';
import { bindingOf } from './parse-binding';
import { addCompensationDetails } from './parse-compensation';
import { addEscalationDetails, addMessageDetails, addSignalDetails } from './parse-events';
import { unsupportedMessage } from './support';
import { jobBasedUserTaskOf } from './parse-job-user-task';
import { checkListenerPlacement, executionListenersOf } from './parse-listeners';
import { userTaskOf } from './parse-user-task';

export function mapElement(
  element: ModdleElement,
  flowScopeId: string,
  problems: BpmnProblem[],
): FlowElement | undefined {
  const id = idOf(element);
  const elementType = elementTypeOf(element);
  if (!elementType) {
    problems.push({ elementId: id, message: unsupportedMessage(id, describe(element)) });
    return undefined;
  }
  const ioMapping = extension(element, 'zeebe:IoMapping');
  const mapped: FlowElement = {
    id,
    elementType,
    eventType: eventTypeOf(element),
    flowScopeId,
    incoming: [],
    outgoing: [],
    inputMappings: mappings(children(ioMapping, 'inputParameters')),
    outputMappings: mappings(children(ioMapping, 'outputParameters')),
    boundaryEventIds: [],
  };
  const name = text(element, 'name');
  if (name !== undefined) mapped.name = name;
  const job = jobOf(element) ?? jobBasedUserTaskOf(element, problems);
  if (job) mapped.job = job;
  const listeners = executionListenersOf(element);
  if (listeners.length > 0) {
    mapped.executionListeners = listeners;
    checkListenerPlacement(mapped, problems);
  }
  if (elementType === 'EXCLUSIVE_GATEWAY' || elementType === 'INCLUSIVE_GATEWAY') {
    const defaultFlow = child(element, 'default');
    if (defaultFlow) mapped.defaultFlowId = idOf(defaultFlow);
  }
  const calledDecision = calledDecisionOf(element, problems);
  if (calledDecision) mapped.calledDecision = calledDecision;
  const script = scriptOf(element, problems);
  if (script) mapped.script = script;
  const calledElement = calledElementOf(element, problems);
  if (calledElement) mapped.calledElement = calledElement;
  const loop = loopOf(element, problems);
  if (loop) mapped.loop = loop;
  const adHoc = adHocOf(element);
  if (adHoc) mapped.adHoc = adHoc;
  const userTask = userTaskOf(element, problems);
  if (userTask) mapped.userTask = userTask;
  addEventDetails(element, mapped);
  addMessageDetails(element, mapped, problems);
  addSignalDetails(element, mapped, problems);
  addEscalationDetails(element, mapped, problems);
  addCompensationDetails(element, mapped, problems);
  return mapped;
}

function mappings(parameters: ModdleElement[]): VariableMapping[] {
  return parameters.map((parameter) => ({
    source: toExpression(text(parameter, 'source') ?? ''),
    target: text(parameter, 'target') ?? '',
  }));
}

/** Job workers' tasks (and job-based throw/end events): type, retries (default "3") and headers. */
function jobOf(element: ModdleElement): JobDefinition | undefined {
  const definition = extension(element, 'zeebe:TaskDefinition');
  if (!definition) return undefined;
  const headers: Record<string, string> = {};
  for (const header of children(extension(element, 'zeebe:TaskHeaders'), 'values')) {
    const key = text(header, 'key');
    if (key !== undefined) headers[key] = text(header, 'value') ?? '';
  }
  return {
    type: toExpression(text(definition, 'type') ?? ''),
    retries: toExpression(text(definition, 'retries') ?? '3'),
    headers,
  };
}

function calledElementOf(
  element: ModdleElement,
  problems: BpmnProblem[],
): CalledElement | undefined {
  if (!is(element, 'bpmn:CallActivity')) return undefined;
  const called = extension(element, 'zeebe:CalledElement');
  const processId = text(called, 'processId') ?? text(called, 'processIdExpression');
  if (!called || !processId) {
    const id = idOf(element);
    problems.push({
      elementId: id,
      message: `Element '${id}': must have a zeebe:calledElement with a processId`,
    });
    return undefined;
  }
  return {
    processId: toExpression(processId),
    ...bindingOf(element, called, problems),
    // Zeebe's defaults: children's variables are not merged back, parents' are all passed in.
    // Camunda docs, "Call activities": both default to true when the attribute is absent.
    propagateAllChildVariables: called.propagateAllChildVariables !== false,
    propagateAllParentVariables: called.propagateAllParentVariables !== false,
  };
}

function loopOf(element: ModdleElement, problems: BpmnProblem[]): LoopCharacteristics | undefined {
  const loop = child(element, 'loopCharacteristics');
  if (!loop || !is(loop, 'bpmn:MultiInstanceLoopCharacteristics')) return undefined;
  const zeebeLoop = extension(loop, 'zeebe:LoopCharacteristics');
  const inputCollection = text(zeebeLoop, 'inputCollection');
  if (!inputCollection) {
    const id = idOf(element);
    problems.push({
      elementId: id,
      message: `Element '${id}': a multi-instance activity must have a zeebe:loopCharacteristics with an inputCollection`,
    });
    return undefined;
  }
  const result: LoopCharacteristics = {
    isSequential: loop.isSequential === true,
    inputCollection: toExpression(inputCollection),
  };
  const inputElement = text(zeebeLoop, 'inputElement');
  if (inputElement) result.inputElement = inputElement;
  const outputCollection = text(zeebeLoop, 'outputCollection');
  if (outputCollection) result.outputCollection = outputCollection;
  const outputElement = text(zeebeLoop, 'outputElement');
  if (outputElement) result.outputElement = toExpression(outputElement);
  const completionCondition = text(child(loop, 'completionCondition'), 'body');
  if (completionCondition) result.completionCondition = toExpression(completionCondition.trim());
  return result;
}

/** `bpmn:timerEventDefinition`: one of timeDuration, timeDate, timeCycle (FEEL allowed). */
function timerDefinitionOf(definition: ModdleElement): TimerDefinition | undefined {
  const kinds = [
    ['timeDuration', 'duration'],
    ['timeDate', 'date'],
    ['timeCycle', 'cycle'],
  ] as const;
  for (const [property, kind] of kinds) {
    const body = text(child(definition, property), 'body')?.trim();
    if (body) return { kind, expression: toExpression(body) };
  }
  return undefined;
}

function addEventDetails(element: ModdleElement, mapped: FlowElement): void {
  const definition = children(element, 'eventDefinitions')[0];
  if (mapped.eventType === 'ERROR' && definition) {
    const errorCode = text(child(definition, 'errorRef'), 'errorCode');
    // Zeebe allows FEEL for the code an end event throws; catch events match a static code.
    if (errorCode !== undefined && errorCode !== '') {
      mapped.errorCode = is(element, 'bpmn:ThrowEvent')
        ? toExpression(errorCode)
        : staticExpression(errorCode);
    }
  }
  if (mapped.eventType === 'TIMER' && definition) {
    const timer = timerDefinitionOf(definition);
    if (timer) mapped.timer = timer;
  }
  if (mapped.eventType === 'LINK' && definition) {
    const linkName = text(definition, 'name');
    if (linkName !== undefined) mapped.linkName = linkName;
  }
  if (mapped.elementType === 'BOUNDARY_EVENT') {
    const attachedTo = child(element, 'attachedToRef');
    if (attachedTo) mapped.attachedToId = idOf(attachedTo);
    mapped.interrupting = element.cancelActivity !== false;
  }
  if (mapped.elementType === 'START_EVENT' && element.$parent?.triggeredByEvent === true) {
    mapped.interrupting = element.isInterrupting !== false;
  }
}
