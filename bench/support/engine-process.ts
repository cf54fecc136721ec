import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface EngineProcessOptions {
  /** Extra Node flags for the engine process (besides BENCH_ENGINE_NODE_ARGS). */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

/** The engine as its own process, as `npm run engine` starts it. */
export async function startEngineProcess(
  databaseUrl: string,
  options: EngineProcessOptions = {},
): Promise<{ child: ChildProcess; grpcPort: number; restPort: number; stop(): Promise<void> }> {
  // BENCH_ENGINE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the engine process.
  const nodeArgs = [
    ...(process.env.BENCH_ENGINE_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ...(options.nodeArgs ?? []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'engine/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ENGINE_GRPC_PORT: '0',
      ENGINE_REST_PORT: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const ports = await new Promise<{ grpc: number; rest: number }>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ENGINE_READY grpc=(\d+) rest=(\d+)/.exec(output);
      if (match) resolve({ grpc: Number(match[1]), rest: Number(match[2]) });
    });
    child.once('exit', (code) => reject(new Error(`engine exited with ${code}: ${output}`)));
  });
  return {
    child,
    grpcPort: ports.grpc,
    restPort: ports.rest,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
