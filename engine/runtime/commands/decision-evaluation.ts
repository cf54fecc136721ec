import { RejectionError } from '../../processing/command';
import type { CommandProcessor } from '../../processing/stream-processor';
import { evaluateDeployed } from '../behaviors/decisions';

/** EvaluateDecision (gRPC) and POST /v2/decision-definitions/evaluation. */
export interface EvaluateDecisionCommand {
  /** '-1' when the decision is named by id (then its latest version). */
  decisionKey: string;
  decisionId: string;
  variables: Record<string, unknown>;
}

/**
 * Evaluates a deployed decision outside any process. A failed evaluation is not a rejection:
 * Zeebe answers it with `failedDecisionId` and `failureMessage` set.
 */
export const evaluateDecisionCommand: CommandProcessor = (command, ctx) => {
  const value = command.value as EvaluateDecisionCommand;
  const store = ctx.state.decisions;
  const decision =
    value.decisionKey !== '-1'
      ? store.decisions.get(value.decisionKey)
      : store.latestDecision(value.decisionId);
  if (!decision) {
    throw new RejectionError(
      'NOT_FOUND',
      value.decisionKey !== '-1'
        ? `Expected to evaluate decision with key '${value.decisionKey}', but no such decision found`
        : `Expected to evaluate decision '${value.decisionId}', but no decision found for id '${value.decisionId}'`,
    );
  }
  const evaluation = evaluateDeployed(ctx, decision, value.variables);
  ctx.respond(evaluation.key, { decisionInstanceKey: evaluation.key, ...evaluation.value });
};
