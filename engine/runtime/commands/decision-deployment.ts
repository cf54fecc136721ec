import type { ExecutableDrg } from '../../dmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { DeployedDecision, DeployedDrg } from '../../state/decisions';

/** A `.dmn` resource of a deployment request, compiled by the gateway. */
export interface DrgDeployment {
  resourceName: string;
  xml: string;
  checksum: string;
  drg: ExecutableDrg;
}

/** zeebe.proto's DecisionMetadata and DecisionRequirementsMetadata. */
export interface DeployedDecisionsMetadata {
  decisions: Array<{
    dmnDecisionId: string;
    dmnDecisionName: string;
    version: number;
    decisionKey: string;
    dmnDecisionRequirementsId: string;
    decisionRequirementsKey: string;
    tenantId: string;
  }>;
  decisionRequirements: Array<{
    dmnDecisionRequirementsId: string;
    dmnDecisionRequirementsName: string;
    version: number;
    decisionRequirementsKey: string;
    resourceName: string;
    tenantId: string;
  }>;
}

/**
 * Deploys DRGs and their decisions (part of DEPLOYMENT CREATE). As for processes, in a
 * deployment of unchanged resources only (`duplicatesOnly`) a DRG keeps its version and
 * decisions; otherwise it gets the next version,
 * and each of its decisions the next version of that decision id (Zeebe's behaviour).
 */
export function deployDecisions(
  ctx: ProcessingContext,
  drgs: DrgDeployment[],
  deploymentKey: string,
  tenantId: string,
  duplicatesOnly: boolean,
): DeployedDecisionsMetadata {
  const result: DeployedDecisionsMetadata = { decisions: [], decisionRequirements: [] };
  const store = ctx.state.decisions;
  for (const d of drgs) {
    const latest = store.latestDrg(d.drg.decisionRequirementsId);
    let drg: DeployedDrg;
    if (duplicatesOnly && latest) {
      drg = latest;
    } else {
      drg = {
        key: ctx.nextKey(),
        decisionRequirementsId: d.drg.decisionRequirementsId,
        decisionRequirementsName: d.drg.name,
        version: (latest?.version ?? 0) + 1,
        resourceName: d.resourceName,
        checksum: d.checksum,
        deploymentKey,
        resource: d.xml,
        decisions: d.drg.decisions,
        tenantId,
      };
      ctx.event('DECISION_REQUIREMENTS', 'CREATED', drg.key, drg);
      for (const decision of d.drg.decisions) {
        const deployed: DeployedDecision = {
          key: ctx.nextKey(),
          decisionId: decision.decisionId,
          decisionName: decision.name,
          version: (store.latestDecision(decision.decisionId)?.version ?? 0) + 1,
          decisionRequirementsKey: drg.key,
          decisionRequirementsId: drg.decisionRequirementsId,
          deploymentKey,
          tenantId,
        };
        ctx.event('DECISION', 'CREATED', deployed.key, deployed);
      }
    }
    result.decisionRequirements.push({
      dmnDecisionRequirementsId: drg.decisionRequirementsId,
      dmnDecisionRequirementsName: drg.decisionRequirementsName,
      version: drg.version,
      decisionRequirementsKey: drg.key,
      resourceName: drg.resourceName,
      tenantId,
    });
    for (const decision of drg.decisions) {
      const deployed = store.decisionOfDrg(drg.key, decision.decisionId)!;
      result.decisions.push({
        dmnDecisionId: deployed.decisionId,
        dmnDecisionName: deployed.decisionName,
        version: deployed.version,
        decisionKey: deployed.key,
        dmnDecisionRequirementsId: drg.decisionRequirementsId,
        decisionRequirementsKey: drg.key,
        tenantId,
      });
    }
  }
  return result;
}
