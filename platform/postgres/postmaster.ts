import fs from 'node:fs';
import path from 'node:path';

/** What `postmaster.pid` in a data directory says about the server running on it. */
export interface Postmaster {
  pid: number;
  port: number;
}

/**
 * Reads `<dataDir>/postmaster.pid` (line 1 the pid, line 4 the port). Undefined when there is
 * no such file, or when the pid in it is not a live PostgreSQL process: such a file is a
 * leftover of a crash, and PostgreSQL itself ignores and replaces it on start.
 */
export function livePostmaster(dataDir: string): Postmaster | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) return undefined;
  return { pid, port: Number.isInteger(port) ? port : 0 };
}

/**
 * Removes a `postmaster.pid` whose process is gone (a crash or SIGKILL left it). PostgreSQL
 * would refuse to start if the pid in it has since been reused by an unrelated process.
 * A file still being written (no pid yet) is left alone.
 */
export function removeStalePidFile(dataDir: string, log: (message: string) => void): void {
  const file = path.join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || livePostmaster(dataDir)) return;
  log(`removing the stale ${file} of a PostgreSQL server (pid ${pid}) that is gone`);
  fs.rmSync(file, { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // Without /proc we cannot tell; trust postmaster.pid.
    return process.platform !== 'linux';
  }
}

/**
 * Asks a server that is not our child to shut down (SIGINT: fast shutdown) and waits until it
 * has gone, escalating to SIGQUIT after `timeoutMs`.
 */
export async function stopPostmaster(pid: number, timeoutMs = 30_000): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
