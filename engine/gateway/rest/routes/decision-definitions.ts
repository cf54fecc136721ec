import { Router } from 'express';
import { parseKey } from '../../../protocol/keys';
import { submitEvaluation, type EvaluationResponse } from '../../grpc-decision-handlers';
import type { RestContext } from '../context';
import { invalidArgument, sendRejection } from '../problem';
import type { SearchSpec } from './search-query';
import { findByKey, keyParam, searchHandler, type Row } from './search-route';

export const DECISION_DEFINITIONS: SearchSpec = {
  from: `(SELECT d.key, d.decision_id, d.name, d.version, d.decision_requirements_key,
                 d.decision_requirements_id, d.tenant_id, r.xml
          FROM engine.decision_definitions d
          JOIN engine.decision_requirements r ON r.key = d.decision_requirements_key) s`,
  key: 'key',
  fields: {
    decisionDefinitionKey: { column: 'key', kind: 'key' },
    decisionDefinitionId: { column: 'decision_id', kind: 'string' },
    name: { column: 'name', kind: 'string' },
    version: { column: 'version', kind: 'number' },
    decisionRequirementsKey: { column: 'decision_requirements_key', kind: 'key' },
    decisionRequirementsId: { column: 'decision_requirements_id', kind: 'string' },
    tenantId: { column: 'tenant_id', kind: 'string' },
  },
};

/** Camunda 8.8's DecisionDefinitionResult. */
function definition(row: Row) {
  return {
    decisionDefinitionKey: row.key,
    decisionDefinitionId: row.decision_id,
    name: row.name ?? null,
    version: row.version,
    decisionRequirementsKey: row.decision_requirements_key,
    decisionRequirementsId: row.decision_requirements_id,
    tenantId: row.tenant_id,
  };
}

/**
 * `POST /v2/decision-definitions/search`, `GET /v2/decision-definitions/{key}` and
 * `GET /v2/decision-definitions/{key}/xml` (the DMN XML of its decision requirements, as
 * deployed), from the exported search tables.
 *
 * `POST /v2/decision-definitions/evaluation`: evaluates a decision by key, or by id (latest
 * version), answering Camunda 8.8's EvaluateDecisionResult. Validation messages are those of
 * Camunda's RequestValidator (exactly one of the two identifiers).
 */
export function decisionDefinitionsRouter(context: RestContext): Router {
  const router = Router();
  router.post(
    '/decision-definitions/search',
    searchHandler(context, DECISION_DEFINITIONS, definition),
  );
  router.get('/decision-definitions/:decisionDefinitionKey', async (req, res) => {
    const key = keyParam(req, res, 'decisionDefinitionKey');
    if (key === undefined) return;
    const row = await findByKey(
      context,
      req,
      res,
      DECISION_DEFINITIONS,
      'Decision definition',
      key,
    );
    if (row) res.json(definition(row));
  });
  router.get('/decision-definitions/:decisionDefinitionKey/xml', async (req, res) => {
    const key = keyParam(req, res, 'decisionDefinitionKey');
    if (key === undefined) return;
    const row = await findByKey(
      context,
      req,
      res,
      DECISION_DEFINITIONS,
      'Decision definition',
      key,
    );
    if (row) res.type('text/xml').send(row.xml);
  });

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
