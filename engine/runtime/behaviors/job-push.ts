import type { ProcessingContext } from '../../processing/context';
import { activateForWorker } from './job-activation';

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
  const [pushed] = activateForWorker(ctx, [job.key], { ...stream, type: job.type });
  ctx.afterCommit(() => stream.push(pushed!));
}
