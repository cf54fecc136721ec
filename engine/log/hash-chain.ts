import crypto from 'node:crypto';
import type { LoggedRecord } from '../protocol/records';

/** The hash before the first record. */
export const GENESIS_HASH = '0'.repeat(64);

const FIELD = '\u001f';

/**
 * Each record's hash covers the previous record's hash and this record's content exactly as
 * stored (the value as its JSON text), so an auditor can recompute the chain from the table:
 * SHA-256 of `previousHash \n fields joined by U+001F \n valueJson`.
 */
export function recordHash(
  previousHash: string,
  record: Omit<LoggedRecord, 'hash' | 'value'>,
  valueJson: string,
): string {
  // One string and the one-shot hash: every record is hashed, this is the processing hot path.
  return crypto.hash(
    'sha256',
    previousHash +
      '\n' +
      record.position +
      FIELD +
      record.key +
      FIELD +
      record.recordType +
      FIELD +
      record.valueType +
      FIELD +
      record.intent +
      FIELD +
      record.sourceRecordPosition +
      FIELD +
      record.processInstanceKey +
      FIELD +
      String(record.timestamp) +
      FIELD +
      (record.rejectionType ?? '') +
      FIELD +
      (record.rejectionReason ?? '') +
      '\n' +
      valueJson,
    'hex',
  );
}
