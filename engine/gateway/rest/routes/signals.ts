import { Router } from 'express';
import type { RestContext } from '../context';
import { invalidArgument, sendRejection } from '../problem';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `POST /v2/signals/broadcast`: answers the signal key and tenant, as Camunda does. */
export function signalsRouter(context: RestContext): Router {
  const router = Router();
  router.post('/signals/broadcast', async (req, res) => {
    const body: unknown = req.body;
    if (!isObject(body)) return invalidArgument(req, res, 'No signal request provided.');
    if (typeof body.signalName !== 'string' || body.signalName === '')
      return invalidArgument(req, res, 'No signalName provided.');
    const variables = body.variables ?? {};
    if (!isObject(variables))
      return invalidArgument(req, res, 'The value for variables must be a JSON object.');
    const tenantId = body.tenantId ?? '';
    if (typeof tenantId !== 'string')
      return invalidArgument(req, res, 'The value for tenantId must be a string.');
    const result = await context.service.broadcastSignal({
      signalName: body.signalName,
      variables,
      tenantId,
    });
    if (!result.ok) return sendRejection(req, res, result);
    res.json({ signalKey: result.value.key, tenantId: result.value.tenantId });
  });
  return router;
}
