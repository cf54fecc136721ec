import crypto from 'node:crypto';
import { compileResources } from '../bpmn';
import type { SerializedRecord } from '../log/record-log';
import type { Command, CommandResult } from '../processing/command';
import type { StreamProcessor } from '../processing/stream-processor';
import type {
  ActivatedJob,
  ActivateJobsCommand,
  CreationCommand,
  CreationResponse,
  DeploymentCommand,
  DeploymentResponse,
} from '../runtime/commands';
import type { JobDispatcher, JobStream } from './job-dispatcher';

/** Zeebe's default maximum message size: larger variable documents are refused. */
export const MAX_VARIABLES_BYTES = 4 * 1024 * 1024;

export type Result<T> = CommandResult<T>;

function invalid<T>(reason: string): Result<T> {
  return { ok: false, rejectionType: 'INVALID_ARGUMENT', reason };
}

/** Parses a variables document as clients send it: JSON text of an object (or empty). */
export function parseVariables(
  text: string | undefined,
): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  if (text === undefined || text === '') return { ok: true, value: {} };
  if (Buffer.byteLength(text) > MAX_VARIABLES_BYTES) {
    return {
      ok: false,
      reason: `Expected variables to be at most ${MAX_VARIABLES_BYTES} bytes, but they are larger`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      reason: `Expected argument 'variables' to be a valid JSON document, but it is not`,
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      ok: false,
      reason: `Expected document to be a root level object, but was '${Array.isArray(parsed) ? 'ARRAY' : typeof parsed}'`,
    };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

/**
 * What the gateways (gRPC and REST) call: it validates requests, compiles deployments and
 * submits commands to the stream processor. It knows no transport.
 */
export class EngineService {
  constructor(
    readonly processor: StreamProcessor,
    private readonly jobs: JobDispatcher,
  ) {}

  private submit<T>(command: Command): Promise<Result<T>> {
    return this.processor.submit<T>(command);
  }

  async deploy(
    resources: Array<{ name: string; content: Buffer }>,
    tenantId = '',
  ): Promise<Result<DeploymentResponse>> {
    if (resources.length === 0)
      return invalid('Expected to deploy at least one resource, but none given');
    const compiled = await compileResources(resources);
    if (!compiled.ok) return invalid(compiled.errors.join('\n'));
    const value: DeploymentCommand = {
      tenantId,
      processes: compiled.processes.map((p) => ({
        resourceName: p.resourceName,
        xml: p.xml,
        checksum: sha256(`${p.process.bpmnProcessId}\n${p.xml}`),
        executable: p.process,
      })),
      forms: compiled.forms.map((f) => ({
        resourceName: f.resourceName,
        formId: f.formId,
        schema: f.content,
        checksum: sha256(f.content),
      })),
    };
    return this.submit({ valueType: 'DEPLOYMENT', intent: 'CREATE', key: '-1', value });
  }

  createProcessInstance(request: CreationCommand): Promise<Result<CreationResponse>> {
    return this.submit({
      valueType: 'PROCESS_INSTANCE_CREATION',
      intent: 'CREATE',
      key: '-1',
      value: request,
    });
  }

  /**
   * Creates an instance and waits for its completion (PROCESS_INSTANCE_RESULT), up to
   * `timeoutMs`; the instance itself keeps running after a timeout.
   */
  async createProcessInstanceWithResult(
    request: CreationCommand,
    timeoutMs: number,
  ): Promise<Result<CreationResponse & { variables: Record<string, unknown> }>> {
    let resolveResult: (variables: Record<string, unknown>) => void = () => undefined;
    const completed = new Promise<Record<string, unknown>>((resolve) => (resolveResult = resolve));
    let key: string | undefined;
    const early: SerializedRecord[] = [];
    const unsubscribe = this.onCommitted((records) => {
      for (const record of records) {
        if (record.valueType !== 'PROCESS_INSTANCE_RESULT') continue;
        if (key === undefined) early.push(record);
        else if (record.key === key)
          resolveResult(JSON.parse((record.value as { variables: string }).variables));
      }
    });
    try {
      const created = await this.createProcessInstance({ ...request, awaitResult: true });
      if (!created.ok) return created;
      key = created.value.processInstanceKey;
      const already = early.find((r) => r.key === key);
      if (already) resolveResult(JSON.parse((already.value as { variables: string }).variables));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
      );
      const outcome = await Promise.race([completed, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        return {
          ok: false,
          rejectionType: 'DEADLINE_EXCEEDED',
          reason: `Time out between gateway and broker: the process instance '${key}' did not complete within ${timeoutMs} ms`,
        };
      }
      return { ok: true, key, value: { ...created.value, variables: outcome } };
    } finally {
      unsubscribe();
    }
  }

  private readonly committedListeners = new Set<(records: SerializedRecord[]) => void>();
  private listening = false;

  private onCommitted(listener: (records: SerializedRecord[]) => void): () => void {
    if (!this.listening) {
      this.listening = true;
      this.processor.onCommitted((records) => {
        for (const l of this.committedListeners) l(records);
      });
    }
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  cancelProcessInstance(key: string): Promise<Result<unknown>> {
    return this.submit({
      valueType: 'PROCESS_INSTANCE',
      intent: 'CANCEL',
      key,
      value: { processInstanceKey: key },
    });
  }

  setVariables(
    scopeKey: string,
    variables: Record<string, unknown>,
    local: boolean,
  ): Promise<Result<{ key: string }>> {
    return this.submit({
      valueType: 'VARIABLE_DOCUMENT',
      intent: 'UPDATE',
      key: '-1',
      value: { scopeKey, variables, local },
    });
  }

  /**
   * ActivateJobs with long polling: answers at once when jobs are there, else waits up to
   * `requestTimeoutMs` for some (a negative timeout disables the wait).
   */
  async activateJobs(
    request: ActivateJobsCommand,
    requestTimeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Result<ActivatedJob[]>> {
    const first = await this.submit<ActivatedJob[]>({
      valueType: 'JOB_BATCH',
      intent: 'ACTIVATE',
      key: '-1',
      value: request,
    });
    if (!first.ok || first.value.length > 0 || requestTimeoutMs < 0 || signal?.aborted)
      return first;
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const finish = (jobs: ActivatedJob[]) => {
        clearTimeout(timer);
        cancel();
        signal?.removeEventListener('abort', onAbort);
        resolve({ ok: true, key: '-1', value: jobs });
      };
      const onAbort = () => finish([]);
      const cancel = this.jobs.wait(request, finish);
      timer = setTimeout(() => finish([]), requestTimeoutMs);
      signal?.addEventListener('abort', onAbort);
    });
  }

  streamJobs(stream: JobStream): () => void {
    return this.jobs.openStream(stream);
  }

  completeJob(jobKey: string, variables: Record<string, unknown>): Promise<Result<unknown>> {
    return this.submit({ valueType: 'JOB', intent: 'COMPLETE', key: jobKey, value: { variables } });
  }

  failJob(
    jobKey: string,
    request: {
      retries: number;
      errorMessage: string;
      retryBackOff: number;
      variables: Record<string, unknown>;
    },
  ): Promise<Result<unknown>> {
    return this.submit({ valueType: 'JOB', intent: 'FAIL', key: jobKey, value: request });
  }

  throwError(
    jobKey: string,
    request: { errorCode: string; errorMessage: string; variables: Record<string, unknown> },
  ): Promise<Result<unknown>> {
    return this.submit({ valueType: 'JOB', intent: 'THROW_ERROR', key: jobKey, value: request });
  }

  updateJobRetries(jobKey: string, retries: number): Promise<Result<unknown>> {
    return this.submit({
      valueType: 'JOB',
      intent: 'UPDATE_RETRIES',
      key: jobKey,
      value: { retries },
    });
  }

  updateJobTimeout(jobKey: string, timeout: number): Promise<Result<unknown>> {
    return this.submit({
      valueType: 'JOB',
      intent: 'UPDATE_TIMEOUT',
      key: jobKey,
      value: { timeout },
    });
  }

  resolveIncident(incidentKey: string): Promise<Result<unknown>> {
    return this.submit({ valueType: 'INCIDENT', intent: 'RESOLVE', key: incidentKey, value: {} });
  }
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
