import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';
import { assertDataKey } from './data-key-size';

export interface FieldCipher {
  /** Encrypts one field value into a self-describing text token for a database column. */
  encrypt(plain: string): string;
  /** Recovers the value; throws FieldDecryptionError if the token was altered or the key differs. */
  decrypt(token: string): string;
}

export class FieldDecryptionError extends Error {
  override name = 'FieldDecryptionError';
}

const ALGORITHM = 'aes-256-gcm';
// The version names algorithm and layout, so keys or algorithms can change without guessing.
const VERSION = 'v1';
// 96-bit random nonces are GCM's native size; at this system's volume collisions are negligible.
const IV_BYTES = 12;
const TAG_BYTES = 16;

function fromBase64(part: string | undefined): Buffer | undefined {
  if (part === undefined || !/^[A-Za-z0-9+/]*={0,2}$/.test(part)) return undefined;
  return Buffer.from(part, 'base64');
}

/**
 * Encryption at rest for personal fields (names, phone and ID numbers, addresses) with
 * AES-256-GCM. Tokens read `v1:<iv>:<tag>:<ciphertext>`, each part base64.
 *
 * Error messages never include the token or any decrypted bytes: they end up in logs.
 */
export function createFieldCipher(key: Buffer): FieldCipher {
  assertDataKey(key);
  // A KeyObject holds its own copy, so a caller reusing or zeroing the buffer cannot affect us.
  const secret = createSecretKey(key);

  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, secret, iv, { authTagLength: TAG_BYTES });
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64'));
      return [VERSION, ...parts].join(':');
    },

    decrypt(token) {
      const [version, ...parts] = token.split(':');
      if (version !== VERSION) {
        throw new FieldDecryptionError(
          `Encrypted field has an unsupported format; expected ${VERSION}`,
        );
      }
      const [iv, tag, ciphertext] = parts.map(fromBase64);
      if (
        parts.length !== 3 ||
        iv?.length !== IV_BYTES ||
        tag?.length !== TAG_BYTES ||
        !ciphertext
      ) {
        throw new FieldDecryptionError(
          'Encrypted field is malformed: expected v1:<iv>:<tag>:<ciphertext>',
        );
      }
      const decipher = createDecipheriv(ALGORITHM, secret, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new FieldDecryptionError(
          'Encrypted field failed authentication: it was altered, or encrypted with another key',
        );
      }
    },
  };
}
