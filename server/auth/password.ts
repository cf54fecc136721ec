import crypto from 'node:crypto';

/**
 * Password hashes with Node's built-in scrypt (memory-hard, no native add-on to install),
 * stored self-describing as `scrypt$N$r$p$saltB64$hashB64` so the cost can be raised later
 * without breaking existing hashes.
 */

/** 2^15 × 8 × 128 B = 32 MiB per hash: costly to brute-force, fine for a login. */
const COST = { N: 32768, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse stored parameters beyond this, so a tampered row cannot exhaust memory. */
const MAX_MEMORY = 256 * 1024 * 1024;

function scrypt(
  password: string,
  salt: Buffer,
  keyLength: number,
  cost: { N: number; r: number; p: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(
      password.normalize('NFC'),
      salt,
      keyLength,
      { ...cost, maxmem: MAX_MEMORY },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  let key: Buffer;
  try {
    key = await scrypt(password, parsed.salt, parsed.key.length, parsed.cost);
  } catch {
    return false;
  }
  // Constant-time compare: the time taken must not reveal how much of the hash matched.
  return crypto.timingSafeEqual(key, parsed.key);
}

function parseHash(
  stored: string,
): { cost: { N: number; r: number; p: number }; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  const valid = (n: number | undefined): n is number => Number.isSafeInteger(n) && (n ?? 0) > 0;
  if (!valid(N) || !valid(r) || !valid(p) || salt.length === 0) return undefined;
  if (key.length < 16 || key.length > 64) return undefined;
  if ((N & (N - 1)) !== 0 || 128 * N * r > MAX_MEMORY) return undefined;
  return { cost: { N, r, p }, salt, key };
}
