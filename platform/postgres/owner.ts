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

function write(dataDir: string, postmasterPid: number, flag: 'w' | 'wx'): void {
  const content = JSON.stringify({ pid: process.pid, postmasterPid }) + '\n';
  fs.writeFileSync(ownerFile(dataDir), content, { mode: 0o600, flag });
}

/**
 * Claims the right to start the server, atomically: false while another live process holds
 * the claim (it is starting the server, or runs it). A claim of a dead process is replaced.
 */
export function claimOwnership(dataDir: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      write(dataDir, 0, 'wx');
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (otherLiveOwner(dataDir) !== undefined) return false;
    fs.rmSync(ownerFile(dataDir), { force: true });
  }
  return false;
}

/** Records the server this process started, under its claim. */
export function recordOwner(dataDir: string, postmasterPid: number): void {
  write(dataDir, postmasterPid, 'w');
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

/** The process holding the claim, when it is alive and not this one. */
export function otherLiveOwner(dataDir: string): number | undefined {
  const owner = readOwner(dataDir);
  return owner && owner.pid !== process.pid && isAlive(owner.pid) ? owner.pid : undefined;
}

/** Whether the server `postmasterPid` was started by a process that is still running. */
export function ownerIsAlive(dataDir: string, postmasterPid: number): boolean {
  const owner = readOwner(dataDir);
  // postmasterPid 0: the owner is starting its server this very moment.
  return (
    owner !== undefined &&
    (owner.postmasterPid === postmasterPid || owner.postmasterPid === 0) &&
    isAlive(owner.pid)
  );
}
