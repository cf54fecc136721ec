import type { ExecutableProcess, FlowElement } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { ElementInstance, ProcessInstanceValue } from '../../state/types';

/**
 * Joining gateways, as Zeebe guards them (ProcessInstanceStateTransitionGuard): every flow
 * arriving at a join writes an ACTIVATE_ELEMENT command, and the join is checked when that
 * command is processed — after the commands written before it, so paths that were still in
 * transit when the flow arrived have moved on by then. A command that may not activate the join
 * is rejected; a later arrival tries again.
 */
export function isJoiningGateway(element: FlowElement): boolean {
  return (
    (element.elementType === 'PARALLEL_GATEWAY' || element.elementType === 'INCLUSIVE_GATEWAY') &&
    element.incoming.length > 1
  );
}

/** Why the join may not be activated now (Zeebe's rejection reasons), or undefined if it may. */
export function joinRejection(
  ctx: ProcessingContext,
  value: ProcessInstanceValue,
  gateway: FlowElement,
  process: ExecutableProcess,
): string | undefined {
  if (!isJoiningGateway(gateway)) return undefined;
  const scope = ctx.state.elementInstances.get(value.flowScopeKey);
  if (!scope) return undefined;
  const counts = scope.takenFlows?.[gateway.id] ?? {};
  const taken = new Set(gateway.incoming.filter((id) => (counts[id] ?? 0) > 0));
  if (taken.size === gateway.incoming.length) return undefined;
  if (gateway.elementType === 'PARALLEL_GATEWAY') {
    return `Expected to be able to activate parallel gateway '${gateway.id}', but not all sequence flows have been taken.`;
  }
  if (taken.size === 0) {
    return `Expected to be able to activate inclusive gateway '${gateway.id}', but the inclusive gateway way already activated.`;
  }
  if (hasActivePathTo(ctx, scope, gateway, process, taken)) {
    return `Expected to be able to activate inclusive gateway '${gateway.id}', but not all satisfied sequence flows have been taken.`;
  }
  return undefined;
}

/**
 * Zeebe's BpmnInclusiveGatewayBehavior: can an element instance of the scope, or a flow still in
 * transit there, reach the gateway without passing an incoming flow of it that was already
 * taken? (Each incoming flow needs to arrive only once.) Paths continue through boundary events
 * and from link throw events to their catch events.
 */
function hasActivePathTo(
  ctx: ProcessingContext,
  scope: ElementInstance,
  gateway: FlowElement,
  process: ExecutableProcess,
  taken: Set<string>,
): boolean {
  const sources = new Set<string>();
  for (const key of ctx.state.childKeys(scope.key)) {
    const elementId = ctx.state.elementInstances.get(key)?.value.elementId;
    if (elementId && elementId !== gateway.id) sources.add(elementId);
  }
  for (const [flowId, count] of Object.entries(scope.flowsInTransit ?? {})) {
    const target = process.sequenceFlows[flowId]?.targetId;
    if (count > 0 && target && target !== gateway.id) sources.add(target);
  }
  return [...sources].some((source) => reaches(process, source, gateway.id, taken));
}

function reaches(
  process: ExecutableProcess,
  sourceId: string,
  targetId: string,
  taken: Set<string>,
): boolean {
  const visited = new Set<string>();
  const queue = [sourceId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === targetId) return true;
    if (visited.has(id)) continue;
    visited.add(id);
    const element = process.elements[id];
    if (!element) continue;
    for (const flowId of element.outgoing) {
      if (!taken.has(flowId)) queue.push(process.sequenceFlows[flowId]!.targetId);
    }
    queue.push(...element.boundaryEventIds, ...linkCatchesOf(process, element));
  }
  return false;
}

function linkCatchesOf(process: ExecutableProcess, element: FlowElement): string[] {
  if (element.elementType !== 'INTERMEDIATE_THROW_EVENT' || element.eventType !== 'LINK') return [];
  return Object.values(process.elements)
    .filter(
      (candidate) =>
        candidate.elementType === 'INTERMEDIATE_CATCH_EVENT' &&
        candidate.eventType === 'LINK' &&
        candidate.linkName === element.linkName &&
        candidate.flowScopeId === element.flowScopeId,
    )
    .map((candidate) => candidate.id);
}
