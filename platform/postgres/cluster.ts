import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { handOver, type ServerAccount } from './run-as';

const PASSWORD_FILE = 'superuser-password';

/** The password lives beside PGDATA, readable only by the account that started the app. */
export function readOrCreatePassword(dataDir: string): string {
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

export function clusterExists(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

export function initialiseCluster(
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

export function readVersion(dataDir: string): string {
  try {
    return fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim();
  } catch {
    return '';
  }
}
