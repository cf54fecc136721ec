/**
 * Zeebe encodes the partition in the upper bits of every key: key = partitionId << 51 | counter.
 * The embedded engine is one partition (id 1), so keys start at 2^51 + 1 and stay unique
 * across restarts because the counter is part of the recovered state.
 */
const PARTITION_BITS = 51n;
export const PARTITION_ID = 1;
const PARTITION_BASE = BigInt(PARTITION_ID) << PARTITION_BITS;

export class KeyGenerator {
  private counter: bigint;

  constructor(lastKey: string | undefined) {
    this.counter = lastKey ? BigInt(lastKey) - PARTITION_BASE : 0n;
  }

  next(): string {
    this.counter += 1n;
    return (PARTITION_BASE + this.counter).toString();
  }

  /** During replay: make sure keys seen in the log are never handed out again. */
  observe(key: string): void {
    if (key === '-1') return;
    const value = BigInt(key) - PARTITION_BASE;
    if (value > this.counter) this.counter = value;
  }

  get lastKey(): string {
    return (PARTITION_BASE + this.counter).toString();
  }
}

/** Accepts a key from a client (string or number) and returns its canonical decimal form. */
export function parseKey(input: unknown): string | undefined {
  if (typeof input === 'number' && Number.isSafeInteger(input) && input > 0) return String(input);
  if (typeof input === 'bigint' && input > 0n) return input.toString();
  if (typeof input === 'string' && /^[1-9][0-9]{0,18}$/.test(input)) {
    return BigInt(input) <= 9223372036854775807n ? input : undefined;
  }
  return undefined;
}
