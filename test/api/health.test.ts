import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createCamundaClient, createKnex } from '../../platform';
import { createApp } from '../../server';
import { engineHealthProbe } from '../../server/runtime/engine-health';
import { startJobWorkers } from '../../server/runtime/workers';
import { useTestDatabase } from '../support/database';
import { useEngine } from '../support/engine';
import { freePort } from '../support/ports';

/** The job types the deployed models ask for: one worker each. */
function jobTypesOfModels(): Set<string> {
  const dir = path.join(__dirname, '../../processes');
  const types = new Set<string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.bpmn'))) {
    const xml = readFileSync(path.join(dir, file), 'utf8');
    for (const [, type] of xml.matchAll(/<zeebe:taskDefinition type="([^"]+)"/g)) types.add(type!);
  }
  return types;
}
import { startWorkers, workerState } from './fixtures/workers';

describe('GET /health', () => {
  const db = useTestDatabase();

  it('answers 200 with db ok when PostgreSQL answers', async () => {
    const res = await request(createApp({ knex: db.knex, dataKey: randomBytes(32) })).get(
      '/health',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers 503 naming the database when PostgreSQL is unreachable', async () => {
    // A real connection attempt to a port where nothing listens, not a mocked failure.
    const knexWarnings: string[] = [];
    const unreachable = createKnex('postgres://nobody:nothing@127.0.0.1:1/none', {
      poolMax: 1,
      log: (message) => knexWarnings.push(message),
    });
    try {
      const res = await request(createApp({ knex: unreachable, dataKey: randomBytes(32) })).get(
        '/health',
      );
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'unavailable', db: 'unreachable' });
      expect(knexWarnings.join('\n')).toContain('ECONNREFUSED');
    } finally {
      await unreachable.destroy();
    }
  });
});

describe('GET /health of the running system: engine and workers', () => {
  const db = useTestDatabase();
  const engine = useEngine();
  const clients: Array<ReturnType<typeof createCamundaClient>> = [];
  const restClient = (restPort: number) => {
    const camunda = createCamundaClient({
      grpcAddress: 'grpc://127.0.0.1:1',
      restAddress: `http://127.0.0.1:${restPort}`,
      embedded: true,
    });
    clients.push(camunda);
    return camunda.getCamundaRestClient();
  };
  afterAll(() => Promise.all(clients.map((camunda) => camunda.closeAllClients())));

  it('answers 200 with the engine version and the workers’ last poll when all parts are up', async () => {
    workerState.running = true;
    workerState.lastPollAt = '2026-12-02T08:00:00.000Z';
    const workers = await startJobWorkers({ knex: db.knex } as never, startWorkers);
    const app = createApp({
      knex: db.knex,
      dataKey: randomBytes(32),
      health: {
        engine: engineHealthProbe(restClient(engine.restPort), true),
        workers: () => workers.status(),
      },
    });
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      db: 'ok',
      engine: { status: 'ok', version: '8.8.0', embedded: true, brokers: 1 },
      workers: { status: 'ok', running: true, lastPollAt: '2026-12-02T08:00:00.000Z' },
    });
  });

  it('answers 503 naming the engine when its gateway does not answer', async () => {
    const closedPort = await freePort();
    const app = createApp({
      knex: db.knex,
      dataKey: randomBytes(32),
      health: { engine: engineHealthProbe(restClient(closedPort), true) },
    });
    const res = await request(app).get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      db: 'ok',
      engine: { status: 'unreachable' },
    });
  });

  it('answers 503 naming the workers when they stopped, with their last error', async () => {
    const workers = await startJobWorkers({ knex: db.knex } as never, startWorkers);
    workerState.lastError = 'UNAVAILABLE: the gateway went away';
    await workers.stop();
    const app = createApp({
      knex: db.knex,
      dataKey: randomBytes(32),
      health: { workers: () => workers.status() },
    });
    const res = await request(app).get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      db: 'ok',
      workers: { status: 'down', running: false, lastError: 'UNAVAILABLE: the gateway went away' },
    });
  });

  it('reports the real job workers: running, one worker per job type, then down once stopped', async () => {
    const camunda = createCamundaClient({
      grpcAddress: `grpc://127.0.0.1:${engine.port}`,
      restAddress: engine.restUrl,
      embedded: true,
    });
    clients.push(camunda);
    const workers = await startJobWorkers({ knex: db.knex, camunda, log: () => undefined });
    const app = createApp({
      knex: db.knex,
      dataKey: randomBytes(32),
      health: { workers: () => workers.status() },
    });
    const up = await request(app).get('/health');
    expect(up.status).toBe(200);
    expect(up.body.workers).toMatchObject({
      status: 'ok',
      running: true,
      jobTypes: jobTypesOfModels().size,
    });
    await workers.stop();
    const down = await request(app).get('/health');
    expect(down.status).toBe(503);
    expect(down.body.workers).toMatchObject({ status: 'down', running: false });
  });
});
