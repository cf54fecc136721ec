import type { ActivatedJob, ActivateJobsCommand } from '../runtime/commands';

/** An ActivateJobs request waiting for jobs (long polling). */
export interface LongPoll {
  readonly request: ActivateJobsCommand;
  /** The request has ended (answered, timed out or cancelled by its client). */
  ended: boolean;
  answer(jobs: ActivatedJob[]): void;
}

/**
 * The waiting ActivateJobs requests, first come first served per job type, as Camunda
 * documents long polling. A request is taken out of its queue while an activation runs for
 * it ("claimed"); an activation that found nothing puts it back at the head of its queue.
 */
export class LongPolls {
  private readonly byType = new Map<string, LongPoll[]>();

  add(request: ActivateJobsCommand, answer: (jobs: ActivatedJob[]) => void): LongPoll {
    const poll: LongPoll = { request, ended: false, answer };
    const queue = this.byType.get(request.type) ?? [];
    queue.push(poll);
    this.byType.set(request.type, queue);
    return poll;
  }

  /** The request ended without jobs (timeout, cancel): it no longer waits. */
  end(poll: LongPoll): void {
    poll.ended = true;
    const queue = this.byType.get(poll.request.type);
    const index = queue?.indexOf(poll) ?? -1;
    if (index < 0) return;
    queue!.splice(index, 1);
    if (queue!.length === 0) this.byType.delete(poll.request.type);
  }

  /** Job types some request waits for. */
  types(): IterableIterator<string> {
    return this.byType.keys();
  }

  /** The longest-waiting request for `type`, taken out of the queue. */
  claim(type: string): LongPoll | undefined {
    const queue = this.byType.get(type);
    const poll = queue?.shift();
    if (queue?.length === 0) this.byType.delete(type);
    return poll;
  }

  /**
   * The outcome of a claimed request's activation: it is answered with the jobs, or waits
   * again at the head of its queue when there were none. False when the request had ended
   * meanwhile and the jobs are left over for the caller to hand back.
   */
  settle(poll: LongPoll, jobs: ActivatedJob[]): boolean {
    if (poll.ended) return jobs.length === 0;
    if (jobs.length === 0) {
      const queue = this.byType.get(poll.request.type) ?? [];
      queue.unshift(poll);
      this.byType.set(poll.request.type, queue);
      return true;
    }
    poll.ended = true;
    poll.answer(jobs);
    return true;
  }
}
