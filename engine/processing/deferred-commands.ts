import type { RecordLog, SerializedRecord } from '../log/record-log';
import type { RecordWriter } from './record-writer';

/**
 * Liveness of the single processing loop. Like Zeebe (its `maxCommandsInBatch`, default 100),
 * the engine processes a command with its follow-up commands only up to a bound: a model that
 * loops without ever reaching a wait state (an exclusive gateway looping back through a plain
 * task, a loop of throw events) would otherwise hold the loop forever. The follow-ups left
 * over were already written to the log as COMMAND records of the batch; they are deferred
 * behind the commands waiting at that moment and taken up later, in their order.
 *
 * Crash safety: a deferred command is in the log but has no record naming it as its source
 * until it is processed. On start, the engine takes up again every follow-up command written
 * after the newest snapshot with no such record, plus those the snapshot lists as deferred.
 */
export const DEFAULT_MAX_CHAINED_COMMANDS = 100;

/** Deferred follow-up commands, in processing order, and the drain round that deferred them. */
export interface DeferredCommands {
  records: SerializedRecord[];
  round: number;
}

/** Positions of the deferred commands still waiting, for the snapshot. */
export function deferredPositions(waiting: Array<{ deferred?: DeferredCommands }>): string[] {
  return waiting.flatMap((item) => item.deferred?.records.map((r) => r.position) ?? []);
}

/** The follow-up commands that were in the log, unprocessed, when the engine stopped. */
export async function recoverDeferredCommands(log: RecordLog): Promise<SerializedRecord[]> {
  const mark = await log.latestSnapshotMark();
  return log.unprocessedFollowUps(mark?.position ?? '0', mark?.deferred ?? []);
}

/**
 * Deferred commands whose processing failed (a bug) are rejected with PROCESSING_ERROR in the
 * log, as Zeebe rejects a command it failed to process: otherwise every restart would take
 * them up again.
 */
export function rejectFailedCommands(
  writer: RecordWriter,
  records: SerializedRecord[],
  now: number,
  reason: string,
): void {
  for (const command of records) {
    writer.write(
      {
        recordType: 'COMMAND_REJECTION',
        valueType: command.valueType,
        intent: command.intent,
        key: command.key,
        value: command.value,
        processInstanceKey: command.processInstanceKey,
        sourceRecordPosition: command.position,
        rejectionType: 'PROCESSING_ERROR',
        rejectionReason: reason,
      },
      now,
    );
  }
}
