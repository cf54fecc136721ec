import type { SerializedRecord } from '../log/record-log';
import type { StreamProcessor } from '../processing/stream-processor';
import type { ActivatedJob, ActivateJobsCommand } from '../runtime/commands';

/**
 * Hands jobs to workers as soon as they can run: to job streams first (StreamActivatedJobs,
 * "job push"), then to long-polling ActivateJobs requests waiting for their type. It wakes up
 * on every committed batch that may have made jobs activatable.
 */
export interface JobStream {
  request: Omit<ActivateJobsCommand, 'maxJobsToActivate'>;
  push(job: ActivatedJob): boolean;
}

interface Waiter {
  request: ActivateJobsCommand;
  deliver(jobs: ActivatedJob[]): void;
}

const PUSH_BATCH = 32;

export class JobDispatcher {
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly streams = new Map<string, JobStream[]>();
  private readonly busy = new Set<string>();
  private readonly again = new Set<string>();
  private streamCursor = 0;

  constructor(private readonly processor: StreamProcessor) {
    processor.onCommitted((records) => this.onCommitted(records));
  }

  /** Long polling: `deliver` is called once, when jobs were activated for this request. */
  wait(request: ActivateJobsCommand, deliver: (jobs: ActivatedJob[]) => void): () => void {
    const waiter: Waiter = { request, deliver };
    const list = this.waiters.get(request.type) ?? [];
    list.push(waiter);
    this.waiters.set(request.type, list);
    this.dispatch(request.type);
    return () => this.remove(this.waiters, request.type, waiter);
  }

  openStream(stream: JobStream): () => void {
    const list = this.streams.get(stream.request.type) ?? [];
    list.push(stream);
    this.streams.set(stream.request.type, list);
    this.dispatch(stream.request.type);
    return () => this.remove(this.streams, stream.request.type, stream);
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
      if (
        record.valueType === 'JOB' ||
        (record.valueType === 'INCIDENT' && record.intent === 'RESOLVED')
      ) {
        const type = (record.value as { type?: string }).type;
        if (type) types.add(type);
        const jobKey = (record.value as { jobKey?: string }).jobKey;
        const job = jobKey ? this.processor.state.jobs.get(jobKey) : undefined;
        if (job) types.add(job.type);
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
    if (!this.hasActivatable(type)) return;
    const stream = this.nextStream(type);
    const waiter = stream ? undefined : this.waiters.get(type)?.[0];
    if (!stream && !waiter) return;
    this.busy.add(type);
    const request: ActivateJobsCommand = stream
      ? { ...stream.request, maxJobsToActivate: PUSH_BATCH }
      : waiter!.request;
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
          if (stream) this.pushAll(stream, jobs);
          else {
            this.remove(this.waiters, type, waiter!);
            waiter!.deliver(jobs);
          }
        }
        this.busy.delete(type);
        const rerun = this.again.delete(type) || (jobs.length > 0 && this.hasActivatable(type));
        if (rerun) this.dispatch(type);
      });
  }

  private nextStream(type: string): JobStream | undefined {
    const list = this.streams.get(type);
    if (!list || list.length === 0) return undefined;
    this.streamCursor = (this.streamCursor + 1) % list.length;
    return list[this.streamCursor];
  }

  /** A stream that went away gives its jobs back (JOB YIELD) so others can take them. */
  private pushAll(stream: JobStream, jobs: ActivatedJob[]): void {
    for (const job of jobs) {
      if (!stream.push(job)) {
        void this.processor.submit({ valueType: 'JOB', intent: 'YIELD', key: job.key, value: {} });
      }
    }
  }
}
