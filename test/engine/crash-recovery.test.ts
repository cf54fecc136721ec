import path from 'node:path';
import pg from 'pg';
import { RecordLog } from '../../engine/log/record-log';
import { verifyChain } from '../../engine/log/verify-chain';
import { createTestDatabase, dropTestDatabase } from '../support/database';
import { Camunda8 } from '@camunda8/sdk';
import { spawnEngine, stopEngine, type EngineProcess } from '../support/engine';
import { freePort } from '../support/ports';

/** A client that fails fast while the engine is down, so the test sees what was acknowledged. */
function failFastClient(port: number) {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${port}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    ZEEBE_GRPC_CLIENT_RETRY: false,
  } as never).getZeebeGrpcApiClient();
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('crash recovery', () => {
  // The SDK client logs every refused connection while the engine is down; that is expected here.
  beforeAll(() => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
  });

  let database: { name: string; url: string };
  let engine: EngineProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    if (engine) await stopEngine(engine, 'SIGKILL');
    await dropTestDatabase(database.name);
  });

  it('after repeated SIGKILL, every acknowledged instance and job completion survives and all instances complete', async () => {
    const port = await freePort();
    const env = { ENGINE_GRPC_PORT: String(port) };
    engine = await spawnEngine(database.url, env);
    const zeebe = failFastClient(port);
    await zeebe.deployResource({
      processFilename: path.join(__dirname, 'models', 'two-tasks.bpmn'),
    });

    const createdKeys = new Set<string>();
    const completedJobs = new Set<string>();
    const complete = async (job: { key: string }) => {
      try {
        await zeebe.completeJob({ jobKey: job.key, variables: {} });
        completedJobs.add(job.key); // acknowledged: must be in the log
      } catch {
        // the engine died mid-request: not acknowledged, the job will come again
      }
    };
    let working = true;
    const workLoop = async (type: string) => {
      while (working) {
        try {
          const jobs = await zeebe.activateJobs({
            type,
            worker: 'crash-test',
            maxJobsToActivate: 50,
            timeout: 1000,
            requestTimeout: 200,
          });
          await Promise.all(jobs.map(complete));
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 50)); // engine down: try again
        }
      }
    };
    const workers = [workLoop('crash-first'), workLoop('crash-second')];

    for (let round = 0; round < 5; round++) {
      const creations = Array.from({ length: 40 }, () =>
        zeebe
          .createProcessInstance({ bpmnProcessId: 'two-tasks', variables: { round } })
          .then((r) => createdKeys.add(r.processInstanceKey))
          .catch(() => undefined),
      );
      // Kill while creations and completions are in flight.
      await new Promise((resolve) => setTimeout(resolve, 30 + round * 20));
      await stopEngine(engine, 'SIGKILL');
      engine = await spawnEngine(database.url, env);
      // Calls caught by the crash fail, or (waiting for a connection) go through now.
      await Promise.all(creations);
    }

    // Let the workers finish everything on the last incarnation.
    const deadline = Date.now() + 60_000;
    let open = createdKeys.size;
    while (open > 0 && Date.now() < deadline) {
      const rows = await query<{ count: string }>(
        database.url,
        `SELECT count(DISTINCT record_key) AS count FROM engine.records
          WHERE value_type = 'PROCESS_INSTANCE' AND intent = 'ELEMENT_COMPLETED'
            AND record_key = ANY($1::bigint[]) AND record_type = 'EVENT'`,
        [[...createdKeys]],
      );
      open = createdKeys.size - Number(rows[0]!.count);
      if (open > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    working = false;
    await Promise.all(workers);
    await zeebe.close();

    expect(createdKeys.size).toBeGreaterThan(0);
    expect(open).toBe(0);
    const completions = await query<{ record_key: string }>(
      database.url,
      `SELECT record_key FROM engine.records WHERE value_type = 'JOB' AND intent = 'COMPLETED' AND record_type = 'EVENT'`,
    );
    const logged = new Set(completions.map((r) => r.record_key));
    expect([...completedJobs].filter((key) => !logged.has(key))).toEqual([]);

    // The hash chain runs unbroken across all the crashes.
    const log = await RecordLog.open(database.url);
    try {
      const chain = await verifyChain(log);
      expect(chain.ok).toBe(true);
      expect(chain.checked).toBeGreaterThan(createdKeys.size * 10);
    } finally {
      await log.close();
    }
  }, 180_000);
});
