import type { RecordLog, SerializedRecord } from '../log/record-log';
import type { EngineClock } from '../protocol/clock';
import { applyEvent } from '../state/appliers';
import { EngineState } from '../state/engine-state';
import type { Command, CommandResult } from './command';
import { RejectionError } from './command';
import { ProcessingContext } from './context';
import { NO_STREAMS, type JobStreamRegistry } from './job-streams';
import { RecordWriter } from './record-writer';

export type CommandProcessor = (command: SerializedRecord, ctx: ProcessingContext) => void;

export interface StreamProcessorOptions {
  /** Commands waiting beyond this are refused with RESOURCE_EXHAUSTED. Default 10,000. */
  maxQueuedCommands?: number;
  /** Commands processed per committed batch at most. Default 1,000. */
  maxBatchCommands?: number;
  /** A snapshot is written after this many records since the last one. Default 200,000. */
  snapshotEveryRecords?: number;
  log?: (message: string) => void;
  /** Open job streams, for pushing jobs as they are created. Default: none. */
  jobStreams?: JobStreamRegistry;
}

/** A command with the callback that gets its result once its batch is committed. */
export interface Queued {
  command: Command;
  resolve: (result: CommandResult) => void;
}

/**
 * Asked after the commands of every batch for one more to process at its end (until it has
 * none): those are committed with the batch. The job dispatcher serves waiting long polls so.
 */
export type BatchTail = () => Queued | undefined;

/** Rebuilds the state: the newest snapshot, then every event after it. */
export async function recoverState(log: RecordLog): Promise<EngineState> {
  const snapshot = await log.latestSnapshot();
  const state = snapshot ? EngineState.fromSnapshot(snapshot.state) : new EngineState();
  for await (const event of log.eventsAfter(snapshot?.position ?? '0')) applyEvent(state, event);
  return state;
}

/**
 * The single processing loop, like one Zeebe partition: commands are processed one at a time,
 * each with all its follow-up commands, against the in-memory state. The records of a batch
 * are committed to PostgreSQL in one transaction, and only then are clients answered (group
 * commit: commands arriving during a commit form the next batch).
 */
export class StreamProcessor {
  private queue: Queued[] = [];
  private draining = false;
  private writer: RecordWriter;
  private recordsSinceSnapshot = 0;
  private failure: Error | undefined;
  private readonly listeners: Array<(records: SerializedRecord[]) => void> = [];
  private readonly options: Required<Omit<StreamProcessorOptions, 'log' | 'jobStreams'>>;
  private readonly jobStreams: JobStreamRegistry;
  private sideEffects: Array<() => void> = [];
  private readonly tails: BatchTail[] = [];
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;

  constructor(
    public state: EngineState,
    private readonly recordLog: RecordLog,
    private readonly clock: EngineClock,
    private readonly processors: Map<string, CommandProcessor>,
    options: StreamProcessorOptions = {},
  ) {
    this.writer = new RecordWriter(recordLog.tail);
    this.options = {
      maxQueuedCommands: options.maxQueuedCommands ?? 10_000,
      maxBatchCommands: options.maxBatchCommands ?? 1_000,
      snapshotEveryRecords: options.snapshotEveryRecords ?? 200_000,
    };
    this.log = options.log ?? (() => undefined);
    this.jobStreams = options.jobStreams ?? NO_STREAMS;
  }

  private readonly log: (message: string) => void;

  /** Records of every committed batch, in order, after they are durable. */
  onCommitted(listener: (records: SerializedRecord[]) => void): void {
    this.listeners.push(listener);
  }

  /** Commands to process at the end of every batch (see BatchTail). */
  appendToBatches(tail: BatchTail): void {
    this.tails.push(tail);
  }

  submit<R = unknown>(command: Command): Promise<CommandResult<R>> {
    if (this.failure) {
      return Promise.resolve({
        ok: false,
        rejectionType: 'PROCESSING_ERROR',
        reason: `the engine stopped after a storage failure: ${this.failure.message}`,
      });
    }
    if (this.queue.length >= this.options.maxQueuedCommands) {
      return Promise.resolve({
        ok: false,
        rejectionType: 'RESOURCE_EXHAUSTED',
        reason: `Expected to handle the request, but the engine has ${this.queue.length} commands waiting`,
      });
    }
    return new Promise<CommandResult<R>>((resolve) => {
      this.queue.push({ command, resolve: resolve as (result: CommandResult) => void });
      this.scheduleDrain();
    });
  }

  get queuedCommands(): number {
    return this.queue.length;
  }

  /** Resolves when everything submitted so far is processed and committed. */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  private scheduleDrain(): void {
    if (this.draining) return;
    this.draining = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.failure) {
      const batch = this.queue.splice(0, this.options.maxBatchCommands);
      const now = this.clock.now();
      const results: CommandResult[] = [];
      let index = 0;
      try {
        do {
          for (; index < batch.length; index++)
            results.push(this.processOne(batch[index]!.command, now));
        } while (this.appendTail(batch));
      } catch (error) {
        await this.recoverFromProcessingError(batch, index, error as Error);
        continue;
      }
      const records = this.writer.takePending();
      try {
        await this.recordLog.write(records);
      } catch (error) {
        this.stopAfterStorageFailure(error as Error, batch);
        break;
      }
      batch.forEach((item, i) => item.resolve(results[i]!));
      const effects = this.sideEffects;
      this.sideEffects = [];
      for (const effect of effects) effect();
      for (const listener of this.listeners) listener(records);
      await this.maybeSnapshot(records.length);
    }
    this.draining = false;
    this.markIdle();
  }

  /** Adds the next command a BatchTail has for the end of `batch`; false when none has one. */
  private appendTail(batch: Queued[]): boolean {
    for (const tail of this.tails) {
      const next = tail();
      if (next) {
        batch.push(next);
        return true;
      }
    }
    return false;
  }

  private processOne(command: Command, now: number): CommandResult {
    const ctx = new ProcessingContext(this.state, this.writer, now, this.jobStreams);
    ctx.command(
      command.valueType,
      command.intent,
      command.key,
      command.value,
      processInstanceKeyOf(command),
    );
    let response: CommandResult | undefined;
    for (let first = true; ctx.followUps.length > 0; first = false) {
      const next = ctx.followUps.shift()!;
      ctx.sourcePosition = next.position;
      this.dispatch(next, ctx);
      // Only the client's own command answers the client; follow-ups answer nobody.
      if (first) response = ctx.response ?? { ok: true, key: next.key, value: undefined };
    }
    this.sideEffects.push(...ctx.sideEffects);
    return response!;
  }

  private dispatch(command: SerializedRecord, ctx: ProcessingContext): void {
    const processor = this.processors.get(`${command.valueType}:${command.intent}`);
    if (!processor) {
      ctx.reject(
        command,
        'INVALID_ARGUMENT',
        `the engine cannot process ${command.valueType} ${command.intent}`,
      );
      return;
    }
    try {
      processor(command, ctx);
    } catch (error) {
      if (!(error instanceof RejectionError)) throw error;
      ctx.reject(command, error.rejectionType, error.message);
    }
  }

  /**
   * A processor threw (a bug, or input it did not expect). Events of this batch were already
   * applied in memory, so the state is rebuilt from the log, the other commands of the batch
   * are queued again, and the failing one is answered with PROCESSING_ERROR.
   */
  private async recoverFromProcessingError(batch: Queued[], failedIndex: number, error: Error) {
    const failed = batch[failedIndex]!;
    this.log(
      `processing ${failed.command.valueType} ${failed.command.intent} failed: ${error.stack ?? error.message}`,
    );
    this.writer.takePending();
    this.sideEffects = [];
    this.writer = new RecordWriter(await this.committedTail());
    this.state = await recoverState(this.recordLog);
    this.queue.unshift(...batch.filter((_, i) => i !== failedIndex));
    failed.resolve({ ok: false, rejectionType: 'PROCESSING_ERROR', reason: error.message });
  }

  private async committedTail(): Promise<{ position: string; hash: string }> {
    const last = this.lastCommitted;
    return last ?? this.recordLog.tail;
  }

  private lastCommitted: { position: string; hash: string } | undefined;

  private stopAfterStorageFailure(error: Error, batch: Queued[]): void {
    // The in-memory state is ahead of the log: stop rather than answer from state that is not durable.
    this.failure = error;
    this.log(`engine stopped: writing the log failed: ${error.message}`);
    const reason = `the engine stopped after a storage failure: ${error.message}`;
    for (const item of [...batch, ...this.queue.splice(0)]) {
      item.resolve({ ok: false, rejectionType: 'PROCESSING_ERROR', reason });
    }
  }

  private async maybeSnapshot(written: number): Promise<void> {
    const last = this.writer.lastPosition;
    this.lastCommitted = { position: last, hash: this.writer.lastHash };
    this.recordsSinceSnapshot += written;
    if (this.recordsSinceSnapshot < this.options.snapshotEveryRecords) return;
    await this.takeSnapshot();
  }

  /** Snapshot of the committed state (call only between batches). */
  async takeSnapshot(): Promise<void> {
    this.recordsSinceSnapshot = 0;
    const position = this.writer.lastPosition;
    if (position === '0') return;
    await this.recordLog.saveSnapshot(position, this.state.toSnapshot());
  }

  get failed(): Error | undefined {
    return this.failure;
  }
}

function processInstanceKeyOf(command: Command): string {
  const value = command.value as { processInstanceKey?: unknown } | undefined;
  return typeof value?.processInstanceKey === 'string' ? value.processInstanceKey : '-1';
}
