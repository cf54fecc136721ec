import { Router } from 'express';
import type { RestContext } from '../context';
import { invalidArgument, sendRejection } from '../problem';
import { keyParam } from './search-route';

/**
 * `POST /v2/process-instances/{key}/migration` with `{targetProcessDefinitionKey,
 * mappingInstructions: [{sourceElementId, targetElementId}]}`: a PROCESS_INSTANCE_MIGRATION
 * MIGRATE command; 204 once the instance runs on the target.
 */
export function processInstanceMigrationRouter(context: RestContext): Router {
  const router = Router();
  router.post('/process-instances/:processInstanceKey/migration', async (req, res) => {
    const key = keyParam(req, res, 'processInstanceKey');
    if (key === undefined) return;
    const body = (req.body ?? {}) as {
      targetProcessDefinitionKey?: unknown;
      mappingInstructions?: unknown;
    };
    if (body.mappingInstructions === undefined || !Array.isArray(body.mappingInstructions)) {
      return invalidArgument(req, res, 'No mappingInstructions provided.');
    }
    const instructions = body.mappingInstructions as Array<Record<string, unknown>>;
    const result = await context.service.migrateProcessInstance({
      processInstanceKey: key,
      targetProcessDefinitionKey: String(body.targetProcessDefinitionKey ?? ''),
      mappingInstructions: instructions.map((m) => ({
        sourceElementId: String(m?.sourceElementId ?? ''),
        targetElementId: String(m?.targetElementId ?? ''),
      })),
    });
    if (!result.ok) return sendRejection(req, res, result);
    res.status(204).end();
  });
  return router;
}
