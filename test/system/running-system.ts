import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/ports';

/** `npm start` and the other npm scripts as real processes, for the system tests. */
export const ROOT = path.resolve(__dirname, '../..');

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function waitUntil(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The pid in `<dataDir>/postgres/postmaster.pid`, or undefined without that file. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const file = path.join(dataDir, 'postgres', 'postmaster.pid');
    return Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

/** The environment of one system: its own data folder and free ports, nothing inherited. */
export async function systemEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PGPORT: String(await freePort()),
    PORT: String(await freePort()),
    ENGINE_GRPC_PORT: '0',
    ENGINE_REST_PORT: '0',
    ...extra,
  };
  for (const name of [
    'DATABASE_URL',
    'MINSHENG_DATA_KEY',
    'ZEEBE_GRPC_ADDRESS',
    'ZEEBE_REST_ADDRESS',
  ]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

export interface RunningSystem {
  app: ChildProcess;
  output(): string;
  healthUrl: string;
  /** Status code of GET /health, or 0 when nothing answers. */
  health(): Promise<number>;
  waitForHealth(timeoutMs?: number): Promise<void>;
  /** The embedded engine's process id, as the start-up lines print it. */
  enginePid(): number;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the system as `npm start` does (see package.json) with `env`. */
export function startSystem(env: NodeJS.ProcessEnv): RunningSystem {
  const app = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env });
  let output = '';
  app.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  app.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => app.once('exit', resolve));
  const healthUrl = `http://127.0.0.1:${env.PORT}/health`;
  const health = async () => {
    try {
      return (await fetch(healthUrl, { signal: AbortSignal.timeout(5000) })).status;
    } catch {
      return 0;
    }
  };
  return {
    app,
    output: () => output,
    healthUrl,
    health,
    async waitForHealth(timeoutMs = 180_000) {
      await waitUntil(
        `200 from ${healthUrl}`,
        async () => {
          if (app.exitCode !== null)
            throw new Error(`the app exited (${app.exitCode}):\n${output}`);
          return (await health()) === 200;
        },
        timeoutMs,
      );
    },
    enginePid() {
      const match = /\(embedded, process (\d+)\)/.exec(output);
      if (!match) throw new Error(`no engine process in the output:\n${output}`);
      return Number(match[1]);
    },
    stop(signal: NodeJS.Signals = 'SIGINT') {
      if (app.exitCode === null && app.signalCode === null) app.kill(signal);
      return exited;
    },
  };
}

export interface ScriptRun {
  code: number | null;
  output: string;
}

/** Runs `npm run <script> -- <args>` in the checkout with `env`, as a person would. */
export function runNpmScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
