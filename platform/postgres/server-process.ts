import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import type { ServerAccount } from './run-as';

export interface LaunchSettings {
  dataDir: string;
  port: number;
  durability?: 'durable' | 'ephemeral';
}

/** A PostgreSQL server that is our child process, with the watchdog that outlives us. */
export interface ServerProcess {
  postgres: ChildProcess;
  watchdog: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * Starts `postgres` as our child. A tiny watchdog shell holds a pipe to us: if this Node
 * process dies without cleaning up (even SIGKILL), the pipe closes and the watchdog asks
 * PostgreSQL for a fast shutdown, so no orphan server outlives the process that started it.
 */
export function launch(
  binary: string,
  settings: LaunchSettings,
  account: ServerAccount,
  logFile: string,
): ServerProcess {
  const args = [
    '-D',
    settings.dataDir,
    '-p',
    String(settings.port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=300',
  ];
  if (settings.durability === 'ephemeral') {
    args.push('-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off');
  }
  const out = fs.openSync(logFile, 'a');
  // Detached: a Ctrl-C in the terminal reaches only us, and we stop the server after the app.
  const postgres = spawn(binary, args, {
    uid: account.uid,
    gid: account.gid,
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, LC_ALL: 'C' },
  });
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => {
    postgres.once('exit', resolve);
    postgres.once('error', () => resolve(-1));
  });
  const watchdog = spawn(
    'sh',
    ['-c', 'read _; kill -INT "$1" 2>/dev/null', 'pg-watchdog', String(postgres.pid)],
    { detached: true, stdio: ['pipe', 'ignore', 'ignore'] },
  );
  // Neither child should keep the event loop alive on its own.
  postgres.unref();
  watchdog.unref();
  return { postgres, watchdog, exited };
}

/** Whether the server at `url` accepts a connection now. */
export async function answers(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => undefined);
    return false;
  }
}

/**
 * Waits until the server accepts connections. `gone()` says whether it can no longer come up
 * (our child exited, or the other process's server went away); then the wait fails at once.
 */
export async function waitUntilReady(
  url: string,
  gone: () => string | undefined,
  timeoutMs: number,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = gone();
    if (reason) throw new Error(`${reason}:\n${tail(logFile)}`);
    if (await answers(url)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `PostgreSQL did not accept connections within ${timeoutMs} ms:\n${tail(logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit. */
export async function shutdown(server: ServerProcess): Promise<void> {
  if (server.postgres.exitCode === null && server.postgres.signalCode === null) {
    server.postgres.kill('SIGINT');
    const timer = setTimeout(() => server.postgres.kill('SIGQUIT'), 30_000);
    await server.exited;
    clearTimeout(timer);
  }
  server.watchdog.stdin?.destroy();
  server.watchdog.kill('SIGKILL');
}

export function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no server log)';
  }
}
