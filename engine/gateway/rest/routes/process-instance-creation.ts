import { Router, type Request } from 'express';
import type { CreationCommand } from '../../../runtime/commands';
import type { RestContext } from '../context';
import { invalidArgument, sendRejection } from '../problem';

/** What the gRPC gateway waits for a result when the request names no timeout. */
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

type Parsed =
  | { ok: true; command: CreationCommand; await: boolean; timeoutMs: number }
  | { ok: false; detail: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Camunda's ProcessInstanceRequestValidator, with its messages. */
function parse(req: Request): Parsed {
  const body: unknown = req.body;
  if (!isObject(body))
    return { ok: false, detail: 'No process instance creation request provided.' };
  const { processDefinitionId: id, processDefinitionKey: key } = body;
  if (id === undefined && key === undefined)
    return {
      ok: false,
      detail: 'At least one of [processDefinitionId, processDefinitionKey] is required.',
    };
  if (id !== undefined && key !== undefined)
    return {
      ok: false,
      detail: 'Only one of [processDefinitionId, processDefinitionKey] is allowed.',
    };
  if (key !== undefined && (typeof key !== 'string' || !/^\d{1,19}$/.test(key)))
    return {
      ok: false,
      detail: `The provided processDefinitionKey '${String(key)}' is not a valid key.`,
    };
  if (id !== undefined && (typeof id !== 'string' || id === ''))
    return { ok: false, detail: 'The value for processDefinitionId must be a non-empty string.' };
  const version = body.processDefinitionVersion ?? -1;
  if (typeof version !== 'number' || !Number.isInteger(version))
    return { ok: false, detail: 'The value for processDefinitionVersion must be an integer.' };
  const variables = body.variables ?? {};
  if (!isObject(variables))
    return { ok: false, detail: 'The value for variables must be a JSON object.' };
  const fetchVariables = body.fetchVariables ?? [];
  if (!Array.isArray(fetchVariables) || fetchVariables.some((v) => typeof v !== 'string'))
    return { ok: false, detail: 'The value for fetchVariables must be an array of strings.' };
  const timeout = body.requestTimeout ?? 0;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0)
    return { ok: false, detail: 'The value for requestTimeout must be a non-negative integer.' };
  const tenantId = body.tenantId ?? '';
  if (typeof tenantId !== 'string')
    return { ok: false, detail: 'The value for tenantId must be a string.' };
  const startInstructions = body.startInstructions ?? [];
  if (
    !Array.isArray(startInstructions) ||
    startInstructions.some((i) => !isObject(i) || typeof i.elementId !== 'string')
  )
    return {
      ok: false,
      detail: 'The value for startInstructions must be an array of objects with an elementId.',
    };
  return {
    ok: true,
    command: {
      bpmnProcessId: (id as string | undefined) ?? '',
      version: version === 0 ? -1 : version,
      processDefinitionKey: (key as string | undefined) ?? '-1',
      variables,
      tenantId,
      fetchVariables: fetchVariables as string[],
      startInstructions: (startInstructions as Array<{ elementId: string }>).map((i) => ({
        elementId: i.elementId,
      })),
    },
    await: body.awaitCompletion === true,
    timeoutMs: timeout > 0 ? timeout : DEFAULT_REQUEST_TIMEOUT_MS,
  };
}

/**
 * `POST /v2/process-instances`: creates an instance, at its none start event or before the
 * elements of `startInstructions`, optionally awaiting its completion (`awaitCompletion`,
 * `fetchVariables`, `requestTimeout`; a timeout answers 504).
 */
export function processInstanceCreationRouter(context: RestContext): Router {
  const router = Router();
  router.post('/process-instances', async (req, res) => {
    const parsed = parse(req);
    if (!parsed.ok) return invalidArgument(req, res, parsed.detail);
    const result = parsed.await
      ? await context.service.createProcessInstanceWithResult(parsed.command, parsed.timeoutMs)
      : await context.service.createProcessInstance(parsed.command);
    if (!result.ok) return sendRejection(req, res, result);
    const created = result.value;
    res.json({
      processDefinitionId: created.bpmnProcessId,
      processDefinitionVersion: created.version,
      processDefinitionKey: created.processDefinitionKey,
      processInstanceKey: created.processInstanceKey,
      tenantId: created.tenantId,
      variables: 'variables' in created ? created.variables : {},
    });
  });
  return router;
}
