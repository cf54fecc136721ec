import crypto from 'node:crypto';
import { compileResources } from '../bpmn';
import type { Command, CommandResult } from '../processing/command';
import type { StreamProcessor } from '../processing/stream-processor';
import {
  activationProblem,
  type AdHocSubProcessInstructionValue,
  type ActivatedJob,
  type ActivateJobsCommand,
  type BroadcastSignalCommand,
  type CorrelateMessageCommand,
  type CorrelateMessageResponse,
  type CreationCommand,
  type CreationResponse,
  type PublishMessageCommand,
  type DeploymentCommand,
  type DeploymentResponse,
} from '../runtime/commands';
import { InstanceResults } from './instance-results';
import { DEFAULT_REQUEST_TIMEOUT_MS, UserTaskAnswers } from './user-task-answers';
import { migrationRequestProblem, type MigrationRequest } from './migration-request';
import type { JobDispatcher, JobStream } from './job-dispatcher';

export { MAX_VARIABLES_BYTES, parseVariables } from './variables-document';

export type Result<T> = CommandResult<T>;

function invalid<T>(reason: string): Result<T> {
  return { ok: false, rejectionType: 'INVALID_ARGUMENT', reason };
}

/**
 * What the gateways (gRPC and REST) call: it validates requests, compiles deployments and
 * submits commands to the stream processor. It knows no transport.
 */
export class EngineService {
  private readonly results: InstanceResults;
  /** Answers commands that wait for user task listeners (see UserTaskAnswers). */
  readonly userTaskAnswers: UserTaskAnswers;

  constructor(
    readonly processor: StreamProcessor,
    private readonly jobs: JobDispatcher,
    /** How long a command waits for user task listeners (ms); Zeebe's request timeout. */
    requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {
    this.results = new InstanceResults(processor);
    this.userTaskAnswers = new UserTaskAnswers(processor, requestTimeoutMs);
  }

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
      drgs: compiled.drgs.map((d) => ({
        resourceName: d.resourceName,
        xml: d.xml,
        checksum: sha256(d.xml),
        drg: d.drg,
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

  /** CreateProcessInstanceWithResult (see InstanceResults). */
  createProcessInstanceWithResult(
    request: CreationCommand,
    timeoutMs: number,
  ): Promise<Result<CreationResponse & { variables: Record<string, unknown> }>> {
    return this.results.createAndAwait(request, timeoutMs);
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
    const command = {
      valueType: 'VARIABLE_DOCUMENT' as const,
      intent: 'UPDATE',
      key: '-1',
      value: { scopeKey, variables, local },
    };
    // On a user task's own element instance it is the task's update, answered after its
    // updating listeners (Camunda 8.8, "User task listeners").
    const task = this.processor.state.userTaskOf(scopeKey);
    if (!task) return this.submit(command);
    return this.userTaskAnswers.submitVariableUpdate<{ key: string; awaitingListeners?: boolean }>(
      command,
      task.key,
    );
  }

  /**
   * ActivateJobs with long polling: answers at once when jobs are there, else waits up to
   * `requestTimeoutMs` for some (a negative timeout disables the wait). A valid long poll
   * that finds no job of its type in the pool starts waiting at once, without an activation
   * that could only come back empty; it is served as soon as jobs become activatable.
   */
  async activateJobs(
    request: ActivateJobsCommand,
    requestTimeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Result<ActivatedJob[]>> {
    const longPolling = requestTimeoutMs >= 0;
    const waitAtOnce =
      longPolling && !activationProblem(request) && !this.jobs.hasActivatable(request.type);
    if (!waitAtOnce) {
      const first = await this.submit<ActivatedJob[]>({
        valueType: 'JOB_BATCH',
        intent: 'ACTIVATE',
        key: '-1',
        value: request,
      });
      if (!first.ok || first.value.length > 0 || !longPolling) return first;
    }
    if (signal?.aborted) return { ok: true, key: '-1', value: [] };
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

  /**
   * Jobs activated for a request whose client went away before they were sent are handed
   * back at once (JOB YIELD) instead of waiting for their deadline.
   */
  returnJobs(jobKeys: string[]): void {
    for (const key of jobKeys) {
      void this.submit({ valueType: 'JOB', intent: 'YIELD', key, value: {} });
    }
  }

  streamJobs(stream: JobStream): () => void {
    return this.jobs.openStream(stream);
  }

  /** `result`: a task listener's verdict (`denied`, `deniedReason`, `corrections`). */
  completeJob(
    jobKey: string,
    variables: Record<string, unknown>,
    result?: Record<string, unknown>,
  ): Promise<Result<unknown>> {
    const value = result ? { variables, result } : { variables };
    return this.submit({ valueType: 'JOB', intent: 'COMPLETE', key: jobKey, value });
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

  /** PublishMessage / POST /v2/messages/publication. */
  publishMessage(
    request: PublishMessageCommand,
  ): Promise<Result<{ key: string; tenantId: string }>> {
    if (!request.name) return Promise.resolve(invalid('No name provided.'));
    return this.submit({ valueType: 'MESSAGE', intent: 'PUBLISH', key: '-1', value: request });
  }

  /** POST /v2/messages/correlation: correlate now or NOT_FOUND; never buffered. */
  correlateMessage(request: CorrelateMessageCommand): Promise<Result<CorrelateMessageResponse>> {
    if (!request.name) return Promise.resolve(invalid('No name provided.'));
    return this.submit({
      valueType: 'MESSAGE_CORRELATION',
      intent: 'CORRELATE',
      key: '-1',
      value: request,
    });
  }

  /** BroadcastSignal / POST /v2/signals/broadcast. */
  broadcastSignal(
    request: BroadcastSignalCommand,
  ): Promise<Result<{ key: string; tenantId: string }>> {
    if (!request.signalName) return Promise.resolve(invalid('No signalName provided.'));
    return this.submit({ valueType: 'SIGNAL', intent: 'BROADCAST', key: '-1', value: request });
  }

  resolveIncident(incidentKey: string): Promise<Result<unknown>> {
    return this.submit({ valueType: 'INCIDENT', intent: 'RESOLVE', key: incidentKey, value: {} });
  }

  /** POST /v2/element-instances/ad-hoc-activities/{key}/activation. */
  activateAdHocActivities(value: AdHocSubProcessInstructionValue): Promise<Result<unknown>> {
    return this.submit({
      valueType: 'AD_HOC_SUB_PROCESS_INSTRUCTION',
      intent: 'ACTIVATE',
      key: '-1',
      value,
    });
  }

  /** MigrateProcessInstance / POST /v2/process-instances/{key}/migration. */
  migrateProcessInstance(request: MigrationRequest): Promise<Result<unknown>> {
    const problem = migrationRequestProblem(request);
    if (problem) return Promise.resolve(invalid(problem));
    return this.submit({
      valueType: 'PROCESS_INSTANCE_MIGRATION',
      intent: 'MIGRATE',
      key: request.processInstanceKey,
      value: request,
    });
  }
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
