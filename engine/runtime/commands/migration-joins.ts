import type { FlowElement } from '../../bpmn/model';
import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { DeployedProcess, ElementInstance, ProcessInstanceValue } from '../../state/types';

/*
 * Joining parallel and inclusive gateways with taken incoming flows, still waiting for others
 * (Camunda 8.8, "Process instance migration", "Migrating joining parallel and inclusive
 * gateways"): the gateway must be mapped to a gateway of the same type in the scope's target,
 * with at least as many incoming flows, and each taken flow moves to the target flow it is
 * mapped to (or, unmapped, to the flow of the same id) — which must lead to that gateway.
 */

/** One taken incoming flow of a waiting join: how often it was taken, and where it goes. */
export interface TakenFlowMove {
  from: string;
  to: string;
  count: number;
}

function reject(reason: string): never {
  throw new RejectionError('INVALID_STATE', reason);
}

/** The taken flows of the joins waiting in the scope `instance`, checked and mapped. */
export function planJoinMoves(
  piKey: string,
  instance: ElementInstance,
  targetScopeId: string,
  source: DeployedProcess,
  target: DeployedProcess,
  mappings: Map<string, string>,
): TakenFlowMove[] {
  const moves: TakenFlowMove[] = [];
  for (const [gatewayId, counts] of Object.entries(instance.takenFlows ?? {})) {
    // A taken flow waits at the join while it is in transit (an interrupted scope dropped it).
    const taken = Object.entries(counts)
      .map(([flowId, count]): [string, number] => [
        flowId,
        Math.min(count, instance.flowsInTransit?.[flowId] ?? 0),
      ])
      .filter(([, count]) => count > 0);
    if (taken.length === 0) continue;
    const gateway = source.executable.elements[gatewayId]!;
    const targetGateway = checkGateway(piKey, gateway, targetScopeId, target, mappings);
    for (const [flowId, count] of taken) {
      const to = mappings.get(flowId) ?? flowId;
      if (target.executable.sequenceFlows[to]?.targetId !== targetGateway.id) {
        reject(
          `Expected to migrate process instance '${piKey}' but the taken sequence flow with id '${flowId}' of the joining gateway with id '${gatewayId}' is mapped to '${to}', which is not an incoming sequence flow of the target gateway with id '${targetGateway.id}'. Taken sequence flows must be mapped to incoming sequence flows of the target gateway.`,
        );
      }
      moves.push({ from: flowId, to, count });
    }
  }
  return moves;
}

function checkGateway(
  piKey: string,
  gateway: FlowElement,
  targetScopeId: string,
  target: DeployedProcess,
  mappings: Map<string, string>,
): FlowElement {
  const targetId = mappings.get(gateway.id);
  if (targetId === undefined) {
    reject(
      `Expected to migrate process instance '${piKey}' but no mapping instruction defined for the joining gateway with id '${gateway.id}', which has taken incoming sequence flows. Joining gateways with taken sequence flows cannot be migrated without a mapping.`,
    );
  }
  const targetGateway = target.executable.elements[targetId]!;
  if (targetGateway.elementType !== gateway.elementType) {
    reject(
      `Expected to migrate process instance '${piKey}' but active element with id '${gateway.id}' and type '${gateway.elementType}' is mapped to an element with id '${targetId}' and different type '${targetGateway.elementType}'. Elements must be mapped to elements of the same type.`,
    );
  }
  if (targetGateway.flowScopeId !== targetScopeId) {
    reject(
      `Expected to migrate process instance '${piKey}' but the flow scope of active element with id '${gateway.id}' is changed. The flow scope of the active element is expected to be '${targetScopeId}' but was '${targetGateway.flowScopeId}'. The flow scope of an element cannot be changed during migration yet.`,
    );
  }
  if (targetGateway.incoming.length < gateway.incoming.length) {
    reject(
      `Expected to migrate process instance '${piKey}' but the joining gateway with id '${gateway.id}' has ${gateway.incoming.length} incoming sequence flows and is mapped to the gateway with id '${targetId}', which has only ${targetGateway.incoming.length}. The target gateway must have at least the same number of incoming sequence flows as the source gateway.`,
    );
  }
  return targetGateway;
}

/**
 * Moves the taken flows of the scope `key` (`source` its value before the migration): each is
 * deleted from the source gateway's count and taken again on the target flow, as events with
 * appliers.
 */
export function moveTakenFlows(
  ctx: ProcessingContext,
  key: string,
  source: ProcessInstanceValue,
  migrated: ProcessInstanceValue,
  moves: TakenFlowMove[],
): void {
  const flowValue = (scope: ProcessInstanceValue, flowId: string): ProcessInstanceValue => ({
    ...scope,
    elementId: flowId,
    bpmnElementType: 'SEQUENCE_FLOW',
    bpmnEventType: 'UNSPECIFIED',
    flowScopeKey: key,
  });
  const piKey = migrated.processInstanceKey;
  for (const { from, to, count } of moves) {
    for (let i = 0; i < count; i++) {
      const deleted = flowValue(source, from);
      ctx.event('PROCESS_INSTANCE', 'SEQUENCE_FLOW_DELETED', ctx.nextKey(), deleted, piKey);
      const taken = flowValue(migrated, to);
      ctx.event('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', ctx.nextKey(), taken, piKey);
    }
  }
}
