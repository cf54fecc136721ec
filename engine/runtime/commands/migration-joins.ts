import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { DeployedProcess, ElementInstance, ProcessInstanceValue } from '../../state/types';

/*
 * Joining parallel and inclusive gateways in a migration (Camunda 8.8 docs, "Process instance
 * migration", "Migrating joining parallel and inclusive gateways"): a gateway of a scope that
 * has taken incoming flows and still waits for others needs a mapping to a gateway of the same
 * type in the scope's target, with at least as many incoming flows, and each taken flow a
 * mapping to a flow into that gateway. The taken flows then move: the source flow is deleted
 * and the target flow taken (PROCESS_INSTANCE SEQUENCE_FLOW_DELETED, SEQUENCE_FLOW_TAKEN).
 */

/** One taken flow of a waiting join, and the target flow it becomes. */
export interface TakenFlowMigration {
  scope: ElementInstance;
  sourceFlowId: string;
  targetFlowId: string;
  /** How often the flow was taken and is still waiting at the join. */
  count: number;
}

function reject(reason: string): never {
  throw new RejectionError('INVALID_STATE', reason);
}

/** Checks the waiting joins of `scope` (a process or sub-process instance); returns their flows. */
export function planJoiningGateways(
  piKey: string,
  scope: ElementInstance,
  targetScopeId: string,
  source: DeployedProcess,
  target: DeployedProcess,
  mappings: Map<string, string>,
): TakenFlowMigration[] {
  const moves: TakenFlowMigration[] = [];
  for (const [gatewayId, flows] of Object.entries(scope.takenFlows ?? {})) {
    const taken = Object.entries(flows).filter(([, count]) => count > 0);
    if (taken.length === 0) continue;
    const gateway = source.executable.elements[gatewayId]!;
    const targetGatewayId = mappings.get(gatewayId);
    const targetGateway =
      targetGatewayId === undefined ? undefined : target.executable.elements[targetGatewayId];
    if (!targetGateway) {
      reject(
        `Expected to migrate process instance '${piKey}' but no mapping instruction defined for the joining gateway with id '${gatewayId}', which has taken incoming sequence flows. A joining gateway must be mapped to a gateway of the target.`,
      );
    }
    if (
      targetGateway.elementType !== gateway.elementType ||
      targetGateway.flowScopeId !== targetScopeId
    ) {
      reject(
        `Expected to migrate process instance '${piKey}' but the joining gateway with id '${gatewayId}' is mapped to '${targetGateway.id}', which is not a ${gateway.elementType} of the same flow scope.`,
      );
    }
    if (targetGateway.incoming.length < gateway.incoming.length) {
      reject(
        `Expected to migrate process instance '${piKey}' but the joining gateway with id '${gatewayId}' is mapped to '${targetGateway.id}', which has fewer incoming sequence flows (${targetGateway.incoming.length}) than it (${gateway.incoming.length}).`,
      );
    }
    for (const [flowId, count] of taken) {
      const targetFlowId = mappings.get(flowId);
      const targetFlow =
        targetFlowId === undefined ? undefined : target.executable.sequenceFlows[targetFlowId];
      if (!targetFlow || targetFlow.targetId !== targetGateway.id) {
        reject(
          `Expected to migrate process instance '${piKey}' but the taken sequence flow with id '${flowId}' of the joining gateway '${gatewayId}' is not mapped to an incoming sequence flow of '${targetGateway.id}'.`,
        );
      }
      moves.push({ scope, sourceFlowId: flowId, targetFlowId: targetFlow.id, count });
    }
  }
  return moves;
}

/** The events that move the taken flows, after the scope's own ELEMENT_MIGRATED. */
export function migrateTakenFlows(
  ctx: ProcessingContext,
  moves: TakenFlowMigration[],
  source: ProcessInstanceValue,
  migrated: ProcessInstanceValue,
): void {
  const flowValue = (value: ProcessInstanceValue, elementId: string, scopeKey: string) => ({
    ...value,
    elementId,
    bpmnElementType: 'SEQUENCE_FLOW' as const,
    bpmnEventType: 'UNSPECIFIED' as const,
    flowScopeKey: scopeKey,
  });
  const piKey = migrated.processInstanceKey;
  for (const move of moves) {
    for (let i = 0; i < move.count; i += 1) {
      const deleted = flowValue(source, move.sourceFlowId, move.scope.key);
      ctx.event('PROCESS_INSTANCE', 'SEQUENCE_FLOW_DELETED', ctx.nextKey(), deleted, piKey);
      const taken = flowValue(migrated, move.targetFlowId, move.scope.key);
      ctx.event('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', ctx.nextKey(), taken, piKey);
    }
  }
}
