import type { ActivatedJob } from '../../processing/job-streams';
import type { ProcessingContext } from '../../processing/context';
import type { JobBatchValue } from '../../state/appliers';

export interface JobWorkerRequest {
  type: string;
  worker: string;
  timeout: number;
  fetchVariable: string[];
}

/**
 * Activates the given activatable jobs for a worker (one JOB_BATCH ACTIVATED event): each is
 * locked to the worker until now + timeout on the engine clock, and carries the variables
 * visible from its task (only those named in fetchVariable, if any). Used by ActivateJobs and
 * by job push alike.
 */
export function activateForWorker(
  ctx: ProcessingContext,
  keys: string[],
  request: JobWorkerRequest,
): ActivatedJob[] {
  if (keys.length === 0) return [];
  const deadline = ctx.now + request.timeout;
  const batch: JobBatchValue = {
    type: request.type,
    worker: request.worker,
    timeout: request.timeout,
    deadline,
    jobKeys: keys,
  };
  const first = ctx.state.jobs.get(keys[0]!);
  ctx.event(
    'JOB_BATCH',
    'ACTIVATED',
    ctx.nextKey(),
    batch,
    keys.length === 1 ? first?.processInstanceKey : undefined,
  );
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
      kind: job.jobKind ?? 'BPMN_ELEMENT',
      listenerEventType: job.listenerEventType ?? 'UNSPECIFIED',
    };
  });
}
