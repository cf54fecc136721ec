import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** The operating-system account the PostgreSQL server runs as. */
export interface ServerAccount {
  /** Set only when we are root and must drop privileges. */
  uid?: number;
  gid?: number;
  name: string;
}

const SERVICE_USER = 'postgres';

function lookupUser(name: string): { uid: number; gid: number } | undefined {
  const result = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  const uid = Number(result.stdout.trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` system user, creating
 * that user when the machine has none (as Debian's own packages would); as anyone else we run
 * it as ourselves.
 */
export function resolveServerAccount(log: (message: string) => void): ServerAccount {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return { name: 'current user' };
  }
  let ids = lookupUser(SERVICE_USER);
  if (!ids) {
    log(`running as root: creating the system user "${SERVICE_USER}" to run PostgreSQL`);
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      SERVICE_USER,
    ]);
    ids = lookupUser(SERVICE_USER);
    if (!ids) throw new Error(`Could not create the system user "${SERVICE_USER}"`);
  }
  return { name: SERVICE_USER, ...ids };
}

/** Give a directory to the server account (only needed when we dropped privileges). */
export function handOver(dir: string, account: ServerAccount): void {
  if (account.uid === undefined || account.gid === undefined) return;
  fs.chownSync(dir, account.uid, account.gid);
}

/**
 * Lets the server account pass through `dir` (search permission only, no listing) to reach
 * the data directory inside it. The app's data folder is private to its owner by default
 * because it also holds keys.
 */
export function letTraverse(dir: string, account: ServerAccount): void {
  if (account.uid === undefined) return;
  const mode = fs.statSync(dir).mode & 0o777;
  if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001);
}

/** Whether the server account can run `binary` (it may not reach a checkout under /root). */
export function accountCanRun(binary: string, account: ServerAccount): boolean {
  const result = spawnSync(binary, ['--version'], { uid: account.uid, gid: account.gid });
  return result.status === 0;
}
