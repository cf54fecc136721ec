import type { SerializedRecord } from '../log/record-log';
import type { CommandResult } from '../processing/command';
import type { Queued, StreamProcessor } from '../processing/stream-processor';
import type { ActivatedJob, ActivateJobsCommand } from '../runtime/commands';
import { LongPolls, type LongPoll } from './long-polls';
import type { JobStream, OpenJobStreams } from './open-streams';

export type { JobStream } from './open-streams';

/**
 * Hands jobs to workers as soon as they can run, as Zeebe does:
 *
 * - Job push (StreamActivatedJobs): a job is pushed at the moment it becomes activatable
 *   (created, failed with retries left, timed out, back-off over, incident resolved) if a
 *   stream for its type is open then. Jobs that were activatable before are never pushed:
 *   they stay in the pool for polling ("backfill"), as Camunda's job streaming documents.
 *   A job pushed by the processor in the step that made it activatable (see
 *   runtime/behaviors/job-push) is already activated here and is left alone.
 * - Long polling (ActivateJobs): a waiting request is answered as soon as jobs of its type
 *   become activatable, requests of a type in the order they came. The activation
 *   (JOB_BATCH ACTIVATE, as the gateway sends it when jobs become available) is processed at
 *   the end of the very batch that made the jobs activatable and committed with it, so the
 *   request is answered after one commit, not two.
 *
 * Streams come first, so a job that a stream can take is never handed to a poller: for job
 * types with an open stream, waiting requests are served after the commit, from what the
 * streams left in the pool.
 */

const PUSH_BATCH = 32;

/** Events after which a job is activatable again; YIELDED goes back to the pool only. */
const PUSHING_INTENTS = new Set(['CREATED', 'FAILED', 'TIMED_OUT', 'RECURRED_AFTER_BACKOFF']);

function activation(request: ActivateJobsCommand) {
  return { valueType: 'JOB_BATCH', intent: 'ACTIVATE', key: '-1', value: request } as const;
}

export class JobDispatcher {
  private readonly polls = new LongPolls();
  /** type → jobs that became activatable while a stream for the type was open. */
  private readonly toPush = new Map<string, Set<string>>();
  private readonly busy = new Set<string>();
  private readonly again = new Set<string>();

  constructor(
    private readonly processor: StreamProcessor,
    private readonly streams: OpenJobStreams,
  ) {
    streams.onRefused = (jobKey) => this.handBack(jobKey);
    processor.onCommitted((records) => this.onCommitted(records));
    processor.appendToBatches(() => this.activationAtBatchEnd());
  }

  /**
   * Long polling: `deliver` is called once, when jobs were activated for this request. The
   * returned function ends the wait (timeout, cancel); jobs activated for the request after
   * that are handed back (JOB YIELD).
   */
  wait(request: ActivateJobsCommand, deliver: (jobs: ActivatedJob[]) => void): () => void {
    const poll = this.polls.add(request, deliver);
    this.dispatch(request.type);
    return () => this.polls.end(poll);
  }

  /** Whether jobs of `type` wait in the pool now. */
  hasActivatable(type: string): boolean {
    return (this.processor.state.activatableJobs.get(type)?.size ?? 0) > 0;
  }

  /** Opens a job stream; it receives jobs that become activatable from now on. */
  openStream(stream: JobStream): () => void {
    return this.streams.open(stream);
  }

  /** The activation for the first waiting request whose jobs are activatable now, if any. */
  private activationAtBatchEnd(): Queued | undefined {
    for (const type of this.polls.types()) {
      if (this.streams.has(type) || this.busy.has(type) || !this.hasActivatable(type)) continue;
      const poll = this.polls.claim(type)!;
      return {
        command: activation(poll.request),
        resolve: (result) => this.settle(poll, result as CommandResult<ActivatedJob[]>),
      };
    }
    return undefined;
  }

  /** Answers a claimed request, or hands the jobs back if it ended meanwhile. */
  private settle(poll: LongPoll, result: CommandResult<ActivatedJob[]>): void {
    const jobs = result.ok ? result.value : [];
    if (this.polls.settle(poll, jobs)) return;
    for (const job of jobs) this.handBack(job.key);
  }

  /** A job activated for a worker that is gone goes back to the pool at once (JOB YIELD). */
  private handBack(jobKey: string): void {
    void this.processor.submit({ valueType: 'JOB', intent: 'YIELD', key: jobKey, value: {} });
  }

  private onCommitted(records: SerializedRecord[]): void {
    const types = new Set<string>();
    for (const record of records) {
      if (record.recordType !== 'EVENT') continue;
      const jobKey = becameActivatable(record);
      const job = jobKey ? this.processor.state.jobs.get(jobKey) : undefined;
      if (!job || job.state !== 'ACTIVATABLE') continue;
      types.add(job.type);
      if (this.streams.has(job.type) && pushes(record)) {
        const keys = this.toPush.get(job.type) ?? new Set<string>();
        keys.add(job.key);
        this.toPush.set(job.type, keys);
      }
    }
    for (const type of types) this.dispatch(type);
  }

  /** One activation at a time per type; further wake-ups while busy re-run it once. */
  private dispatch(type: string): void {
    if (this.busy.has(type)) {
      this.again.add(type);
      return;
    }
    const pending = this.toPush.get(type);
    const stream = pending ? this.streams.next(type) : undefined;
    if (pending && !stream) this.toPush.delete(type); // the streams closed: jobs stay in the pool
    const poll = stream || !this.hasActivatable(type) ? undefined : this.polls.claim(type);
    if (!stream && !poll) return;
    let request: ActivateJobsCommand;
    if (stream) {
      const keys = [...pending!].slice(0, PUSH_BATCH);
      for (const key of keys) pending!.delete(key);
      if (pending!.size === 0) this.toPush.delete(type);
      request = { ...stream.request, maxJobsToActivate: keys.length, jobKeys: keys };
    } else {
      request = poll!.request;
    }
    this.busy.add(type);
    void this.processor.submit<ActivatedJob[]>(activation(request)).then((result) => {
      const jobs = result.ok ? result.value : [];
      if (stream) for (const job of jobs) this.streams.deliver(stream, job);
      else this.settle(poll!, result);
      this.busy.delete(type);
      const rerun =
        this.again.delete(type) ||
        this.toPush.has(type) ||
        (jobs.length > 0 && this.hasActivatable(type));
      if (rerun) this.dispatch(type);
    });
  }
}

/** The job an event made activatable (if it did): its own key, or an incident's job. */
function becameActivatable(record: SerializedRecord): string | undefined {
  if (record.valueType === 'JOB') return record.key;
  if (record.valueType === 'INCIDENT' && record.intent === 'RESOLVED') {
    const jobKey = (record.value as { jobKey?: string }).jobKey;
    return jobKey && jobKey !== '-1' ? jobKey : undefined;
  }
  return undefined;
}

function pushes(record: SerializedRecord): boolean {
  return record.valueType === 'INCIDENT' || PUSHING_INTENTS.has(record.intent);
}
