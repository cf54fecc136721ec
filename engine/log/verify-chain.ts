import { GENESIS_HASH, recordHash } from './hash-chain';
import type { RecordLog } from './record-log';

export interface ChainVerification {
  ok: boolean;
  /** Records checked. */
  checked: number;
  /** Position of the first record whose hash does not match, if any. */
  brokenAt?: string;
}

/**
 * Recomputes the hash chain over the whole log, page by page, from the values exactly as
 * stored: any edited, inserted or deleted record breaks the chain from that record on.
 */
export async function verifyChain(log: RecordLog, pageSize = 10_000): Promise<ChainVerification> {
  let previous = GENESIS_HASH;
  let expectedPosition = 1n;
  let checked = 0;
  for (;;) {
    const from = expectedPosition.toString();
    const to = (expectedPosition + BigInt(pageSize) - 1n).toString();
    const page = await log.rawRange(from, to);
    for (const record of page) {
      const { valueJson, hash, ...rest } = record;
      const { value: _value, ...withoutValue } = rest;
      if (
        record.position !== expectedPosition.toString() ||
        recordHash(previous, withoutValue, valueJson) !== hash
      ) {
        return { ok: false, checked, brokenAt: expectedPosition.toString() };
      }
      previous = hash;
      expectedPosition += 1n;
      checked += 1;
    }
    if (page.length < pageSize) return { ok: true, checked };
  }
}
