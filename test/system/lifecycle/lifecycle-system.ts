/**
 * The pieces a whole-lifecycle run needs besides the engine: the database prepared as an
 * operator would (the demo org tree, one account per scripted member of staff, a channel key)
 * and the server (`server/main.ts`: app, workers, notification delivery, process starter) as a
 * child process against that database and an engine of its own, which can be SIGKILLed and
 * started again on the same port; and a second process running only the job workers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createUser } from '../../../server/auth';
import { createChannelKey } from '../../../server/channels';
import { importOrgTree } from '../../../server/org';
import { freePort } from '../../support/ports';
import { ROOT, startSystem, systemEnv, waitUntil, type RunningSystem } from '../running-system';
import { DISTRICT, TOWNSHIP, VILLAGE, demo } from './demand-scripts';
import type { StaffAccount } from './lifecycle-driver';

/** Loads the demo district, creates the scripted staff and a 12345 hotline key. */
export async function prepareDistrict(
  knex: Knex,
): Promise<{ staff: StaffAccount[]; channelKey: string }> {
  await importOrgTree(knex, demo);
  const staff: StaffAccount[] = [];
  for (const [role, unitCode] of [
    ['village_staff', VILLAGE.code],
    ['township_staff', TOWNSHIP.code],
    ['supervisor', DISTRICT],
    ['principal_leader', DISTRICT],
  ] as const) {
    const account = {
      role,
      unitCode,
      username: `${role.replace(/_/g, '-')}-${randomBytes(3).toString('hex')}`,
      password: `pw-${randomBytes(12).toString('base64url')}`,
    };
    await createUser(knex, account);
    staff.push(account);
  }
  const { key } = await createChannelKey(knex, { channel: 'hotline_12345' });
  return { staff, channelKey: key };
}

/** A process the killer starts, waits for, and SIGKILLs. */
export interface Killable {
  start(): { waitForHealth(timeoutMs?: number): Promise<void> };
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerChild extends Killable {
  baseUrl: string;
  /** The running child, if any. */
  current(): RunningSystem | undefined;
  start(): RunningSystem;
  /** SIGKILL (or `signal`) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** The output of every start so far, for a failure message. */
  output(): string;
  dispose(): void;
}

/** `npm start`'s composition root against `databaseUrl` and an engine on those ports. */
export async function serverChild(options: {
  databaseUrl: string;
  grpcPort: number;
  restPort: number;
  env?: NodeJS.ProcessEnv;
}): Promise<ServerChild> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-lifecycle-'));
  const port = await freePort();
  const env = await systemEnv(dataDir, {
    DATABASE_URL: options.databaseUrl,
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${options.grpcPort}`,
    ZEEBE_REST_ADDRESS: `http://127.0.0.1:${options.restPort}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    MINSHENG_DEMO: 'off',
    // The same key on every start: sessions and CSRF tokens outlive a restart.
    MINSHENG_DATA_KEY: randomBytes(32).toString('base64'),
    PORT: String(port),
    PUBLIC_WRITE_LIMIT: '1000000',
    PUBLIC_READ_LIMIT: '1000000',
    ...options.env,
  });
  let running: RunningSystem | undefined;
  let earlier = '';
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    current: () => running,
    start() {
      if (running) earlier += running.output();
      running = startSystem(env);
      return running;
    },
    async stop(signal: NodeJS.Signals = 'SIGKILL') {
      await running?.stop(signal);
    },
    output: () => earlier + (running?.output() ?? ''),
    dispose() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Only the job workers (test/system/fixtures/workers-only.ts), killable like the server. */
export function workersChild(options: {
  databaseUrl: string;
  grpcPort: number;
  restPort: number;
}): Killable & { output(): string } {
  let running: ChildProcess | undefined;
  let output = '';
  return {
    start() {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/system/fixtures/workers-only.ts'],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            DATABASE_URL: options.databaseUrl,
            ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${options.grpcPort}`,
            ZEEBE_REST_ADDRESS: `http://127.0.0.1:${options.restPort}`,
            CAMUNDA_AUTH_STRATEGY: 'NONE',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      running = child;
      let mine = '';
      const collect = (chunk: Buffer) => {
        mine += chunk.toString();
        output += chunk.toString();
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      return {
        waitForHealth: (timeoutMs = 180_000) =>
          waitUntil(
            'WORKERS_READY',
            () => {
              if (child.exitCode !== null || child.signalCode !== null) {
                throw new Error(`the workers exited:\n${mine}`);
              }
              return mine.includes('WORKERS_READY');
            },
            timeoutMs,
          ),
      };
    },
    async stop(signal: NodeJS.Signals = 'SIGKILL') {
      const child = running;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
    output: () => output,
  };
}
