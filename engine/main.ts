/**
 * The engine alone as a process (`test/support/engine.ts` spawns it; `npm run engine` runs
 * server/runtime/engine-process.ts, with a supervisor's exit codes): on Zeebe's and Camunda's
 * default ports (gRPC 127.0.0.1:26500, REST http://127.0.0.1:8080/v2), with its log in
 * PostgreSQL (DATABASE_URL, or the embedded server under DATA_DIR).
 *
 * ENGINE_GRPC_PORT, ENGINE_REST_PORT: ports (0 = any free one).
 * ENGINE_MAX_QUEUED_COMMANDS: commands waiting beyond this are refused with
 * RESOURCE_EXHAUSTED (backpressure); default 10,000.
 * ENGINE_MAX_CHAINED_COMMANDS: a command is processed with at most this many commands in all
 * (itself and its follow-ups, Zeebe's maxCommandsInBatch); the rest wait behind the commands
 * already queued, so a looping instance cannot hold the engine; default 100.
 * ENGINE_DUE_DATE_CHECK_INTERVAL_MS: how often job deadlines and back-offs are checked;
 * default 100 (moving the clock through /v2/clock checks at once anyway).
 * ENGINE_SEARCH_LAG_MS: searches see exported records only this long after commit, as
 * Camunda's eventually consistent search does; default 0.
 * ENGINE_REQUEST_TIMEOUT_MS: how long a REST user task command waits for its task listeners
 * before it is answered with DEADLINE_EXCEEDED (504); default 15,000.
 */
import { createLog, loadPlatformConfig, openDatabaseServer } from '../platform';
import { startEngine } from './engine';

const log = createLog('engine');

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number, got "${raw}"`);
  return value;
}

function positiveInteger(name: string): number | undefined {
  const raw = process.env[name];
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function nonNegativeInteger(name: string): number | undefined {
  const raw = process.env[name];
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const config = loadPlatformConfig();
  const db = await openDatabaseServer(config, createLog('postgres'));
  let engine: Awaited<ReturnType<typeof startEngine>> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`${signal}: stopping`);
    await engine?.stop().catch((error: unknown) => log(`engine stop failed: ${String(error)}`));
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    engine = await startEngine({
      databaseUrl: db.url,
      grpcPort: port('ENGINE_GRPC_PORT', 26500),
      restPort: port('ENGINE_REST_PORT', 8080),
      processing: {
        maxQueuedCommands: positiveInteger('ENGINE_MAX_QUEUED_COMMANDS'),
        maxChainedCommands: positiveInteger('ENGINE_MAX_CHAINED_COMMANDS'),
      },
      dueDateCheckIntervalMs: positiveInteger('ENGINE_DUE_DATE_CHECK_INTERVAL_MS'),
      searchLagMs: nonNegativeInteger('ENGINE_SEARCH_LAG_MS'),
      requestTimeoutMs: positiveInteger('ENGINE_REQUEST_TIMEOUT_MS'),
      log,
    });
    // Test harnesses read this line to find the ports.
    console.log(`ENGINE_READY grpc=${engine.grpcPort} rest=${engine.restPort}`);
  } catch (error) {
    log(`start failed: ${(error as Error).message}`);
    await db.stop();
    process.exit(1);
  }
}

void main();
