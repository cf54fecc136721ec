import type { ExecutableProcess, FlowElement } from '../bpmn/model';
import type { ProcessingContext } from '../processing/context';
import type { DeployedProcess, ElementInstance, ProcessInstanceValue } from '../state/types';

/** One element instance being processed, with its model element at hand. */
export interface ElementContext {
  ctx: ProcessingContext;
  key: string;
  value: ProcessInstanceValue;
  element: FlowElement;
  process: ExecutableProcess;
}

export function deployedProcessOf(
  ctx: ProcessingContext,
  value: ProcessInstanceValue,
): DeployedProcess {
  const deployed = ctx.state.processes.get(value.processDefinitionKey);
  if (!deployed)
    throw new Error(`process definition ${value.processDefinitionKey} is not deployed`);
  return deployed;
}

export function contextOf(
  ctx: ProcessingContext,
  key: string,
  value: ProcessInstanceValue,
): ElementContext {
  const process = deployedProcessOf(ctx, value).executable;
  const element = process.elements[value.elementId];
  if (!element)
    throw new Error(`element ${value.elementId} is not in process ${process.bpmnProcessId}`);
  return { ctx, key, value, element, process };
}

export function instanceContext(ctx: ProcessingContext, instance: ElementInstance): ElementContext {
  return contextOf(ctx, instance.key, instance.value);
}

/** The record value of a new element instance inside `scope` (same process instance). */
export function childValue(
  scope: { key: string; value: ProcessInstanceValue },
  element: FlowElement,
  elementType = element.elementType,
): ProcessInstanceValue {
  return {
    ...scope.value,
    elementId: element.id,
    bpmnElementType: elementType,
    bpmnEventType: elementType === 'MULTI_INSTANCE_BODY' ? 'UNSPECIFIED' : element.eventType,
    flowScopeKey: scope.key,
  };
}
