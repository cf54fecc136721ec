import type { JobStreamRegistry, JobStreamTarget } from '../processing/job-streams';
import type { ActivatedJob, ActivateJobsCommand } from '../runtime/commands';

/** An open StreamActivatedJobs call. `push` is false once the client has gone. */
export interface JobStream {
  request: Omit<ActivateJobsCommand, 'maxJobsToActivate'>;
  push(job: ActivatedJob): boolean;
}

/**
 * The open job streams, by job type. The stream processor picks from them to push a job in
 * the very step that creates it (JobStreamRegistry); the JobDispatcher picks from them for
 * jobs that become activatable again later. A job a stream refuses is handed back through
 * `onRefused` (JOB YIELD), so pollers can take it.
 */
export class OpenJobStreams implements JobStreamRegistry {
  private readonly byType = new Map<string, JobStream[]>();
  private cursor = 0;
  onRefused: (jobKey: string) => void = () => undefined;

  open(stream: JobStream): () => void {
    const type = stream.request.type;
    const list = this.byType.get(type) ?? [];
    list.push(stream);
    this.byType.set(type, list);
    return () => {
      const current = this.byType.get(type);
      const index = current?.indexOf(stream) ?? -1;
      if (index >= 0) current!.splice(index, 1);
      if (current?.length === 0) this.byType.delete(type);
    };
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  /** The next stream for `type`, round robin. */
  next(type: string): JobStream | undefined {
    const list = this.byType.get(type);
    if (!list || list.length === 0) return undefined;
    this.cursor = (this.cursor + 1) % list.length;
    return list[this.cursor];
  }

  /** Delivers `job`; a refused job is handed back. */
  deliver(stream: JobStream, job: ActivatedJob): boolean {
    const delivered = stream.push(job);
    if (!delivered) this.onRefused(job.key);
    return delivered;
  }

  pick(type: string): JobStreamTarget | undefined {
    const stream = this.next(type);
    if (!stream) return undefined;
    return {
      worker: stream.request.worker,
      timeout: stream.request.timeout,
      fetchVariable: stream.request.fetchVariable,
      push: (job) => this.deliver(stream, job),
    };
  }
}
