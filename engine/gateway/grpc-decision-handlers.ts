import type { EvaluateDecisionCommand } from '../runtime/commands';
import type { DecisionEvaluationValue } from '../runtime/behaviors/decisions';
import type { EngineService, Result } from '../service/engine-service';
import { invalidArgument } from './grpc-status';
import { isError, key, unary, variablesOf, type Handler } from './grpc-unary';

/* eslint-disable @typescript-eslint/no-explicit-any -- request and response shapes come from zeebe.proto at run time */

export type EvaluationResponse = DecisionEvaluationValue & { decisionInstanceKey: string };

/**
 * Validates an evaluation request (by key, else by id: the latest version) and submits it.
 * Shared by gRPC EvaluateDecision and REST; the caller words the validation failure.
 */
export function submitEvaluation(
  engine: EngineService,
  decisionKey: string | undefined,
  decisionId: string | undefined,
  variables: Record<string, unknown>,
): Promise<Result<EvaluationResponse>> {
  const value: EvaluateDecisionCommand = {
    decisionKey: decisionKey ?? '-1',
    decisionId: decisionId ?? '',
    variables,
  };
  return engine.processor.submit<EvaluationResponse>({
    valueType: 'DECISION_EVALUATION',
    intent: 'EVALUATE',
    key: '-1',
    value,
  });
}

/** `EvaluateDecision` of zeebe.proto: a failed evaluation is answered, not rejected. */
export function decisionHandlers(engine: EngineService): Record<string, Handler> {
  return {
    EvaluateDecision: unary(
      'EVALUATE',
      async (request: any) => {
        const variables = variablesOf(request.variables);
        if (isError(variables)) return variables;
        const byKey = request.decisionKey && request.decisionKey !== '0';
        if (!byKey && !request.decisionId) {
          return invalidArgument(
            'Expected either a decision id or a valid decision key, but none provided',
          );
        }
        const k = byKey ? key(request.decisionKey, 'decisionKey') : undefined;
        if (isError(k)) return k;
        return submitEvaluation(engine, k, request.decisionId, variables);
      },
      (value) => ({
        decisionKey: value.decisionKey,
        decisionId: value.decisionId,
        decisionName: value.decisionName,
        decisionVersion: value.decisionVersion,
        decisionRequirementsId: value.decisionRequirementsId,
        decisionRequirementsKey: value.decisionRequirementsKey,
        decisionOutput: value.decisionOutput,
        evaluatedDecisions: value.evaluatedDecisions,
        failedDecisionId: value.failedDecisionId,
        failureMessage: value.evaluationFailureMessage,
        tenantId: value.tenantId,
        decisionInstanceKey: value.decisionInstanceKey,
      }),
    ),
  };
}
