import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { JobBatchValue } from '../../state/appliers';

export interface ActivateJobsCommand {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariable: string[];
  /** Job push: activate exactly these jobs (those still activatable), not the oldest ones. */
  jobKeys?: string[];
}

/** A job as handed to a worker (the gateway maps it to ActivatedJob). */
export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  deadline: number;
  variables: Record<string, unknown>;
  tenantId: string;
}

/** Zeebe's JobBatchActivateProcessor checks, with its messages. */
function validate(request: ActivateJobsCommand): void {
  if (!(request.maxJobsToActivate > 0)) {
    throw new RejectionError(
      'INVALID_ARGUMENT',
      `Expected to activate job batch with max jobs to activate to be greater than zero, but it was '${request.maxJobsToActivate}'`,
    );
  }
  if (!(request.timeout > 0)) {
    throw new RejectionError(
      'INVALID_ARGUMENT',
      `Expected to activate job batch with timeout to be greater than zero, but it was '${request.timeout}'`,
    );
  }
  if (!request.type) {
    throw new RejectionError(
      'INVALID_ARGUMENT',
      'Expected to activate job batch with type to be present, but it was blank',
    );
  }
}

/**
 * JOB_BATCH ACTIVATE: hands out up to N activatable jobs of a type, oldest first. Each job
 * is locked to the worker until now + timeout on the engine clock (its deadline), and carries
 * the variables visible from its task (only those named in fetchVariable, if any).
 */
export function activateJobs(ctx: ProcessingContext, request: ActivateJobsCommand): ActivatedJob[] {
  validate(request);
  const pool = ctx.state.activatableJobs.get(request.type) ?? new Set<string>();
  const candidates = request.jobKeys ? request.jobKeys.filter((k) => pool.has(k)) : [...pool];
  const keys = candidates.slice(0, request.maxJobsToActivate);
  if (keys.length === 0) return [];
  const deadline = ctx.now + request.timeout;
  const batch: JobBatchValue = {
    type: request.type,
    worker: request.worker,
    timeout: request.timeout,
    deadline,
    jobKeys: keys,
  };
  ctx.event('JOB_BATCH', 'ACTIVATED', ctx.nextKey(), batch);
  return keys.map((key) => {
    const job = ctx.state.jobs.get(key)!;
    const visible = ctx.state.visibleVariables(job.elementInstanceKey);
    const variables =
      request.fetchVariable.length === 0
        ? visible
        : Object.fromEntries(
            request.fetchVariable.filter((n) => n in visible).map((n) => [n, visible[n]]),
          );
    return {
      key: job.key,
      type: job.type,
      processInstanceKey: job.processInstanceKey,
      bpmnProcessId: job.bpmnProcessId,
      processDefinitionVersion: job.processDefinitionVersion,
      processDefinitionKey: job.processDefinitionKey,
      elementId: job.elementId,
      elementInstanceKey: job.elementInstanceKey,
      customHeaders: job.customHeaders,
      worker: request.worker,
      retries: job.retries,
      deadline,
      variables,
      tenantId: job.tenantId,
    };
  });
}

export const activateJobBatch: CommandProcessor = (command, ctx) => {
  ctx.respond(command.key, activateJobs(ctx, command.value as ActivateJobsCommand));
};
