/**
 * The system a demo month runs on, as `npm start` composes it but with data of its own: an
 * embedded PostgreSQL in a temporary folder, the engine as one process, `server/main.ts` (API
 * and job workers) as another whose clock follows the engine's (scripts/demo/shifted-clock.mjs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { startEngineProcess } from '../../bench/support/engine-process';
import { migrateToLatest } from '../../migrations';
import {
  createKnex,
  ensureDatabase,
  freePort,
  startEmbeddedPostgres,
  withDatabase,
} from '../../platform';
import { createChannelKey } from '../../server/channels';
import { importOrgTree } from '../../server/org';
import { setEngineClock } from '../../test/support/engine';
import { demo } from '../../test/system/lifecycle/demand-scripts';
import { serverChild } from '../../test/system/lifecycle/lifecycle-system';

export const CHANNELS = ['hotline_12345', 'wechat', 'qr_scan', 'door_visit'] as const;

export interface DemoSystem {
  knex: Knex;
  baseUrl: string;
  /** Channel key by channel. */
  channelKeys: Map<string, string>;
  enginePid: number;
  engineRestPort: number;
  serverPid: number;
  /** Moves the engine clock, and with it the server's, to `epochMillis`. */
  setClock(epochMillis: number): Promise<void>;
  stop(): Promise<void>;
}

const SHIM = path.join(__dirname, 'shifted-clock.mjs');

export async function startDemoSystem(options: {
  start: number;
  keep: boolean;
  log: (line: string) => void;
}): Promise<DemoSystem> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-demo-'));
  fs.chmodSync(dir, 0o755);
  const clockFile = path.join(dir, 'clock-offset');
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pgdata'),
    port: await freePort(),
    durability: 'durable',
  });
  const databaseUrl = withDatabase(pg.adminUrl, 'demo');
  await ensureDatabase(pg.adminUrl, 'demo');
  const knex = createKnex(databaseUrl, { poolMax: 4 });
  await migrateToLatest(knex);
  await importOrgTree(knex, demo);
  const channelKeys = new Map<string, string>();
  for (const channel of CHANNELS) {
    channelKeys.set(channel, (await createChannelKey(knex, { channel })).key);
  }
  const engine = await startEngineProcess(databaseUrl);
  const setClock = async (epochMillis: number) => {
    await setEngineClock(engine.restPort, epochMillis);
    fs.writeFileSync(clockFile, String(epochMillis - Date.now()));
    await new Promise((resolve) => setTimeout(resolve, 60)); // the server reads it every 20 ms
  };
  await setClock(options.start);
  const server = await serverChild({
    databaseUrl,
    grpcPort: engine.grpcPort,
    restPort: engine.restPort,
    env: {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${SHIM}`.trim(),
      MINSHENG_DEMO_CLOCK_FILE: clockFile,
    },
  });
  const running = server.start();
  await running.waitForHealth();
  return {
    knex,
    baseUrl: server.baseUrl,
    channelKeys,
    enginePid: engine.child.pid!,
    engineRestPort: engine.restPort,
    serverPid: running.app.pid!,
    setClock,
    async stop() {
      await server.stop('SIGTERM');
      server.dispose();
      await engine.stop();
      await knex.destroy();
      await pg.stop();
      if (options.keep) options.log(`kept the demo's data in ${dir}`);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
