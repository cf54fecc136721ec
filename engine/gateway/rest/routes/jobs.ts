import { Router, type Request, type Response } from 'express';
import type { ActivatedJob } from '../../../runtime/commands';
import type { RestContext } from '../context';
import { invalidArgument, sendRejection } from '../problem';
import { userTaskProperties } from './job-user-task';
import { keyParam } from './search-route';

/** Camunda's default long polling time for a job activation with requestTimeout 0 (or none). */
const DEFAULT_LONG_POLL_MS = 10_000;

type Body = Record<string, unknown>;
type Outcome = Awaited<ReturnType<RestContext['service']['completeJob']>>;

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const empty = (name: string) => `No ${name} provided.`;
const invalidValue = (name: string, value: unknown, expected: string) =>
  `The value for ${name} is '${String(value)}' but must be ${expected}.`;

/** An optional number field: undefined when absent, the number, or a problem's detail. */
function numberField(body: Body, name: string): number | undefined | { error: string } {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    return { error: invalidValue(name, value, 'a number') };
  return value;
}

/** `variables` of a command: an object (absent or null means none), or a problem's detail. */
function variablesOf(body: Body): Body | string {
  const variables = body.variables ?? {};
  return isObject(variables) ? variables : 'The value for variables must be a JSON object.';
}

/** Camunda's JobRequestValidator for an activation: every violation, or the command. */
function parseActivation(body: Body) {
  const violations: string[] = [];
  const type = body.type;
  if (typeof type !== 'string' || type.trim() === '') violations.push(empty('type'));
  const numbers: Record<string, number> = {};
  for (const name of ['timeout', 'maxJobsToActivate'] as const) {
    const value = numberField(body, name);
    if (value === undefined) violations.push(empty(name));
    else if (typeof value !== 'number') violations.push(value.error);
    else if (value < 1) violations.push(invalidValue(name, value, 'greater than 0'));
    else numbers[name] = value;
  }
  const requestTimeout = numberField(body, 'requestTimeout');
  if (typeof requestTimeout === 'object') violations.push(requestTimeout.error);
  const fetchVariable = body.fetchVariable ?? [];
  if (!Array.isArray(fetchVariable) || !fetchVariable.every((v) => typeof v === 'string'))
    violations.push('The value for fetchVariable must be an array of strings.');
  const tenantIds = body.tenantIds ?? [];
  if (!Array.isArray(tenantIds) || !tenantIds.every((t) => typeof t === 'string')) {
    violations.push('The value for tenantIds must be an array of strings.');
  } else if (tenantIds.some((t) => t !== '<default>')) {
    // Multi-tenancy is disabled: only the default tenant exists.
    violations.push(
      `Expected to handle request Activate Jobs with tenant identifiers ${JSON.stringify(tenantIds)}, but multi-tenancy is disabled`,
    );
  }
  if (violations.length > 0) return violations.join(' ');
  const worker = typeof body.worker === 'string' ? body.worker : '';
  const wait = typeof requestTimeout === 'number' ? requestTimeout : 0;
  return {
    command: {
      type: type as string,
      worker,
      timeout: numbers.timeout!,
      maxJobsToActivate: numbers.maxJobsToActivate!,
      fetchVariable: fetchVariable as string[],
    },
    // 0 (or none) waits the default time; a negative timeout answers at once.
    requestTimeoutMs: wait === 0 ? DEFAULT_LONG_POLL_MS : wait,
  };
}

/** Camunda 8.8's ActivatedJobResult: keys as strings, headers and variables as objects. */
export function activatedJobResult(job: ActivatedJob) {
  return {
    jobKey: job.key,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    processDefinitionId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: job.customHeaders,
    worker: job.worker,
    retries: job.retries,
    deadline: job.deadline,
    variables: job.variables,
    tenantId: job.tenantId,
    kind: job.kind,
    listenerEventType: job.listenerEventType,
    ...(job.kind === 'TASK_LISTENER' ? { userTask: userTaskProperties(job.customHeaders) } : {}),
  };
}

/**
 * Camunda 8.8 REST jobs: `POST /v2/jobs/activation` (long polling), and per job
 * `POST .../completion`, `.../failure`, `.../error` and `PATCH /v2/jobs/{jobKey}` (204 each).
 */
export function jobsRouter(context: RestContext): Router {
  const router = Router();
  const service = context.service;

  router.post('/jobs/activation', async (req, res) => {
    const body: unknown = req.body ?? {};
    if (!isObject(body))
      return invalidArgument(req, res, 'The request body must be a JSON object.');
    const parsed = parseActivation(body);
    if (typeof parsed === 'string') return invalidArgument(req, res, parsed);
    const abort = new AbortController();
    // The client gave up (e.g. a worker stopping): stop waiting, and hand back any jobs.
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const result = await service.activateJobs(
      parsed.command,
      parsed.requestTimeoutMs,
      abort.signal,
    );
    if (!result.ok) return sendRejection(req, res, result);
    if (abort.signal.aborted) return service.returnJobs(result.value.map((job) => job.key));
    res.json({ jobs: result.value.map(activatedJobResult) });
  });

  /** A command for the job in the path; 204 when the engine accepts it. */
  const command =
    (run: (key: string, body: Body) => Promise<Outcome> | string) =>
    async (req: Request, res: Response) => {
      const key = keyParam(req, res, 'jobKey');
      if (key === undefined) return;
      const body: unknown = req.body ?? {};
      if (!isObject(body))
        return invalidArgument(req, res, 'The request body must be a JSON object.');
      const result = run(key, body);
      if (typeof result === 'string') return invalidArgument(req, res, result);
      const outcome = await result;
      if (!outcome.ok) return sendRejection(req, res, outcome);
      res.status(204).end();
    };

  router.post(
    '/jobs/:jobKey/completion',
    command((key, body) => {
      const variables = variablesOf(body);
      if (typeof variables === 'string') return variables;
      // A task listener's result: `{type: "userTask", denied, deniedReason, corrections}`.
      const result = body.result;
      if (result !== undefined && result !== null && !isObject(result))
        return 'The value for result must be an object.';
      return service.completeJob(key, variables, result ?? undefined);
    }),
  );
  router.post(
    '/jobs/:jobKey/failure',
    command((key, body) => {
      const variables = variablesOf(body);
      if (typeof variables === 'string') return variables;
      const retries = numberField(body, 'retries');
      if (typeof retries === 'object') return retries.error;
      const retryBackOff = numberField(body, 'retryBackOff');
      if (typeof retryBackOff === 'object') return retryBackOff.error;
      const errorMessage = body.errorMessage ?? '';
      if (typeof errorMessage !== 'string') return 'The value for errorMessage must be a string.';
      return service.failJob(key, {
        retries: retries ?? 0,
        errorMessage,
        retryBackOff: retryBackOff ?? 0,
        variables,
      });
    }),
  );
  router.post(
    '/jobs/:jobKey/error',
    command((key, body) => {
      const errorCode = body.errorCode;
      if (typeof errorCode !== 'string' || errorCode.trim() === '') return empty('errorCode');
      const variables = variablesOf(body);
      if (typeof variables === 'string') return variables;
      const errorMessage = body.errorMessage ?? '';
      if (typeof errorMessage !== 'string') return 'The value for errorMessage must be a string.';
      return service.throwError(key, { errorCode, errorMessage, variables });
    }),
  );
  router.patch(
    '/jobs/:jobKey',
    command((key, body) => {
      const changeset = body.changeset ?? {};
      if (!isObject(changeset)) return 'The value for changeset must be an object.';
      const retries = numberField(changeset, 'retries');
      if (typeof retries === 'object') return retries.error;
      const timeout = numberField(changeset, 'timeout');
      if (typeof timeout === 'object') return timeout.error;
      if (retries === undefined && timeout === undefined)
        return 'At least one of [retries, timeout] is required.';
      return (async () => {
        if (retries !== undefined) {
          const updated = await service.updateJobRetries(key, retries);
          if (!updated.ok || timeout === undefined) return updated;
        }
        return service.updateJobTimeout(key, timeout!);
      })();
    }),
  );
  return router;
}
