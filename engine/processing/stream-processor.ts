import type { RecordLog, SerializedRecord } from '../log/record-log';
import type { EngineClock } from '../protocol/clock';
import { applyEvent } from '../state/appliers';
import { EngineState } from '../state/engine-state';
import type { Command, CommandResult } from './command';
import { RejectionError } from './command';
import { ProcessingContext } from './context';
import {
  DEFAULT_MAX_CHAINED_COMMANDS,
  deferredPositions,
  rejectFailedCommands,
  type DeferredCommands,
} from './deferred-commands';
import { NO_STREAMS, type JobStreamRegistry } from './job-streams';
import { RecordWriter } from './record-writer';

export type CommandProcessor = (command: SerializedRecord, ctx: ProcessingContext) => void;

export interface StreamProcessorOptions {
  /** Commands waiting beyond this are refused with RESOURCE_EXHAUSTED. Default 10,000. */
  maxQueuedCommands?: number;
  /** Commands processed per committed batch at most. Default 1,000. */
  maxBatchCommands?: number;
  /**
   * A command is processed with at most this many commands in all (itself and its follow-ups,
   * Zeebe's `maxCommandsInBatch`); the rest wait behind the commands already queued. Default 100.
   */
  maxChainedCommands?: number;
  /** A snapshot is written after this many records since the last one. Default 200,000. */
  snapshotEveryRecords?: number;
  log?: (message: string) => void;
  /** Open job streams, for pushing jobs as they are created. Default: none. */
  jobStreams?: JobStreamRegistry;
}

/** A command with the callback that gets its result once its batch is committed. */
export interface Queued {
  /** A command of a client or of the engine's scheduler, answered through `resolve`. */
  command?: Command;
  /** Or follow-up commands already in the log, left for later (they answer nobody). */
  deferred?: DeferredCommands;
  resolve: (result: CommandResult) => void;
}

const NOBODY = () => undefined;

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
 * each with its follow-up commands (up to `maxChainedCommands`, see deferred-commands.ts),
 * against the in-memory state. The records of a batch are committed to PostgreSQL in one
 * transaction, and only then are clients answered (group commit: commands arriving during a
 * commit form the next batch).
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
  private stopping = false;
  /** Batches and records committed to the log since start (for `GET /engine/v1/stats`). */
  committedBatches = 0;
  committedRecords = 0;
  /** Counts drain rounds, so that what a failed round deferred can be dropped. */
  private round = 0;

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
      maxChainedCommands: options.maxChainedCommands ?? DEFAULT_MAX_CHAINED_COMMANDS,
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
    if (this.stopping) {
      return Promise.resolve({
        ok: false,
        rejectionType: 'PROCESSING_ERROR',
        reason: 'the engine is stopping',
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

  /** Follow-up commands in the log that wait for their turn. */
  get deferredCommands(): number {
    return deferredPositions(this.queue).length;
  }

  /** Takes up follow-up commands found unprocessed in the log on start (in log order). */
  resume(records: SerializedRecord[]): void {
    if (records.length === 0) return;
    this.queue.push({ deferred: { records, round: this.round }, resolve: NOBODY });
    this.scheduleDrain();
  }

  /**
   * Stops after the batch in progress (a looping instance never lets the loop go idle).
   * Deferred follow-up commands stay in the log and in the snapshot for the next start;
   * commands of clients still waiting are refused.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle;
    this.queue = this.queue.filter((item) => {
      if (item.deferred) return true;
      item.resolve({ ok: false, rejectionType: 'PROCESSING_ERROR', reason: 'the engine stopped' });
      return false;
    });
  }

  /** Resolves when everything submitted so far is processed and committed. */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  private scheduleDrain(): void {
    if (this.draining || this.stopping) return;
    this.draining = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.failure && !this.stopping) {
      this.round += 1;
      const batch = this.queue.splice(0, this.options.maxBatchCommands);
      const now = this.clock.now();
      const results: CommandResult[] = [];
      let index = 0;
      try {
        do {
          for (; index < batch.length; index++) results.push(this.processOne(batch[index]!, now));
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
      this.committedBatches += 1;
      this.committedRecords += records.length;
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

  private processOne(item: Queued, now: number): CommandResult {
    const ctx = new ProcessingContext(this.state, this.writer, now, this.jobStreams);
    const { command } = item;
    if (command) {
      ctx.command(
        command.valueType,
        command.intent,
        command.key,
        command.value,
        processInstanceKeyOf(command),
      );
    } else {
      ctx.followUps.push(...item.deferred!.records);
    }
    let response: CommandResult | undefined;
    for (let processed = 0; ctx.followUps.length > 0; processed++) {
      if (processed === this.options.maxChainedCommands) {
        // The rest were written to this batch already: they wait behind the queued commands.
        this.queue.push({
          deferred: { records: ctx.followUps.splice(0), round: this.round },
          resolve: NOBODY,
        });
        break;
      }
      const next = ctx.followUps.shift()!;
      ctx.sourcePosition = next.position;
      const before = this.writer.lastPosition;
      this.dispatch(next, ctx);
      if (next.sourceRecordPosition !== '-1' && this.writer.lastPosition === before) {
        // Recovery tells processed follow-ups from deferred ones by the records naming them.
        throw new Error(`${next.valueType} ${next.intent} ${next.key} wrote no record`);
      }
      // Only the client's own command answers the client; follow-ups answer nobody.
      if (processed === 0) response = ctx.response ?? { ok: true, key: next.key, value: undefined };
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
    const what = failed.command
      ? `${failed.command.valueType} ${failed.command.intent}`
      : `deferred commands from position ${failed.deferred!.records[0]!.position}`;
    this.log(`processing ${what} failed: ${error.stack ?? error.message}`);
    this.writer.takePending();
    this.sideEffects = [];
    this.writer = new RecordWriter(await this.committedTail());
    this.state = await recoverState(this.recordLog);
    // What this round deferred was never written; the commands that deferred it run again.
    this.queue = this.queue.filter((item) => item.deferred?.round !== this.round);
    this.queue.unshift(...batch.filter((_, i) => i !== failedIndex));
    failed.resolve({ ok: false, rejectionType: 'PROCESSING_ERROR', reason: error.message });
    if (failed.deferred) await this.rejectDeferred(failed.deferred.records, error);
  }

  private async rejectDeferred(records: SerializedRecord[], error: Error): Promise<void> {
    rejectFailedCommands(this.writer, records, this.clock.now(), error.message);
    const rejections = this.writer.takePending();
    try {
      await this.recordLog.write(rejections);
    } catch (writeError) {
      this.stopAfterStorageFailure(writeError as Error, []);
      return;
    }
    this.lastCommitted = { position: this.writer.lastPosition, hash: this.writer.lastHash };
    for (const listener of this.listeners) listener(rejections);
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
    await this.recordLog.saveSnapshot(
      position,
      this.state.toSnapshot(),
      deferredPositions(this.queue),
    );
  }

  get failed(): Error | undefined {
    return this.failure;
  }
}

function processInstanceKeyOf(command: Command): string {
  const value = command.value as { processInstanceKey?: unknown } | undefined;
  return typeof value?.processInstanceKey === 'string' ? value.processInstanceKey : '-1';
}
