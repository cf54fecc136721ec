import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { useEngine } from '../support/engine';

/**
 * Camunda 8.8 REST API: `GET /v2/topology`, `PUT /v2/clock`, `POST /v2/clock/reset`, with
 * errors as RFC 9457 problem details.
 */
describe('REST API: topology and clock', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;

  async function putClock(body: string, contentType = 'application/json') {
    return fetch(url('/v2/clock'), {
      method: 'PUT',
      headers: { 'content-type': contentType },
      body,
    });
  }

  afterEach(() => engine.resetClock());

  it('GET /v2/topology: one broker leading one healthy partition, REST spelling, version 8.8', async () => {
    const response = await fetch(url('/v2/topology'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const topology = (await response.json()) as Record<string, unknown>;
    expect(topology).toMatchObject({
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: expect.stringMatching(/^8\.8\./),
      brokers: [
        {
          nodeId: 0,
          host: '127.0.0.1',
          port: engine.port,
          version: expect.stringMatching(/^8\.8\./),
          partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
        },
      ],
    });
  });

  it('PUT /v2/clock pins the engine clock: 204, and records carry the pinned time', async () => {
    const pinned = Date.UTC(2030, 0, 1);
    const response = await putClock(JSON.stringify({ timestamp: pinned }));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    // The log's timestamps come from the engine clock: a deployment made now is dated 2030.
    const deployed = await engine.zeebe.deployResource({
      processFilename: path.join(__dirname, 'models', 'one-task.bpmn'),
    });
    const { recordedAt } = await recordTime(engine.databaseUrl, deployed.key);
    expect(recordedAt).toBe(pinned);
  });

  it('POST /v2/clock/reset returns the clock to real time: 204', async () => {
    await engine.setClock(Date.UTC(2031, 5, 1));
    const response = await fetch(url('/v2/clock/reset'), { method: 'POST' });
    expect(response.status).toBe(204);
    const before = Date.now();
    const deployed = await engine.zeebe.deployResource({
      process: Buffer.from(
        fs
          .readFileSync(path.join(__dirname, 'models', 'one-task.bpmn'), 'utf8')
          .replace('id="one-task"', 'id="one-task-reset"'),
      ),
      name: 'reset.bpmn',
    });
    const { recordedAt } = await recordTime(engine.databaseUrl, deployed.key);
    expect(recordedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(recordedAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('a missing timestamp is a 400 problem: "No timestamp provided."', async () => {
    const response = await putClock('{}');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'INVALID_ARGUMENT',
      status: 400,
      detail: 'No timestamp provided.',
      instance: '/v2/clock',
    });
  });

  it('a negative timestamp is a 400 problem: "must be not negative"', async () => {
    const response = await putClock(JSON.stringify({ timestamp: -1 }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      title: 'INVALID_ARGUMENT',
      status: 400,
      detail: "The value for timestamp is '-1' but must be not negative.",
    });
  });

  it('a timestamp that is not an integer is a 400 problem', async () => {
    for (const body of ['{"timestamp":"soon"}', '{"timestamp":1.5}']) {
      const response = await putClock(body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ title: 'INVALID_ARGUMENT', status: 400 });
    }
  });

  it('a malformed JSON body is a 400 problem', async () => {
    const response = await putClock('{"timestamp":');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 400, instance: '/v2/clock' });
  });

  it('a body that is not JSON is a 415 problem', async () => {
    const response = await putClock('timestamp=1', 'text/plain');
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ status: 415, instance: '/v2/clock' });
  });

  it('an unknown endpoint is a 404 problem', async () => {
    const response = await fetch(url('/v2/no-such-resource'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      type: 'about:blank',
      status: 404,
      instance: '/v2/no-such-resource',
    });
  });
});

/** When the engine wrote a deployment's record (the log's timestamp, from the engine clock). */
async function recordTime(databaseUrl: string, recordKey: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ recorded_at: Date }>(
      `SELECT recorded_at FROM engine.records
        WHERE record_key = $1 AND value_type = 'DEPLOYMENT' AND intent = 'CREATED'`,
      [recordKey],
    );
    if (rows.length !== 1) throw new Error(`no DEPLOYMENT CREATED record with key ${recordKey}`);
    return { recordedAt: rows[0]!.recorded_at.getTime() };
  } finally {
    await client.end();
  }
}
