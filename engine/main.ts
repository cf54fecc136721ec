/**
 * `npm run engine`: the engine alone, on Zeebe's default port (gRPC 127.0.0.1:26500), with
 * its log in PostgreSQL (DATABASE_URL, or the embedded server under DATA_DIR).
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
      log,
    });
    // Test harnesses read this line to find the port.
    console.log(`ENGINE_READY grpc=${engine.grpcPort}`);
  } catch (error) {
    log(`start failed: ${(error as Error).message}`);
    await db.stop();
    process.exit(1);
  }
}

void main();
