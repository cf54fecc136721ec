import { Router, type Request } from 'express';
import type { CorrelateMessageCommand } from '../../../runtime/commands';
import type { RestContext } from '../context';
import { invalidArgument, sendRejection } from '../problem';

type Parsed<T> = { ok: true; command: T } | { ok: false; detail: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields both endpoints share, validated as Camunda's MessageRequestValidator words it. */
function parseCommon(req: Request): Parsed<CorrelateMessageCommand> {
  const body: unknown = req.body;
  if (!isObject(body)) return { ok: false, detail: 'No message request provided.' };
  if (typeof body.name !== 'string' || body.name === '')
    return { ok: false, detail: 'No name provided.' };
  const correlationKey = body.correlationKey ?? '';
  if (typeof correlationKey !== 'string')
    return { ok: false, detail: 'The value for correlationKey must be a string.' };
  const variables = body.variables ?? {};
  if (!isObject(variables))
    return { ok: false, detail: 'The value for variables must be a JSON object.' };
  const tenantId = body.tenantId ?? '';
  if (typeof tenantId !== 'string')
    return { ok: false, detail: 'The value for tenantId must be a string.' };
  return { ok: true, command: { name: body.name, correlationKey, variables, tenantId } };
}

/**
 * `POST /v2/messages/publication` (buffered for `timeToLive` ms, default 0) and
 * `POST /v2/messages/correlation` (correlated now or 404, never buffered).
 */
export function messagesRouter(context: RestContext): Router {
  const router = Router();
  router.post('/messages/publication', async (req, res) => {
    const parsed = parseCommon(req);
    if (!parsed.ok) return invalidArgument(req, res, parsed.detail);
    const body = req.body as Record<string, unknown>;
    const timeToLive = body.timeToLive ?? 0;
    if (typeof timeToLive !== 'number' || !Number.isInteger(timeToLive) || timeToLive < 0)
      return invalidArgument(req, res, 'The value for timeToLive must be a non-negative integer.');
    const messageId = body.messageId ?? '';
    if (typeof messageId !== 'string')
      return invalidArgument(req, res, 'The value for messageId must be a string.');
    const result = await context.service.publishMessage({
      ...parsed.command,
      timeToLive,
      messageId,
    });
    if (!result.ok) return sendRejection(req, res, result);
    res.json({ messageKey: result.value.key, tenantId: result.value.tenantId });
  });
  router.post('/messages/correlation', async (req, res) => {
    const parsed = parseCommon(req);
    if (!parsed.ok) return invalidArgument(req, res, parsed.detail);
    const result = await context.service.correlateMessage(parsed.command);
    if (!result.ok) return sendRejection(req, res, result);
    res.json(result.value);
  });
  return router;
}
