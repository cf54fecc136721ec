import { createHmac, hkdfSync } from 'node:crypto';
import { assertDataKey } from './data-key-size';

export interface FieldHasher {
  /**
   * The blind index of a value: equal values give equal hex strings, so a column of them
   * supports exact-match lookups ("has this phone number called before?") without decrypting.
   * Pass the normalised value (validateMobile/validateIdNumber `value`), or spellings of the same
   * number will not match.
   */
  hash(normalisedValue: string): string;
}

// HKDF labels: changing them changes every stored index, so they are part of the data format.
const SALT = 'minsheng/pii';
const INFO = 'blind-index/hmac-sha256/v1';

/**
 * Keyed, so someone holding the database alone cannot confirm a guessed phone number (a plain
 * hash of 11 digits falls to brute force in seconds). The HMAC key is derived from the data key
 * with HKDF rather than being the data key itself: one key, one purpose.
 */
export function createFieldHasher(key: Buffer): FieldHasher {
  assertDataKey(key);
  const indexKey = Buffer.from(hkdfSync('sha256', key, SALT, INFO, 32));
  return {
    hash: (normalisedValue) =>
      createHmac('sha256', indexKey).update(normalisedValue, 'utf8').digest('hex'),
  };
}
