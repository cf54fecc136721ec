import type { SerializedRecord } from '../log/record-log';
import type { RejectionType, ValueType } from '../protocol/records';
import { applyEvent } from '../state/appliers';
import type { EngineState } from '../state/engine-state';
import type { CommandResult } from './command';
import type { JobStreamRegistry } from './job-streams';
import { NO_STREAMS } from './job-streams';
import type { RecordWriter } from './record-writer';

/**
 * What a processor may do while processing one command: write events (applied to the state at
 * once, as in Zeebe), write follow-up commands (processed right after, in the same batch),
 * reject the command, and answer the client. Nothing leaves the engine before the batch is
 * committed.
 */
export class ProcessingContext {
  readonly followUps: SerializedRecord[] = [];
  /** Work for after the batch is durable (e.g. pushing an activated job to its stream). */
  readonly sideEffects: Array<() => void> = [];
  sourcePosition = '-1';
  response: CommandResult | undefined;
  /**
   * Element instances this command activates without a sequence flow (start instructions): a
   * joining gateway among them goes on at once instead of waiting for its incoming flows.
   */
  readonly activatedWithoutFlow = new Set<string>();

  constructor(
    readonly state: EngineState,
    private readonly writer: RecordWriter,
    /** The engine-clock time of this batch: every record of it carries this timestamp. */
    readonly now: number,
    /** Open job streams (StreamActivatedJobs), so new jobs can be pushed as they are created. */
    readonly jobStreams: JobStreamRegistry = NO_STREAMS,
  ) {}

  afterCommit(effect: () => void): void {
    this.sideEffects.push(effect);
  }

  nextKey(): string {
    return this.state.keys.next();
  }

  /** Writes an event and applies it to the state at once. */
  event<V>(
    valueType: ValueType,
    intent: string,
    key: string,
    value: V,
    processInstanceKey = '-1',
  ): SerializedRecord {
    const record = this.write('EVENT', valueType, intent, key, value, processInstanceKey);
    applyEvent(this.state, record);
    return record;
  }

  /** Writes a follow-up command, processed right after the current one. */
  command<V>(
    valueType: ValueType,
    intent: string,
    key: string,
    value: V,
    processInstanceKey = '-1',
  ): void {
    this.followUps.push(this.write('COMMAND', valueType, intent, key, value, processInstanceKey));
  }

  private write<V>(
    recordType: 'EVENT' | 'COMMAND',
    valueType: ValueType,
    intent: string,
    key: string,
    value: V,
    processInstanceKey: string,
  ): SerializedRecord {
    return this.writer.write(
      {
        recordType,
        valueType,
        intent,
        key,
        value,
        processInstanceKey,
        sourceRecordPosition: this.sourcePosition,
      },
      this.now,
    );
  }

  /** Logs the rejection of `command` and answers the client with it. */
  reject(command: SerializedRecord, rejectionType: RejectionType, reason: string): void {
    this.writer.write(
      {
        recordType: 'COMMAND_REJECTION',
        valueType: command.valueType,
        intent: command.intent,
        key: command.key,
        value: command.value,
        processInstanceKey: command.processInstanceKey,
        sourceRecordPosition: command.position,
        rejectionType,
        rejectionReason: reason,
      },
      this.now,
    );
    this.response = { ok: false, rejectionType, reason };
  }

  respond(key: string, value: unknown): void {
    this.response = { ok: true, key, value };
  }
}
