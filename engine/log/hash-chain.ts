import crypto from 'node:crypto';
import type { LoggedRecord } from '../protocol/records';

/** The hash before the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Each record's hash covers the previous record's hash and this record's content exactly as
 * stored (the value as its JSON text), so an auditor can recompute the chain from the table.
 */
export function recordHash(
  previousHash: string,
  record: Omit<LoggedRecord, 'hash' | 'value'>,
  valueJson: string,
): string {
  return crypto
    .createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(
      [
        record.position,
        record.key,
        record.recordType,
        record.valueType,
        record.intent,
        record.sourceRecordPosition,
        record.processInstanceKey,
        String(record.timestamp),
        record.rejectionType ?? '',
        record.rejectionReason ?? '',
      ].join('\u001f'),
    )
    .update('\n')
    .update(valueJson)
    .digest('hex');
}
