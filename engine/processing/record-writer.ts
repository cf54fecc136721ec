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
    const valueJson = JSON.stringify(draft.value);
    // One copy of the draft per record (the hash is filled in right after).
    const record: SerializedRecord = {
      ...draft,
      position: this.position.toString(),
      timestamp,
      hash: '',
      valueJson,
    };
    record.hash = recordHash(this.hash, record, valueJson);
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
