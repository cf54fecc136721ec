import type { SerializedRecord } from '../log/record-log';
import { recordHash } from '../log/hash-chain';
import type { RecordDraft } from '../protocol/records';

/**
 * Gives records their place in the log: dense positions, the batch timestamp and the hash
 * chained to the previous record. Records collect in `pending` until the batch is committed.
 */
export class RecordWriter {
  private position: bigint;
  private hash: string;
  pending: SerializedRecord[] = [];

  constructor(tail: { position: string; hash: string }) {
    this.position = BigInt(tail.position);
    this.hash = tail.hash;
  }

  write<V>(draft: RecordDraft<V>, timestamp: number): SerializedRecord {
    this.position += 1n;
    const record = toRecord(draft, this.position.toString(), timestamp);
    record.hash = recordHash(this.hash, record, record.valueJson);
    this.hash = record.hash;
    this.pending.push(record);
    return record;
  }

  takePending(): SerializedRecord[] {
    const batch = this.pending;
    this.pending = [];
    return batch;
  }

  get lastPosition(): string {
    return this.position.toString();
  }

  get lastHash(): string {
    return this.hash;
  }
}

/**
 * The draft's fields in the draft's order, then the log's: written out rather than spread,
 * since every record the engine writes passes here and an object spread with added fields
 * is many times slower than a literal.
 */
function toRecord<V>(draft: RecordDraft<V>, position: string, timestamp: number): SerializedRecord {
  const valueJson = JSON.stringify(draft.value);
  if (draft.rejectionType === undefined && draft.rejectionReason === undefined) {
    return {
      recordType: draft.recordType,
      valueType: draft.valueType,
      intent: draft.intent,
      key: draft.key,
      value: draft.value,
      processInstanceKey: draft.processInstanceKey,
      sourceRecordPosition: draft.sourceRecordPosition,
      position,
      timestamp,
      hash: '',
      valueJson,
    };
  }
  return {
    recordType: draft.recordType,
    valueType: draft.valueType,
    intent: draft.intent,
    key: draft.key,
    value: draft.value,
    processInstanceKey: draft.processInstanceKey,
    sourceRecordPosition: draft.sourceRecordPosition,
    rejectionType: draft.rejectionType,
    rejectionReason: draft.rejectionReason,
    position,
    timestamp,
    hash: '',
    valueJson,
  };
}
