import path from 'node:path';

/**
 * Settings every process of the system reads from its environment, normalised once here so the
 * rest of the code never touches `process.env` directly. Each field documents its default.
 */
export interface PlatformConfig {
  /** Folder for local state (embedded PostgreSQL, development keys). `DATA_DIR`, default `data/`. */
  dataDir: string;
  /**
   * External PostgreSQL (`DATABASE_URL`). When unset, an embedded server is started under
   * `<dataDir>/postgres`.
   */
  databaseUrl: string | undefined;
  /** Port of the embedded PostgreSQL server. `PGPORT`, default 54329. */
  embeddedPgPort: number;
  /** Address the HTTP server binds to. `HOST`, default 127.0.0.1. */
  host: string;
  /** Port of the web app and API. `PORT`, default 3000. */
  httpPort: number;
  /** `NODE_ENV === 'production'`: no generated keys, no demo data. */
  production: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new ConfigError(`${name} must be a port number between 1 and 65535, got "${raw}"`);
  }
  return value;
}

export function loadPlatformConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): PlatformConfig {
  return {
    dataDir: path.resolve(cwd, env.DATA_DIR || 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: port(env, 'PGPORT', 54329),
    host: env.HOST || '127.0.0.1',
    httpPort: port(env, 'PORT', 3000),
    production: env.NODE_ENV === 'production',
  };
}

/** A connection string with its password replaced, safe to print. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
