import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import request from 'supertest';
import { startProcessStarter, type ProcessStarter } from '../../server';
import { createTestDatabase, dropTestDatabase, useTestDatabase } from '../support/database';
import { spawnEngine, stopEngine, type EngineProcess } from '../support/engine';
import { freePort } from '../support/ports';
import { deployProcess, searchUntil } from '../engine/rest-helpers';
import {
  DISTRICT,
  TOWNSHIP,
  VILLAGE,
  channelKey,
  importDemoDistrict,
  makeApp,
  waitFor,
  type TestApp,
} from './helpers';

const STUB = readFileSync(path.join(__dirname, 'fixtures/demand-handling-stub.bpmn'), 'utf8');

/**
 * The official client as a server would configure it, except that its own retries are off so
 * the starter's back-off is what waits for the engine, and reconnects are quick.
 */
function camundaClient(grpcPort: number): Camunda8 {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${grpcPort}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: {
      ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
      ZEEBE_GRPC_CLIENT_RETRY: false,
      GRPC_INITIAL_RECONNECT_BACKOFF_MS: 100,
      GRPC_MAX_RECONNECT_BACKOFF_MS: 500,
    },
  } as never);
}

describe('process starter: a 201 demand gets its process, even when the engine was down', () => {
  const db = useTestDatabase();
  let engineDb: { name: string; url: string };
  let engine: EngineProcess | undefined;
  let grpcPort: number;
  let restPort: number;
  let camunda: Camunda8;
  let starter: ProcessStarter | undefined;
  let t: TestApp;
  let key: string;
  const starterLog: string[] = [];
  const restUrl = () => `http://127.0.0.1:${restPort}`;

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    key = (await channelKey(db.knex, 'hotline_12345')).key;
    engineDb = await createTestDatabase();
    grpcPort = await freePort();
    restPort = await freePort();
    camunda = camundaClient(grpcPort);
  });

  afterAll(async () => {
    await starter?.stop();
    await camunda.getZeebeGrpcApiClient().close();
    if (engine) await stopEngine(engine);
    await dropTestDatabase(engineDb.name);
  }, 30_000);

  const outboxOf = (demandId: string) =>
    db.knex('process_start_outbox').where({ demand_id: demandId }).first();
  const demandOf = (code: string) => db.knex('demands').where({ code }).first();

  it('answers 201 with the engine down, then creates the instance exactly once when it is up', async () => {
    starter = startProcessStarter({
      knex: db.knex,
      camunda,
      log: (line) => starterLog.push(line),
      pollIntervalMs: 100,
      backoffBaseMs: 100,
      backoffMaxMs: 400,
    });
    t = makeApp(db.knex, { onDemandStored: starter.wake });
    const res = await request(t.app)
      .post('/api/demands')
      .set('Authorization', `Bearer ${key}`)
      .send({
        externalId: 'engine-down-1',
        content: '村口桥面塌了一块，车辆通行危险',
        location: { unitCode: VILLAGE.code },
      });
    expect(res.status).toBe(201);
    const demand = await demandOf(res.body.code);

    // The starter tries, fails and backs off while nothing listens on the engine's port.
    const failing = await waitFor(async () => {
      const row = await outboxOf(demand.id);
      return row.attempts >= 3 ? row : undefined;
    }, 'failed start attempts');
    expect(failing.started_at).toBeNull();
    expect(failing.last_error).toEqual(expect.any(String));
    expect(starterLog.join('\n')).toContain(`starting the process of ${res.body.code} failed`);
    expect((await demandOf(res.body.code)).process_instance_key).toBeNull();

    engine = await spawnEngine(engineDb.url, {
      ENGINE_GRPC_PORT: String(grpcPort),
      ENGINE_REST_PORT: String(restPort),
    });
    await deployProcess(restUrl(), 'demand-handling', STUB);

    const bound = await waitFor(
      async () => {
        const row = await demandOf(res.body.code);
        return row.process_instance_key ? String(row.process_instance_key) : undefined;
      },
      'the stored process instance key',
      60_000,
    );
    const outbox = await outboxOf(demand.id);
    expect(outbox).toEqual(
      expect.objectContaining({ process_instance_key: bound, started_at: expect.any(Date) }),
    );

    const instances = await searchUntil(
      `${restUrl()}/v2/process-instances/search`,
      { filter: { processDefinitionId: 'demand-handling' } },
      (r) => r.body.items?.length >= 1,
    );
    expect(
      instances.body.items.map((i: { processInstanceKey: string }) => i.processInstanceKey),
    ).toEqual([bound]);

    const variables = await searchUntil(
      `${restUrl()}/v2/variables/search`,
      { filter: { processInstanceKey: bound } },
      (r) => r.body.items?.length >= 8,
    );
    const values = Object.fromEntries(
      variables.body.items.map((v: { name: string; value: string }) => [
        v.name,
        JSON.parse(v.value),
      ]),
    );
    const stored = await demandOf(res.body.code);
    expect(values).toEqual({
      demandCode: res.body.code,
      channel: 'hotline_12345',
      districtCode: DISTRICT,
      townshipCode: TOWNSHIP.code,
      villageCode: VILLAGE.code,
      isPetition: false,
      divertedTo: null,
      // What triage proposed at intake, as the process reads it (the routing table's input).
      suggestion: {
        category: stored.suggestion.category,
        domain: stored.suggestion.domain,
        outcome: 'valid',
        tier: stored.suggestion.tier,
        leadUnitCode: stored.suggestion.leadUnitCode,
        coUnitCodes: stored.suggestion.coUnitCodes,
        duplicateOf: null,
        confidence: stored.suggestion.confidence,
      },
    });
    expect(stored.suggestion).toEqual(
      expect.objectContaining({ domain: expect.any(String), tier: expect.any(String) }),
    );
  }, 120_000);

  it('starts a new demand at once when the engine is up', async () => {
    const res = await request(t.app)
      .post('/api/demands')
      .set('Authorization', `Bearer ${key}`)
      .send({ content: '有人在楼顶上要跳楼，现在还在上面', location: { unitCode: VILLAGE.code } });
    expect(res.status).toBe(201);
    const keyOf = await waitFor(async () => {
      const row = await demandOf(res.body.code);
      return row.process_instance_key ? String(row.process_instance_key) : undefined;
    }, 'the process instance key');
    const divertedTo = await searchUntil(
      `${restUrl()}/v2/variables/search`,
      { filter: { processInstanceKey: keyOf, name: 'divertedTo' } },
      (r) => r.body.items?.length === 1,
    );
    expect(JSON.parse(divertedTo.body.items[0].value)).toBe('110');
  }, 60_000);

  it('never overwrites a key bound meanwhile: the extra instance is left to end itself', async () => {
    await starter?.stop();
    const res = await request(t.app)
      .post('/api/demands')
      .set('Authorization', `Bearer ${key}`)
      .send({ content: '垃圾站三天没有清运，气味很大', location: { unitCode: VILLAGE.code } });
    const demand = await demandOf(res.body.code);
    // Another instance binds the demand while this starter's create call is on its way, as
    // the register worker of an earlier, unrecorded start would.
    const real = camunda.getZeebeGrpcApiClient();
    const racing = {
      getZeebeGrpcApiClient: () =>
        ({
          createProcessInstance: async (
            request: Parameters<typeof real.createProcessInstance>[0],
          ) => {
            await db
              .knex('demands')
              .where({ id: demand.id })
              .update({ process_instance_key: '77' });
            return real.createProcessInstance(request);
          },
        }) as unknown as typeof real,
    };
    const log: string[] = [];
    starter = startProcessStarter({ knex: db.knex, camunda: racing, log: (l) => log.push(l) });
    const done = await waitFor(async () => {
      const row = await outboxOf(demand.id);
      return row.started_at ? row : undefined;
    }, 'the outbox row done');
    expect(String((await demandOf(res.body.code)).process_instance_key)).toBe('77');
    expect(done.process_instance_key).not.toBe('77');
    expect(done.last_error).toBe('the demand already had a process instance');
    expect(log.join('\n')).toContain(`${res.body.code} already had a process instance`);
    const extra = await searchUntil(
      `${restUrl()}/v2/process-instances/search`,
      { filter: { processInstanceKey: String(done.process_instance_key) } },
      (r) => r.body.items?.length === 1,
    );
    expect(extra.body.items).toEqual([expect.objectContaining({ state: 'ACTIVE' })]);
  }, 60_000);
});
