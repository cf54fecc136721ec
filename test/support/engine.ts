import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { createTestDatabase, dropTestDatabase } from './database';

const ROOT = path.resolve(__dirname, '../..');
type ZeebeGrpcClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

export interface EngineProcess {
  child: ChildProcess;
  grpcPort: number;
  output: () => string;
}

/** Starts `engine/main.ts` as its own process (real ports, killable with SIGKILL). */
export async function spawnEngine(
  databaseUrl: string,
  env: NodeJS.ProcessEnv = {},
): Promise<EngineProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, ENGINE_GRPC_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const grpcPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`engine did not start:\n${output}`)), 60_000);
    const onData = () => {
      const match = /ENGINE_READY grpc=(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code}:\n${output}`));
    });
  });
  return { child, grpcPort, output: () => output };
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

/** An official Camunda 8 SDK gRPC client for the engine on `port`. */
export function sdkClient(port: number): ZeebeGrpcClient {
  const camunda = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${port}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'error',
    ZEEBE_CLIENT_LOG_LEVEL: 'ERROR',
  } as never);
  return camunda.getZeebeGrpcApiClient();
}

/**
 * Per test file: a fresh database and an engine process on it, with an SDK client.
 * `restart()` kills the engine (SIGKILL by default) and starts it again on the same data.
 */
export function useEngine() {
  let database: { name: string; url: string } | undefined;
  let engine: EngineProcess | undefined;
  let client: ZeebeGrpcClient | undefined;
  const handle = {
    get port() {
      return engine!.grpcPort;
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
      engine = await spawnEngine(database!.url);
      client = sdkClient(engine.grpcPort);
    },
    output: () => engine?.output() ?? '',
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    engine = await spawnEngine(database.url);
    client = sdkClient(engine.grpcPort);
  }, 90_000);
  afterAll(async () => {
    await client?.close();
    if (engine) await stopEngine(engine);
    if (database) await dropTestDatabase(database.name);
  }, 30_000);
  return handle;
}
