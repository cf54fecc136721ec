/**
 * Which version of a called decision (`zeebe:calledDecision`) a business rule task evaluates,
 * by its binding type (Camunda docs, "Business rule tasks" and "Choosing the resource binding
 * type"); the failures are worded as Zeebe's CALLED_DECISION_ERROR incidents.
 */
import type { ResourceBinding } from '../../bpmn/model';
import type { DeployedDecision } from '../../state/decisions';
import type { EngineState } from '../../state/engine-state';
import type { DeployedProcess } from '../../state/types';

export type DecisionBinding =
  { ok: true; decision: DeployedDecision } | { ok: false; message: string };

/** `caller` is the process definition the business rule task belongs to. */
export function boundDecision(
  state: EngineState,
  decisionId: string,
  binding: ResourceBinding,
  caller: DeployedProcess,
): DecisionBinding {
  if (binding.bindingType === 'deployment') {
    const decision = versionsOf(state, decisionId).find(
      (d) => d.deploymentKey === caller.deploymentKey,
    );
    return decision
      ? { ok: true, decision }
      : {
          ok: false,
          message:
            `Expected to evaluate decision '${decisionId}' with binding type 'deployment', ` +
            `but no such decision found in the deployment with key ${caller.deploymentKey} which contained the current process. ` +
            'To resolve this incident, migrate the process instance to a process definition ' +
            'that is deployed together with the intended decision to evaluate.',
        };
  }
  if (binding.bindingType === 'versionTag') {
    const decision = versionsOf(state, decisionId)
      .reverse()
      .find((d) => versionTagOf(state, d) === binding.versionTag);
    return decision
      ? { ok: true, decision }
      : {
          ok: false,
          message:
            `Expected to evaluate decision with id '${decisionId}' and version tag '${binding.versionTag}', but no such decision found. ` +
            'To resolve this incident, deploy a decision with the given id and version tag.',
        };
  }
  const decision = state.decisions.latestDecision(decisionId);
  return decision
    ? { ok: true, decision }
    : {
        ok: false,
        message: `Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'`,
      };
}

/** The tag is part of the decision as parsed with its DRG. */
function versionTagOf(state: EngineState, decision: DeployedDecision): string | undefined {
  const drg = state.decisions.drgs.get(decision.decisionRequirementsKey);
  return drg?.decisions.find((d) => d.decisionId === decision.decisionId)?.versionTag;
}

function versionsOf(state: EngineState, decisionId: string): DeployedDecision[] {
  return (state.decisions.decisionVersions.get(decisionId) ?? [])
    .map((key) => state.decisions.decisions.get(key))
    .filter((d): d is DeployedDecision => d !== undefined);
}
