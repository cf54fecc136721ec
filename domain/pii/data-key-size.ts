/** AES-256 needs exactly 32 bytes; a shorter key would silently weaken every stored field. */
export const DATA_KEY_BYTES = 32;

export function assertDataKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== DATA_KEY_BYTES) {
    const size = Buffer.isBuffer(key) ? `${key.length} bytes` : typeof key;
    throw new RangeError(`The data key must be exactly ${DATA_KEY_BYTES} bytes, got ${size}`);
  }
}
