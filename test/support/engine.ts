import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { createTestDatabase, dropTestDatabase } from './database';

const ROOT = path.resolve(__dirname, '../..');
type ZeebeGrpcClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

export interface EngineProcess {
  child: ChildProcess;
  grpcPort: number;
  /** The REST API (`http://127.0.0.1:<restPort>/v2/...`). */
  restPort: number;
  output: () => string;
}

/**
 * Starts `engine/main.ts` as its own process (real ports, killable with SIGKILL). Both ports
 * are free ones unless `env` names them (ENGINE_GRPC_PORT, ENGINE_REST_PORT).
 */
export async function spawnEngine(
  databaseUrl: string,
  env: NodeJS.ProcessEnv = {},
): Promise<EngineProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ENGINE_GRPC_PORT: '0',
      ENGINE_REST_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ports = await new Promise<{ grpc: number; rest: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`engine did not start:\n${output}`)), 60_000);
    const onData = () => {
      const match = /ENGINE_READY grpc=(\d+) rest=(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve({ grpc: Number(match[1]), rest: Number(match[2]) });
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code}:\n${output}`));
    });
  });
  return { child, grpcPort: ports.grpc, restPort: ports.rest, output: () => output };
}

export function stopEngine(
  engine: EngineProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (engine.child.exitCode !== null || engine.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    engine.child.once('exit', () => resolve());
    engine.child.kill(signal);
  });
}

/**
 * An official Camunda 8 SDK gRPC client for the engine on `port`. `grpcSettings` are the SDK's
 * `zeebeGrpcSettings`, e.g. `{ ZEEBE_GRPC_CLIENT_RETRY: false }`: by default the SDK retries
 * RESOURCE_EXHAUSTED and DEADLINE_EXCEEDED forever, which hides them from a test.
 */
export function sdkClient(
  port: number,
  grpcSettings: Record<string, unknown> = {},
): ZeebeGrpcClient {
  const camunda = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${port}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'error',
    ZEEBE_CLIENT_LOG_LEVEL: 'ERROR',
    // The SDK reads its gRPC client settings from this sub-object only.
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'ERROR', ...grpcSettings },
  } as never);
  return camunda.getZeebeGrpcApiClient();
}

/** Pins the engine clock at `epochMillis` (`PUT /v2/clock`); throws unless it answers 204. */
export async function setEngineClock(restPort: number, epochMillis: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${restPort}/v2/clock`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ timestamp: epochMillis }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 204)
    throw new Error(`PUT /v2/clock answered ${response.status}: ${await response.text()}`);
}

/** Returns the engine clock to real time (`POST /v2/clock/reset`). */
export async function resetEngineClock(restPort: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${restPort}/v2/clock/reset`, {
    method: 'POST',
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 204)
    throw new Error(`POST /v2/clock/reset answered ${response.status}: ${await response.text()}`);
}

/**
 * Per test file: a fresh database and an engine process on it, with an SDK client.
 * `restart()` kills the engine (SIGKILL by default) and starts it again on the same data.
 * `options.env` is passed to the engine process (e.g. ENGINE_MAX_QUEUED_COMMANDS).
 */
export function useEngine(options: { env?: NodeJS.ProcessEnv } = {}) {
  let database: { name: string; url: string } | undefined;
  let engine: EngineProcess | undefined;
  let client: ZeebeGrpcClient | undefined;
  const handle = {
    get port() {
      return engine!.grpcPort;
    },
    get restPort() {
      return engine!.restPort;
    },
    /** Base URL of the REST API, e.g. `${engine.restUrl}/v2/topology`. */
    get restUrl() {
      return `http://127.0.0.1:${engine!.restPort}`;
    },
    /** Pins the engine clock (`PUT /v2/clock`): due jobs time out at once. */
    setClock(epochMillis: number) {
      return setEngineClock(engine!.restPort, epochMillis);
    },
    resetClock() {
      return resetEngineClock(engine!.restPort);
    },
    get zeebe() {
      return client!;
    },
    get databaseUrl() {
      return database!.url;
    },
    async restart(signal: NodeJS.Signals = 'SIGKILL') {
      await client?.close();
      await stopEngine(engine!, signal);
      engine = await spawnEngine(database!.url, options.env);
      client = sdkClient(engine.grpcPort);
    },
    output: () => engine?.output() ?? '',
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    engine = await spawnEngine(database.url, options.env);
    client = sdkClient(engine.grpcPort);
  }, 90_000);
  afterAll(async () => {
    await client?.close();
    if (engine) await stopEngine(engine);
    if (database) await dropTestDatabase(database.name);
  }, 30_000);
  return handle;
}
