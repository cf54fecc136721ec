import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, dropTestDatabase } from '../support/database';
import { spawnEngine, stopEngine, type EngineProcess } from '../support/engine';
import { startSystem, systemEnv, type RunningSystem } from './running-system';

const FIXTURES = path.join(__dirname, 'fixtures/processes');

/**
 * With ZEEBE_GRPC_ADDRESS and ZEEBE_REST_ADDRESS set, `npm start` starts no engine of its own
 * and runs against that one through the SDK (here an engine in another process, standing in
 * for a Camunda cluster without authentication).
 */
describe('npm start against an engine named by ZEEBE_* variables', () => {
  let dataDir: string;
  let database: { name: string; url: string };
  let engine: EngineProcess;
  let system: RunningSystem | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-external-'));
    database = await createTestDatabase({ empty: true });
    engine = await spawnEngine(database.url);
  }, 120_000);
  afterAll(async () => {
    await system?.stop('SIGINT');
    await stopEngine(engine);
    await dropTestDatabase(database.name);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('deploys to that engine, reports it in /health, and starts no engine of its own', async () => {
    const grpc = `grpc://127.0.0.1:${engine.grpcPort}`;
    const rest = `http://127.0.0.1:${engine.restPort}`;
    system = startSystem(
      await systemEnv(dataDir, {
        MINSHENG_DEMO: 'off',
        MINSHENG_PROCESSES_DIR: FIXTURES,
        ZEEBE_GRPC_ADDRESS: grpc,
        ZEEBE_REST_ADDRESS: rest,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
      }),
    );
    await system.waitForHealth();

    const output = system.output();
    expect(output).toContain(`engine      gRPC ${grpc}  REST ${rest}/v2  (Camunda cluster)`);
    expect(output).not.toMatch(/\[engine\] gRPC gateway on/);
    expect(output).toMatch(/deployed 3 file\(s\)/);
    const health = (await (await fetch(system.healthUrl)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', engine: { status: 'ok', embedded: false } });

    const search = await fetch(`${rest}/v2/process-definitions/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { processDefinitionId: 'greeting' } }),
    });
    expect(((await search.json()) as { items: unknown[] }).items).toHaveLength(1);
    expect(await system.stop('SIGINT')).toBe(0);
  }, 240_000);
});
