import { Router } from 'express';
import { parseKey } from '../../../protocol/keys';
import { submitEvaluation, type EvaluationResponse } from '../../grpc-decision-handlers';
import type { RestContext } from '../context';
import { invalidArgument, sendRejection } from '../problem';

/**
 * `POST /v2/decision-definitions/evaluation`: evaluates a decision by key, or by id (latest
 * version), answering Camunda 8.8's EvaluateDecisionResult. Validation messages are those of
 * Camunda's RequestValidator (exactly one of the two identifiers).
 */
export function decisionDefinitionsRouter(context: RestContext): Router {
  const router = Router();

  router.post('/decision-definitions/evaluation', async (req, res) => {
    const body = (req.body ?? {}) as {
      decisionDefinitionKey?: unknown;
      decisionDefinitionId?: unknown;
      variables?: unknown;
    };
    const hasKey = body.decisionDefinitionKey !== undefined && body.decisionDefinitionKey !== null;
    const hasId = typeof body.decisionDefinitionId === 'string' && body.decisionDefinitionId !== '';
    if (hasKey === hasId) {
      return invalidArgument(
        req,
        res,
        hasKey
          ? 'Only one of [decisionDefinitionId, decisionDefinitionKey] is allowed.'
          : 'At least one of [decisionDefinitionId, decisionDefinitionKey] is required.',
      );
    }
    const key = hasKey ? parseKey(body.decisionDefinitionKey) : undefined;
    if (hasKey && !key) {
      return invalidArgument(
        req,
        res,
        `The provided decisionDefinitionKey '${String(body.decisionDefinitionKey)}' is not a valid key.`,
      );
    }
    const variables = body.variables ?? {};
    if (typeof variables !== 'object' || Array.isArray(variables)) {
      return invalidArgument(req, res, 'The provided variables must be a JSON object.');
    }
    const result = await submitEvaluation(
      context.service,
      key ?? undefined,
      hasId ? (body.decisionDefinitionId as string) : undefined,
      variables as Record<string, unknown>,
    );
    if (!result.ok) return sendRejection(req, res, result);
    res.status(200).json(restShape(result.value));
  });

  return router;
}

function restShape(value: EvaluationResponse) {
  return {
    decisionDefinitionId: value.decisionId,
    decisionDefinitionKey: value.decisionKey,
    decisionDefinitionName: value.decisionName,
    decisionDefinitionVersion: value.decisionVersion,
    decisionRequirementsId: value.decisionRequirementsId,
    decisionRequirementsKey: value.decisionRequirementsKey,
    output: value.decisionOutput,
    failedDecisionDefinitionId: value.failedDecisionId,
    failureMessage: value.evaluationFailureMessage,
    tenantId: value.tenantId,
    decisionInstanceKey: value.decisionInstanceKey,
    decisionEvaluationKey: value.decisionInstanceKey,
    evaluatedDecisions: value.evaluatedDecisions.map((d) => ({
      decisionDefinitionId: d.decisionId,
      decisionDefinitionKey: d.decisionKey,
      decisionDefinitionName: d.decisionName,
      decisionDefinitionVersion: d.decisionVersion,
      decisionDefinitionType: d.decisionType,
      output: d.decisionOutput,
      tenantId: d.tenantId,
      decisionEvaluationInstanceKey: value.decisionInstanceKey,
      matchedRules: d.matchedRules,
      evaluatedInputs: d.evaluatedInputs,
    })),
  };
}
