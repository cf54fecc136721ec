import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The `previous_hash` of the first archive entry (sequence 1). */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash chaining an archive entry to the one before it (建档销号):
 * `sha256 hex of (previousHash + "\n" + canonicalize(record))`, with `canonicalize` the RFC 8785
 * JSON canonicalization (npm `canonicalize`). `npm run archive:verify` recomputes it over the
 * stored records; changing this rule breaks every stored chain.
 */
export function archiveRecordHash(previousHash: string, record: unknown): string {
  const canonical = canonicalize(record);
  if (canonical === undefined) throw new TypeError('an archive record must be JSON');
  return createHash('sha256').update(`${previousHash}\n${canonical}`, 'utf8').digest('hex');
}
