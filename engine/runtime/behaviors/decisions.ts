import { evaluateDecision } from '../../dmn';
import type { ProcessingContext } from '../../processing/context';
import type { DeployedDecision } from '../../state/decisions';

/** Where an evaluation was asked for: a business rule task, or nothing (the API). */
export interface EvaluationOrigin {
  bpmnProcessId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
}

const API_ORIGIN: EvaluationOrigin = {
  bpmnProcessId: '',
  processDefinitionKey: '-1',
  processInstanceKey: '-1',
  elementId: '',
  elementInstanceKey: '-1',
};

/** Zeebe's DecisionEvaluationRecord value (the EVALUATED or FAILED event). */
export type DecisionEvaluationValue = ReturnType<typeof evaluationValue>;

/**
 * Evaluates a deployed decision and writes `DECISION_EVALUATION EVALUATED` (or `FAILED`), as
 * Zeebe does for both the EvaluateDecision API and business rule tasks. Returns the record's
 * key (the decision instance key) and value.
 */
export function evaluateDeployed(
  ctx: ProcessingContext,
  decision: DeployedDecision,
  variables: Record<string, unknown>,
  origin: EvaluationOrigin = API_ORIGIN,
): { key: string; value: DecisionEvaluationValue; output: unknown } {
  const drg = ctx.state.decisions.drgs.get(decision.decisionRequirementsKey)!;
  const outcome = evaluateDecision(
    drg.decisions,
    decision.decisionId,
    variables,
    new Date(ctx.now),
  );
  const value = evaluationValue(ctx, decision, origin, outcome);
  const key = ctx.nextKey();
  ctx.event(
    'DECISION_EVALUATION',
    outcome.ok ? 'EVALUATED' : 'FAILED',
    key,
    value,
    origin.processInstanceKey,
  );
  return { key, value, output: outcome.ok ? outcome.output : null };
}

function evaluationValue(
  ctx: ProcessingContext,
  decision: DeployedDecision,
  origin: EvaluationOrigin,
  outcome: ReturnType<typeof evaluateDecision>,
) {
  const evaluatedDecisions = outcome.evaluated.map((evaluated) => {
    const deployed = ctx.state.decisions.decisionOfDrg(
      decision.decisionRequirementsKey,
      evaluated.decisionId,
    );
    return {
      ...evaluated,
      decisionKey: deployed?.key ?? '-1',
      decisionVersion: deployed?.version ?? decision.version,
      tenantId: decision.tenantId,
    };
  });
  return {
    decisionKey: decision.key,
    decisionId: decision.decisionId,
    decisionName: decision.decisionName,
    decisionVersion: decision.version,
    decisionRequirementsId: decision.decisionRequirementsId,
    decisionRequirementsKey: decision.decisionRequirementsKey,
    decisionOutput: outcome.ok ? JSON.stringify(outcome.output) : 'null',
    ...origin,
    evaluatedDecisions,
    evaluationFailureMessage: outcome.ok ? '' : outcome.message,
    failedDecisionId: outcome.ok ? '' : outcome.failedDecisionId,
    tenantId: decision.tenantId,
  };
}
