import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { ActivatedJob } from '../../processing/job-streams';
import { activateForWorker } from '../behaviors/job-activation';

export interface ActivateJobsCommand {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariable: string[];
  /** Job push: activate exactly these jobs (those still activatable), not the oldest ones. */
  jobKeys?: string[];
}

export type { ActivatedJob };

/** Zeebe's JobBatchActivateProcessor checks, with its messages: why a request is rejected, if it is. */
export function activationProblem(request: ActivateJobsCommand): string | undefined {
  if (!(request.maxJobsToActivate > 0))
    return `Expected to activate job batch with max jobs to activate to be greater than zero, but it was '${request.maxJobsToActivate}'`;
  if (!(request.timeout > 0))
    return `Expected to activate job batch with timeout to be greater than zero, but it was '${request.timeout}'`;
  if (!request.type)
    return 'Expected to activate job batch with type to be present, but it was blank';
  return undefined;
}

/**
 * JOB_BATCH ACTIVATE: hands out up to N activatable jobs of a type, oldest first. Each job
 * is locked to the worker until now + timeout on the engine clock (its deadline), and carries
 * the variables visible from its task (only those named in fetchVariable, if any).
 */
export function activateJobs(ctx: ProcessingContext, request: ActivateJobsCommand): ActivatedJob[] {
  const problem = activationProblem(request);
  if (problem) throw new RejectionError('INVALID_ARGUMENT', problem);
  const pool = ctx.state.activatableJobs.get(request.type) ?? new Set<string>();
  const keys: string[] = [];
  for (const key of request.jobKeys ?? pool) {
    if (keys.length >= request.maxJobsToActivate) break;
    if (pool.has(key)) keys.push(key);
  }
  return activateForWorker(ctx, keys, request);
}

export const activateJobBatch: CommandProcessor = (command, ctx) => {
  ctx.respond(command.key, activateJobs(ctx, command.value as ActivateJobsCommand));
};
