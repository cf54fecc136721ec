import type { FlowElement } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { ElementInstance, ProcessInstanceValue } from '../../state/types';
import { deployedProcessOf, instanceContext } from '../element-context';
import { eventSubProcessStarts, isInnerInstance } from './boundary-events';
import { triggerWaitingElement } from './event-triggers';

/**
 * Escalations (Camunda docs, "Escalation events"): a thrown escalation code is caught, from the
 * throwing scope outward, first by an escalation event sub-process of each scope, then by an
 * escalation boundary event of the scope's activity (a matching code beats a catch-all),
 * crossing from a called process into its call activity. An interrupting catch event
 * terminates its scope (the throw event with it); a non-interrupting one starts alongside and
 * the throw event goes on. An escalation nothing catches is not an incident: the flow goes on.
 * Either way an ESCALATION record says what happened (Zeebe's ESCALATED or NOT_ESCALATED).
 * Returns true when the thrower was interrupted (it must then wait for its termination).
 */
export function throwEscalation(
  ctx: ProcessingContext,
  thrower: { value: ProcessInstanceValue },
  code: string,
  variables: Record<string, unknown>,
): boolean {
  const found = findEscalationCatch(ctx, thrower.value.flowScopeKey, code);
  const pi = thrower.value.processInstanceKey;
  ctx.event(
    'ESCALATION',
    found ? 'ESCALATED' : 'NOT_ESCALATED',
    ctx.nextKey(),
    {
      processInstanceKey: pi,
      escalationCode: code,
      throwElementId: thrower.value.elementId,
      catchElementId: found?.catchEvent.id ?? '',
    },
    pi,
  );
  if (!found) return false;
  triggerWaitingElement(
    ctx,
    {
      elementInstanceKey: found.scope.key,
      elementId: found.catchEvent.id,
      interrupting: found.catchEvent.interrupting !== false,
    },
    variables,
  );
  return found.catchEvent.interrupting !== false;
}

function findEscalationCatch(
  ctx: ProcessingContext,
  fromScopeKey: string,
  code: string,
): { scope: ElementInstance; catchEvent: FlowElement } | undefined {
  let current = ctx.state.elementInstances.get(fromScopeKey);
  let previous: ElementInstance | undefined;
  while (current && current.state === 'ELEMENT_ACTIVATED' && !current.pendingTrigger) {
    const fromEventSubProcess = previous?.value.bpmnElementType === 'EVENT_SUB_PROCESS';
    const found =
      (fromEventSubProcess ? undefined : eventSubProcessCatch(ctx, current, code)) ??
      boundaryCatch(ctx, current, code);
    if (found) return { scope: current, catchEvent: found };
    previous = current;
    current =
      current.value.bpmnElementType === 'PROCESS'
        ? ctx.state.elementInstances.get(current.value.parentElementInstanceKey)
        : ctx.state.elementInstances.get(current.value.flowScopeKey);
  }
  return undefined;
}

function eventSubProcessCatch(
  ctx: ProcessingContext,
  instance: ElementInstance,
  code: string,
): FlowElement | undefined {
  const type = instance.value.bpmnElementType;
  if (type !== 'PROCESS' && type !== 'SUB_PROCESS' && type !== 'EVENT_SUB_PROCESS') {
    return undefined;
  }
  return firstMatch(eventSubProcessStarts(instanceContext(ctx, instance)), code);
}

/** Boundary events belong to a multi-instance body, not to its inner instances. */
function boundaryCatch(
  ctx: ProcessingContext,
  instance: ElementInstance,
  code: string,
): FlowElement | undefined {
  if (isInnerInstance(ctx, instance.value)) return undefined;
  const process = deployedProcessOf(ctx, instance.value).executable;
  const element = process.elements[instance.value.elementId];
  if (!element) return undefined;
  return firstMatch(
    element.boundaryEventIds.map((id) => process.elements[id]!),
    code,
  );
}

/** A catch event with the thrown code, else a catch-all one. */
function firstMatch(events: FlowElement[], code: string): FlowElement | undefined {
  const escalations = events.filter((event) => event.eventType === 'ESCALATION');
  const codeOf = (event: FlowElement) =>
    event.escalationCode?.kind === 'static' ? event.escalationCode.value : '';
  return (
    escalations.find((event) => codeOf(event) === code) ??
    escalations.find((event) => codeOf(event) === '')
  );
}
