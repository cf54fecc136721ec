import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

export function archiveRecordHash(previousHash: string, record: unknown): string {
  return createHash('sha256')
    .update(`${previousHash}\n${canonicalize(record)}`)
    .digest('hex');
}
