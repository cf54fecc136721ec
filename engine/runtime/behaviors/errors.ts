import type { FlowElement } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { ElementInstance } from '../../state/types';
import { deployedProcessOf, instanceContext } from '../element-context';
import { eventSubProcessStarts, isInnerInstance } from './boundary-events';

/**
 * Where a thrown error is caught: an error boundary event and the activity instance it is
 * attached to (interrupted), or an error start event of an event sub-process and the scope
 * instance containing it (its other children are terminated).
 */
export interface ErrorCatch {
  scope: ElementInstance;
  catchEvent: FlowElement;
}

type Search = { found: ErrorCatch; available?: never } | { found?: never; available: string[] };

/**
 * Finds the catch event for a thrown BPMN error as Zeebe's CatchEventAnalyzer does: from the
 * throwing instance outward, at each scope first the error event sub-processes inside it, then
 * the error boundary events of the scope's activity (one whose code matches beats a catch-all),
 * crossing from a called process into its call activity. An error thrown inside an event
 * sub-process is not caught by the event sub-processes of the same scope. The walk
 * stops at a scope that is no longer active or already being interrupted. Inner instances of a
 * multi-instance activity are skipped: boundary events belong to the multi-instance body.
 * Without a match, the codes that were tried are what the incident message lists. The catch
 * event found is triggered through event-triggers.ts (triggerCatchEvent).
 */
function search(ctx: ProcessingContext, fromInstanceKey: string, errorCode: string): Search {
  const available: string[] = [];
  let current = ctx.state.elementInstances.get(fromInstanceKey);
  let previous: ElementInstance | undefined;
  while (current && isCatchable(current)) {
    const fromEventSubProcess = previous?.value.bpmnElementType === 'EVENT_SUB_PROCESS';
    const found =
      (fromEventSubProcess
        ? undefined
        : matchingEventSubProcess(ctx, current, errorCode, available)) ??
      matchingBoundary(ctx, current, errorCode, available);
    if (found) return { found: { scope: current, catchEvent: found } };
    previous = current;
    current =
      current.value.bpmnElementType === 'PROCESS'
        ? ctx.state.elementInstances.get(current.value.parentElementInstanceKey)
        : ctx.state.elementInstances.get(current.value.flowScopeKey);
  }
  return { available };
}

export function findErrorCatch(
  ctx: ProcessingContext,
  fromInstanceKey: string,
  errorCode: string,
): ErrorCatch | undefined {
  return search(ctx, fromInstanceKey, errorCode).found;
}

function isCatchable(instance: ElementInstance): boolean {
  const active =
    instance.state === 'ELEMENT_ACTIVATING' ||
    instance.state === 'ELEMENT_ACTIVATED' ||
    instance.state === 'ELEMENT_COMPLETING';
  return active && !instance.pendingTrigger;
}

/** Specific codes first (Zeebe sorts them descending, the empty catch-all code last). */
function matchingBoundary(
  ctx: ProcessingContext,
  instance: ElementInstance,
  errorCode: string,
  tried: string[],
): FlowElement | undefined {
  if (isInnerInstance(ctx, instance.value)) return undefined;
  const process = deployedProcessOf(ctx, instance.value).executable;
  const element = process.elements[instance.value.elementId];
  if (!element) return undefined;
  return firstMatch(
    element.boundaryEventIds.map((id) => process.elements[id]!),
    errorCode,
    tried,
  );
}

/** The error start event of an event sub-process directly inside the scope `instance`. */
function matchingEventSubProcess(
  ctx: ProcessingContext,
  instance: ElementInstance,
  errorCode: string,
  tried: string[],
): FlowElement | undefined {
  const type = instance.value.bpmnElementType;
  if (type !== 'PROCESS' && type !== 'SUB_PROCESS' && type !== 'EVENT_SUB_PROCESS') {
    return undefined;
  }
  return firstMatch(eventSubProcessStarts(instanceContext(ctx, instance)), errorCode, tried);
}

function firstMatch(
  events: FlowElement[],
  errorCode: string,
  tried: string[],
): FlowElement | undefined {
  const catchEvents = events
    .filter((event) => event.eventType === 'ERROR')
    .map((event) => ({ event, code: codeOf(event) }))
    .sort((a, b) => (a.code < b.code ? 1 : a.code > b.code ? -1 : 0));
  for (const { event, code } of catchEvents) {
    tried.push(code);
    if (code === '' || code === errorCode) return event;
  }
  return undefined;
}

/** A catch event's static code; none (catch-all) is the empty code, as in Zeebe. */
function codeOf(boundary: FlowElement): string {
  return boundary.errorCode?.kind === 'static' ? boundary.errorCode.value : '';
}

/**
 * Zeebe's incident message for an error nothing catches: the message part only when the
 * worker gave one, then the codes of the error catch events that were tried, if any.
 */
export function unhandledErrorMessage(
  ctx: ProcessingContext,
  fromInstanceKey: string,
  code: string,
  message: string,
): string {
  const { available = [] } = search(ctx, fromInstanceKey, code);
  const withMessage = message ? ` with message '${message}'` : '';
  const events =
    available.length === 0
      ? ' No error events are available in the scope.'
      : ` Available error events are [${available.join(', ')}]`;
  return `Expected to throw an error event with the code '${code}'${withMessage}, but it was not caught.${events}`;
}
