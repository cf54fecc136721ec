import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * HMAC tokens bound to a value the browser holds in an httpOnly cookie (a session id, a public
 * visitor id): a page from another site can make the browser send the cookie but can neither
 * read it nor compute the token, so a request carrying the right token came from our pages.
 * Nothing needs storing: the token is recomputed from the cookie.
 */
export interface TokenSigner {
  sign(purpose: string, value: string): string;
  /** Constant-time check of `token` against the one for `value`. */
  verify(purpose: string, value: string, token: string | undefined): boolean;
}

// The HKDF label is part of the token format: changing it invalidates every token in use.
const INFO = 'minsheng/csrf-token/v1';

/** Derives its own key from the data key (one key, one purpose). */
export function createTokenSigner(dataKey: Buffer): TokenSigner {
  const key = Buffer.from(hkdfSync('sha256', dataKey, 'minsheng/server', INFO, 32));
  const sign = (purpose: string, value: string) =>
    createHmac('sha256', key).update(`${purpose}\0${value}`, 'utf8').digest('base64url');
  return {
    sign,
    verify(purpose, value, token) {
      if (!token) return false;
      const expected = Buffer.from(sign(purpose, value));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** 32 random bytes in base64url: session ids, visitor ids, API keys. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
