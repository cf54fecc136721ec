import type { ExecutionListener, FlowElement } from './model';
import { children, extension, text, type BpmnProblem, type ModdleElement } from './moddle';
import { toExpression } from './expression';

/**
 * `zeebe:executionListeners` (Camunda 8.8, "Execution listeners"): job-based listeners that run,
 * in model order, when an element starts (after its input mappings) or ends (after its output
 * mappings). `type` and `retries` may be FEEL; retries default to 3.
 */
export function executionListenersOf(element: ModdleElement): ExecutionListener[] {
  return children(extension(element, 'zeebe:ExecutionListeners'), 'listeners').map((listener) => ({
    eventType: text(listener, 'eventType') === 'end' ? 'end' : 'start',
    type: toExpression(text(listener, 'type') ?? ''),
    retries: toExpression(text(listener, 'retries') ?? '3'),
  }));
}

/**
 * Placements refused at deploy time, as Zeebe's validator refuses them: end listeners on gateways
 * and on error end events (which never complete), start listeners on boundary events, and
 * listeners without a type. (The Modeler's deployment rules in lint.ts
 * already refuse the same type twice for one event type.)
 */
export function checkListenerPlacement(element: FlowElement, problems: BpmnProblem[]): void {
  const listeners = element.executionListeners ?? [];
  const report = (message: string) => problems.push({ elementId: element.id, message });
  for (const listener of listeners) {
    const typeText = listener.type.kind === 'static' ? listener.type.value : listener.type.source;
    if (typeText.trim() === '') {
      report(`Element '${element.id}': an execution listener must have a job type`);
    }
  }
  const hasEnd = listeners.some((l) => l.eventType === 'end');
  const hasStart = listeners.some((l) => l.eventType === 'start');
  const endUnsupported =
    element.elementType.endsWith('_GATEWAY') ||
    (element.elementType === 'END_EVENT' && element.eventType === 'ERROR');
  if (hasEnd && endUnsupported) {
    report(
      `Element '${element.id}': execution listeners of type 'end' are not supported by ${describeKind(element)}`,
    );
  }
  if (hasStart && element.elementType === 'BOUNDARY_EVENT') {
    report(
      `Element '${element.id}': execution listeners of type 'start' are not supported by boundary events`,
    );
  }
}

function describeKind(element: FlowElement): string {
  return element.elementType === 'END_EVENT' ? 'error end events' : 'gateways';
}
