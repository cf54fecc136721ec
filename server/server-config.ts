import { ConfigError } from '../platform';

/**
 * The HTTP server's settings, read from the environment once and normalised here. Every field
 * says its variable and default; `createApp` takes a partial override (tests use small limits).
 */
export interface ServerConfig {
  /** A session ends after this long without a request. `SESSION_IDLE_MINUTES`, default 30. */
  sessionIdleMs: number;
  /** A session ends this long after login, however busy. `SESSION_ABSOLUTE_HOURS`, default 12. */
  sessionAbsoluteMs: number;
  /**
   * Session and public CSRF cookies carry `Secure` (sent over HTTPS only). `SESSION_COOKIE_SECURE`
   * (`true`/`false`), default true when `NODE_ENV=production`, else false.
   */
  cookieSecure: boolean;
  /** Failed logins of one account within the window that lock it. `LOGIN_MAX_FAILURES`, default 5. */
  loginMaxFailures: number;
  /** Window in which failures are counted. `LOGIN_FAILURE_WINDOW_MINUTES`, default 15. */
  loginFailureWindowMs: number;
  /** How long a locked account refuses every password. `LOGIN_LOCK_MINUTES`, default 15. */
  loginLockMs: number;
  /** Window of the public rate limits. `PUBLIC_RATE_WINDOW_MINUTES`, default 15. */
  publicRateWindowMs: number;
  /**
   * Public submissions and feedback per client IP and window. `PUBLIC_WRITE_LIMIT`, default 30:
   * generous because mobile carriers put many citizens behind one address.
   */
  publicWriteLimit: number;
  /** Public lookups per client IP and window. `PUBLIC_READ_LIMIT`, default 300. */
  publicReadLimit: number;
  /**
   * Express `trust proxy`: how to find the client address behind a reverse proxy (rate limits,
   * audit log). `TRUST_PROXY`: unset = no proxy, a number = that many hops, or a list of
   * addresses/subnets (`loopback`, `10.0.0.0/8`).
   */
  trustProxy: boolean | number | string;
  /** Largest JSON body accepted (`413` beyond). Default `100kb`. */
  jsonBodyLimit: string;
  /** How far `submittedAt` may lie ahead of our clock (clock skew). Default 60 s. */
  submittedAtSkewMs: number;
}

const MINUTE = 60_000;

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${name} must be a whole number of at least 1, got "${raw}"`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw.trim() === '') return false;
  const value = raw.trim();
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    sessionIdleMs: positiveInteger(env, 'SESSION_IDLE_MINUTES', 30) * MINUTE,
    sessionAbsoluteMs: positiveInteger(env, 'SESSION_ABSOLUTE_HOURS', 12) * 60 * MINUTE,
    cookieSecure: flag(env, 'SESSION_COOKIE_SECURE', env.NODE_ENV === 'production'),
    loginMaxFailures: positiveInteger(env, 'LOGIN_MAX_FAILURES', 5),
    loginFailureWindowMs: positiveInteger(env, 'LOGIN_FAILURE_WINDOW_MINUTES', 15) * MINUTE,
    loginLockMs: positiveInteger(env, 'LOGIN_LOCK_MINUTES', 15) * MINUTE,
    publicRateWindowMs: positiveInteger(env, 'PUBLIC_RATE_WINDOW_MINUTES', 15) * MINUTE,
    publicWriteLimit: positiveInteger(env, 'PUBLIC_WRITE_LIMIT', 30),
    publicReadLimit: positiveInteger(env, 'PUBLIC_READ_LIMIT', 300),
    trustProxy: trustProxy(env.TRUST_PROXY),
    jsonBodyLimit: '100kb',
    submittedAtSkewMs: 60_000,
  };
}
