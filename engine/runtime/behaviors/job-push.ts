import type { PushedJob } from '../../processing/job-streams';
import type { ProcessingContext } from '../../processing/context';
import type { JobBatchValue } from '../../state/appliers';

/**
 * Job push: a job that becomes activatable while a stream for its type is open is activated
 * for that stream right away (JOB_BATCH ACTIVATED, as for ActivateJobs) and handed to it after
 * the batch is committed. Without a stream, the job waits for ActivateJobs.
 */
export function pushToStream(ctx: ProcessingContext, jobKey: string): void {
  const job = ctx.state.jobs.get(jobKey);
  if (!job || job.state !== 'ACTIVATABLE') return;
  const stream = ctx.jobStreams.pick(job.type);
  if (!stream) return;
  const deadline = ctx.now + stream.timeout;
  const batch: JobBatchValue = {
    type: job.type,
    worker: stream.worker,
    timeout: stream.timeout,
    deadline,
    jobKeys: [job.key],
  };
  ctx.event('JOB_BATCH', 'ACTIVATED', ctx.nextKey(), batch, job.processInstanceKey);
  const visible = ctx.state.visibleVariables(job.elementInstanceKey);
  const variables =
    stream.fetchVariable.length === 0
      ? visible
      : Object.fromEntries(
          stream.fetchVariable.filter((n) => n in visible).map((n) => [n, visible[n]]),
        );
  const pushed: PushedJob = {
    key: job.key,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: job.customHeaders,
    worker: stream.worker,
    retries: job.retries,
    deadline,
    variables,
    tenantId: job.tenantId,
  };
  ctx.afterCommit(() => stream.push(pushed));
}
