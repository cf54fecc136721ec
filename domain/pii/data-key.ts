import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_KEY_BYTES } from './data-key-size';

export class DataKeyError extends Error {
  override name = 'DataKeyError';
}

export interface DataKeySources {
  env: NodeJS.ProcessEnv;
  /** Where a development key is kept between runs (the platform's data directory). */
  dataDir: string;
  /** Receives the development-key notice; never receives key material. */
  warn: (message: string) => void;
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
// 32 bytes are 43 base64 characters plus one '=' of padding; base64url spellings are accepted.
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/** Decodes a key written as 64 hex or 44 base64 characters, or undefined if it is neither. */
function decodeKey(text: string): Buffer | undefined {
  if (HEX_KEY.test(text)) return Buffer.from(text, 'hex');
  if (BASE64_KEY.test(text)) {
    const key = Buffer.from(text, 'base64');
    if (key.length === DATA_KEY_BYTES) return key;
  }
  return undefined;
}

/**
 * The key that encrypts personal data at rest. Production must supply MINSHENG_DATA_KEY (32
 * random bytes, e.g. `openssl rand -base64 32`); losing it loses every encrypted field.
 *
 * Development gets a generated key kept in `<dataDir>/data-key`, readable by its owner only and
 * reused across restarts so local data stays readable. Messages never quote the key.
 */
export function loadDataKey({ env, dataDir, warn }: DataKeySources): Buffer {
  const configured = env.MINSHENG_DATA_KEY?.trim();
  if (configured) {
    const key = decodeKey(configured);
    if (!key) {
      throw new DataKeyError(
        `MINSHENG_DATA_KEY must be ${DATA_KEY_BYTES} bytes written as base64 (44 characters) ` +
          `or hex (64 characters); the value set has ${configured.length} characters`,
      );
    }
    return key;
  }
  if (env.NODE_ENV === 'production') {
    throw new DataKeyError(
      'MINSHENG_DATA_KEY is not set. Production needs a fixed key to encrypt personal data; ' +
        'generate one with `openssl rand -base64 32` and keep it in the secret store.',
    );
  }
  return developmentKey(path.join(dataDir, 'data-key'), warn);
}

function developmentKey(file: string, warn: (message: string) => void): Buffer {
  const notice = (what: string) =>
    `!!! ${what} development data key at ${file}. Anyone with this file can read the personal ` +
    'data in this database. Production must set MINSHENG_DATA_KEY. !!!';

  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx' refuses to overwrite: two processes starting together must not swap keys under data.
    writeFileSync(file, `${randomBytes(DATA_KEY_BYTES).toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    warn(notice('Generated a new'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    warn(notice('Using the'));
  }

  const key = decodeKey(readFileSync(file, 'utf8').trim());
  if (!key) {
    throw new DataKeyError(
      `The development data key file ${file} is damaged; it must hold ${DATA_KEY_BYTES} bytes ` +
        'in base64. Restore it, or delete it (and the local data encrypted with it).',
    );
  }
  return key;
}
