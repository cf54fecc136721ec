import type { DatabaseServer, Log } from '../../platform';

export interface DatabaseWatchdogOptions {
  /** The server as opened at start. */
  initial: DatabaseServer;
  /** Opens the embedded server again (starts it, or uses one another process started). */
  reopen(): Promise<DatabaseServer>;
  log: Log;
  /** Called once when the server cannot be brought back; the system should stop. */
  onFatal(message: string): void;
  /** Waits between restart attempts. Default 1, 2, 4, 8, 16 s (five attempts). */
  retryDelaysMs?: number[];
}

export interface DatabaseWatchdog {
  /** Stops watching, then stops the server if this process started it. */
  stop(): Promise<void>;
}

/**
 * Keeps the embedded PostgreSQL server of a running system up. When it goes away for any
 * reason (killed, crashed, stopped by the process that started it), the watchdog starts it
 * again on the same data directory and port; the system's connection pools reconnect by
 * themselves (same address and password) and the engine process restarts on its own after
 * losing its database. If it cannot be brought back, the system is stopped with that reason
 * rather than left running without its database.
 */
export function watchDatabase(options: DatabaseWatchdogOptions): DatabaseWatchdog {
  const delays = options.retryDelaysMs ?? [1000, 2000, 4000, 8000, 16_000];
  let current = options.initial;
  let stopping = false;

  const watch = async (server: DatabaseServer): Promise<void> => {
    await server.exited;
    if (stopping) return;
    options.log('PostgreSQL stopped under the running system; starting it again');
    let lastError: unknown;
    for (const delay of [0, ...delays]) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (stopping) return;
      try {
        const reopened = await options.reopen();
        if (stopping) {
          await reopened.stop();
          return;
        }
        current = reopened;
        options.log('PostgreSQL is back; connections resume');
        void watch(current);
        return;
      } catch (error) {
        lastError = error;
        options.log(`PostgreSQL did not start: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    options.onFatal(
      `PostgreSQL stopped and could not be started again (${(lastError as Error).message}); ` +
        'see postgres.log in the data folder',
    );
  };
  if (options.initial.embedded) void watch(options.initial);

  return {
    async stop() {
      stopping = true;
      await current.stop();
    },
  };
}
