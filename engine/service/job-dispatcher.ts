import type { SerializedRecord } from '../log/record-log';
import type { StreamProcessor } from '../processing/stream-processor';
import type { ActivatedJob, ActivateJobsCommand } from '../runtime/commands';
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
 * - Long polling (ActivateJobs): a waiting request is served from the pool whenever jobs
 *   of its type became activatable.
 *
 * Streams come first, so a job that a stream can take is never handed to a poller.
 */

interface Waiter {
  request: ActivateJobsCommand;
  deliver(jobs: ActivatedJob[]): void;
}

const PUSH_BATCH = 32;

/** Events after which a job is activatable again; YIELDED goes back to the pool only. */
const PUSHING_INTENTS = new Set(['CREATED', 'FAILED', 'TIMED_OUT', 'RECURRED_AFTER_BACKOFF']);

export class JobDispatcher {
  private readonly waiters = new Map<string, Waiter[]>();
  /** type → jobs that became activatable while a stream for the type was open. */
  private readonly toPush = new Map<string, Set<string>>();
  private readonly busy = new Set<string>();
  private readonly again = new Set<string>();

  constructor(
    private readonly processor: StreamProcessor,
    private readonly streams: OpenJobStreams,
  ) {
    streams.onRefused = (jobKey) =>
      void processor.submit({ valueType: 'JOB', intent: 'YIELD', key: jobKey, value: {} });
    processor.onCommitted((records) => this.onCommitted(records));
  }

  /** Long polling: `deliver` is called once, when jobs were activated for this request. */
  wait(request: ActivateJobsCommand, deliver: (jobs: ActivatedJob[]) => void): () => void {
    const waiter: Waiter = { request, deliver };
    this.add(this.waiters, request.type, waiter);
    this.dispatch(request.type);
    return () => this.remove(this.waiters, request.type, waiter);
  }

  /** Opens a job stream; it receives jobs that become activatable from now on. */
  openStream(stream: JobStream): () => void {
    return this.streams.open(stream);
  }

  private add<T>(map: Map<string, T[]>, type: string, item: T): void {
    const list = map.get(type) ?? [];
    list.push(item);
    map.set(type, list);
  }

  private remove<T>(map: Map<string, T[]>, type: string, item: T): void {
    const list = map.get(type);
    if (!list) return;
    const index = list.indexOf(item);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) map.delete(type);
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

  private hasActivatable(type: string): boolean {
    return (this.processor.state.activatableJobs.get(type)?.size ?? 0) > 0;
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
    const waiter = stream ? undefined : this.waiters.get(type)?.[0];
    if (!stream && (!waiter || !this.hasActivatable(type))) return;
    let request: ActivateJobsCommand;
    if (stream) {
      const keys = [...pending!].slice(0, PUSH_BATCH);
      for (const key of keys) pending!.delete(key);
      if (pending!.size === 0) this.toPush.delete(type);
      request = { ...stream.request, maxJobsToActivate: keys.length, jobKeys: keys };
    } else {
      request = waiter!.request;
    }
    this.busy.add(type);
    void this.processor
      .submit<ActivatedJob[]>({
        valueType: 'JOB_BATCH',
        intent: 'ACTIVATE',
        key: '-1',
        value: request,
      })
      .then((result) => {
        const jobs = result.ok ? result.value : [];
        if (jobs.length > 0) {
          if (stream) for (const job of jobs) this.streams.deliver(stream, job);
          else {
            this.remove(this.waiters, type, waiter!);
            waiter!.deliver(jobs);
          }
        }
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
