import type { FlowElement } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { ElementInstance } from '../../state/types';
import { deployedProcessOf } from '../element-context';

/**
 * Finds the catch event for a thrown BPMN error, as Zeebe does: from the throwing instance
 * outward, the error boundary events of each enclosing activity (one matching the code beats a
 * catch-all), crossing from a called process into its call activity. Inner instances of a
 * multi-instance activity are skipped: boundary events belong to the multi-instance body.
 */
export interface ErrorCatch {
  /** The activity instance the boundary event is attached to: it is interrupted. */
  scope: ElementInstance;
  catchEvent: FlowElement;
}

export function findErrorCatch(
  ctx: ProcessingContext,
  fromInstanceKey: string,
  errorCode: string,
): ErrorCatch | undefined {
  let current = ctx.state.elementInstances.get(fromInstanceKey);
  while (current) {
    const found = matchingBoundary(ctx, current, errorCode);
    if (found) return { scope: current, catchEvent: found };
    current =
      current.value.bpmnElementType === 'PROCESS'
        ? ctx.state.elementInstances.get(current.value.parentElementInstanceKey)
        : ctx.state.elementInstances.get(current.value.flowScopeKey);
  }
  return undefined;
}

function matchingBoundary(
  ctx: ProcessingContext,
  instance: ElementInstance,
  errorCode: string,
): FlowElement | undefined {
  const scope = ctx.state.elementInstances.get(instance.value.flowScopeKey);
  if (
    scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' &&
    instance.value.bpmnElementType !== 'MULTI_INSTANCE_BODY'
  ) {
    return undefined;
  }
  if (instance.state === 'ELEMENT_TERMINATING') return undefined;
  const process = deployedProcessOf(ctx, instance.value).executable;
  const element = process.elements[instance.value.elementId];
  if (!element) return undefined;
  let catchAll: FlowElement | undefined;
  for (const id of element.boundaryEventIds) {
    const boundary = process.elements[id]!;
    if (boundary.eventType !== 'ERROR') continue;
    if (!boundary.errorCode) {
      catchAll ??= boundary;
    } else if (boundary.errorCode.kind === 'static' && boundary.errorCode.value === errorCode) {
      return boundary;
    }
  }
  return catchAll;
}

/** Interrupts `scope` and activates the catch event once it has terminated. */
export function triggerErrorCatch(
  ctx: ProcessingContext,
  found: ErrorCatch,
  variables: Record<string, unknown>,
): void {
  const { scope, catchEvent } = found;
  ctx.event(
    'PROCESS_EVENT',
    'TRIGGERING',
    ctx.nextKey(),
    {
      scopeKey: scope.key,
      targetElementId: catchEvent.id,
      flowScopeKey: scope.value.flowScopeKey,
      variables: JSON.stringify(variables),
      processInstanceKey: scope.value.processInstanceKey,
    },
    scope.value.processInstanceKey,
  );
  ctx.command(
    'PROCESS_INSTANCE',
    'TERMINATE_ELEMENT',
    scope.key,
    scope.value,
    scope.value.processInstanceKey,
  );
}

export function unhandledErrorMessage(code: string, message: string): string {
  return (
    `Expected to throw an error event with the code '${code}' with message '${message}', ` +
    'but it was not caught. No error events are available in the scope.'
  );
}
