import { ConfigError } from '../../platform';

/**
 * Settings of the embedded engine, from the environment, normalised once. Defaults are
 * Zeebe's and Camunda's own ports, so clients configured for a local Camunda work unchanged.
 */
export interface EngineSettings {
  /** `ENGINE_GRPC_PORT`, default 26500; 0 = any free port. */
  grpcPort: number;
  /** `ENGINE_REST_PORT`, default 8080; 0 = any free port. */
  restPort: number;
  /** `ENGINE_MAX_QUEUED_COMMANDS`: backpressure threshold; default the engine's (10,000). */
  maxQueuedCommands: number | undefined;
  /** `ENGINE_DUE_DATE_CHECK_INTERVAL_MS`; default the engine's (100 ms). */
  dueDateCheckIntervalMs: number | undefined;
  /** `ENGINE_SEARCH_LAG_MS`: emulated search lag; default 0. */
  searchLagMs: number | undefined;
  /** `ENGINE_REQUEST_TIMEOUT_MS`: how long a request waits for user task listeners; 15,000. */
  requestTimeoutMs: number | undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function loadEngineSettings(env: NodeJS.ProcessEnv = process.env): EngineSettings {
  return {
    grpcPort: integer(env, 'ENGINE_GRPC_PORT', 0, 65535) ?? 26500,
    restPort: integer(env, 'ENGINE_REST_PORT', 0, 65535) ?? 8080,
    maxQueuedCommands: integer(env, 'ENGINE_MAX_QUEUED_COMMANDS', 1, Number.MAX_SAFE_INTEGER),
    dueDateCheckIntervalMs: integer(
      env,
      'ENGINE_DUE_DATE_CHECK_INTERVAL_MS',
      1,
      Number.MAX_SAFE_INTEGER,
    ),
    searchLagMs: integer(env, 'ENGINE_SEARCH_LAG_MS', 0, Number.MAX_SAFE_INTEGER),
    requestTimeoutMs: integer(env, 'ENGINE_REQUEST_TIMEOUT_MS', 1, Number.MAX_SAFE_INTEGER),
  };
}

/** Exit codes of the engine process (engine-process.ts). */
export const ENGINE_EXIT = {
  /** Stopped on request. */
  stopped: 0,
  /** Could not start. */
  failed: 1,
  /** Another engine already writes this database's log; nothing was touched. */
  logTaken: 3,
  /** Lost its database; a supervisor may start it again once the database is back. */
  databaseLost: 4,
} as const;
