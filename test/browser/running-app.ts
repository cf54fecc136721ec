import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runNpmScript, startSystem, systemEnv, type RunningSystem } from '../system/running-system';
import { ensureWebAppBuilt } from '../support/web-app';

export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  unitCode: string;
}

export interface RunningApp {
  system: RunningSystem;
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  /** The demo logins `npm start` printed, by user name. */
  logins: Map<string, DemoLogin>;
  /** A channel's intake key, made with `npm run channel:create-key`. */
  channelKey(channel: string): Promise<string>;
  stop(): Promise<void>;
}

/** The demo logins in `npm start`'s output: `demo-village  PASSWORD  village_staff @ NAME (CODE)`. */
function demoLogins(output: string): Map<string, DemoLogin> {
  const logins = new Map<string, DemoLogin>();
  for (const match of output.matchAll(/(demo-[a-z]+)\s+(\S+)\s+([a-z_]+) @ .+? \(([^()\s]+)\)/g)) {
    const [, username, password, role, unitCode] = match as unknown as string[];
    logins.set(username!, {
      username: username!,
      password: password!,
      role: role!,
      unitCode: unitCode!,
    });
  }
  return logins;
}

/**
 * The whole system as `npm start` runs it (test/system/running-system.ts), with the web app
 * built first, in a data folder of its own.
 */
export async function startApp(): Promise<RunningApp> {
  await ensureWebAppBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-browser-'));
  const env = await systemEnv(dataDir);
  const system = startSystem(env);
  try {
    await system.waitForHealth();
  } catch (error) {
    system.app.kill('SIGKILL');
    throw error;
  }
  const keys = new Map<string, string>();
  return {
    system,
    env,
    baseUrl: `http://127.0.0.1:${env.PORT}`,
    logins: demoLogins(system.output()),
    async channelKey(channel: string) {
      const known = keys.get(channel);
      if (known) return known;
      const run = await runNpmScript('channel:create-key', [channel], env);
      const key = run.output.trim().split('\n').pop() ?? '';
      if (run.code !== 0 || !key) throw new Error(`channel:create-key failed:\n${run.output}`);
      keys.set(channel, key);
      return key;
    },
    async stop() {
      await system.stop('SIGINT');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A staff session over the API (not the page), for checking what the page did. */
export async function apiSession(baseUrl: string, login: DemoLogin) {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: login.username, password: login.password }),
  });
  if (res.status !== 200) throw new Error(`login ${login.username}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    get: async (url: string) => {
      const answer = await fetch(`${baseUrl}${url}`, { headers: { Cookie: cookie } });
      return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
    },
  };
}
