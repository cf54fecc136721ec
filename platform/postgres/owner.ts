import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from './postmaster';

/**
 * `<data folder>/postgres.owner` names the process that started the embedded server and will
 * stop it. Other processes on the same data directory (an import beside a running system)
 * use the server and leave it alone; a server whose owner is gone is a leftover.
 */
function ownerFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), 'postgres.owner');
}

export function recordOwner(dataDir: string, postmasterPid: number): void {
  fs.writeFileSync(ownerFile(dataDir), JSON.stringify({ pid: process.pid, postmasterPid }) + '\n', {
    mode: 0o600,
  });
}

/** Removes the owner file if it still names this process. */
export function releaseOwner(dataDir: string): void {
  if (readOwner(dataDir)?.pid === process.pid) fs.rmSync(ownerFile(dataDir), { force: true });
}

export function readOwner(dataDir: string): { pid: number; postmasterPid: number } | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(ownerFile(dataDir), 'utf8')) as {
      pid?: unknown;
      postmasterPid?: unknown;
    };
    if (typeof parsed.pid !== 'number' || typeof parsed.postmasterPid !== 'number')
      return undefined;
    return { pid: parsed.pid, postmasterPid: parsed.postmasterPid };
  } catch {
    return undefined;
  }
}

/** Whether the server `postmasterPid` was started by a process that is still running. */
export function ownerIsAlive(dataDir: string, postmasterPid: number): boolean {
  const owner = readOwner(dataDir);
  return owner !== undefined && owner.postmasterPid === postmasterPid && isAlive(owner.pid);
}
