import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCamundaClient, type CamundaTarget } from '../../platform';
import { deployChangedProcesses } from '../../server/runtime/deploy-processes';
import { createTestDatabase, dropTestDatabase, useTestDatabase } from '../support/database';
import { spawnEngine, stopEngine, useEngine, type EngineProcess } from '../support/engine';
import { searchUntil } from '../engine/rest-helpers';

const FIXTURES = path.join(__dirname, '../system/fixtures/processes');
const FILES = ['forms/greeting-confirm.form', 'greeting-word.dmn', 'greeting.bpmn'];

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Deployment of `processes/` at start, through the official SDK's REST client against the
 * real engine: only files whose content changed are deployed, remembered per engine.
 */
describe('deploying changed process models', () => {
  const db = useTestDatabase();
  const engine = useEngine();
  let dir: string;
  const logged: string[] = [];
  const log = (message: string) => logged.push(message);

  const apiFor = (grpcPort: number, restPort: number) => {
    const target: CamundaTarget = {
      grpcAddress: `grpc://127.0.0.1:${grpcPort}`,
      restAddress: `http://127.0.0.1:${restPort}`,
      embedded: true,
    };
    const camunda = createCamundaClient(target);
    clients.push(camunda);
    return camunda.getCamundaRestClient();
  };
  const clients: Array<ReturnType<typeof createCamundaClient>> = [];
  afterAll(() => Promise.all(clients.map((camunda) => camunda.closeAllClients())));
  const deploy = (api = apiFor(engine.port, engine.restPort)) =>
    deployChangedProcesses({ knex: db.knex, api, engine: 'embedded', dir, log });
  const greetingVersions = async (restUrl: string, count: number) => {
    const found = await searchUntil<{ version: number }>(
      `${restUrl}/v2/process-definitions/search`,
      { filter: { processDefinitionId: 'greeting' } },
      (response) => response.body.items.length >= count,
    );
    return found.body.items.map((item) => item.version).sort();
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-processes-'));
    fs.cpSync(FIXTURES, dir, { recursive: true });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('deploys every file the first time and remembers each file’s SHA-256', async () => {
    const outcome = await deploy();
    expect(outcome.deployed).toEqual(FILES);
    expect(await greetingVersions(engine.restUrl, 1)).toEqual([1]);
    const rows = await db.knex('process_deployments').orderBy('resource_name');
    expect(rows.map((row) => [row.resource_name, row.content_sha256])).toEqual(
      FILES.map((file) => [file, sha256(path.join(dir, file))]),
    );
    expect(rows.find((row) => row.resource_name === 'greeting.bpmn').process_ids).toEqual([
      'greeting',
    ]);
  });

  it('deploys nothing when no file changed', async () => {
    const before = await db.knex('process_deployments').select('resource_name', 'deployment_key');
    const outcome = await deploy();
    expect(outcome).toEqual({ deployed: [], unchanged: 3 });
    expect(await db.knex('process_deployments').select('resource_name', 'deployment_key')).toEqual(
      before,
    );
    expect(await greetingVersions(engine.restUrl, 1)).toEqual([1]);
  });

  it('deploys only the file that changed, as a new version', async () => {
    const file = path.join(dir, 'greeting.bpmn');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('name="Greeting"', 'name="问候"'));
    const outcome = await deploy();
    expect(outcome.deployed).toEqual(['greeting.bpmn']);
    expect(outcome.unchanged).toBe(2);
    expect(await greetingVersions(engine.restUrl, 2)).toEqual([1, 2]);
  });

  it('remembers nothing of a deployment the engine rejects, so the next start tries again', async () => {
    const file = path.join(dir, 'greeting-word.dmn');
    const good = fs.readFileSync(file, 'utf8');
    const before = await db
      .knex('process_deployments')
      .where({ resource_name: 'greeting-word.dmn' });
    fs.writeFileSync(file, good.replace('</definitions>', ''));
    try {
      await expect(deploy()).rejects.toThrow(
        /the engine refused to deploy greeting-word\.dmn from /,
      );
      expect(
        await db.knex('process_deployments').where({ resource_name: 'greeting-word.dmn' }),
      ).toEqual(before);
    } finally {
      fs.writeFileSync(file, good);
    }
  });

  it('deploys everything again to an engine that does not know the processes (a reset cluster)', async () => {
    const fresh = await createTestDatabase({ empty: true });
    let other: EngineProcess | undefined;
    try {
      other = await spawnEngine(fresh.url);
      const outcome = await deploy(apiFor(other.grpcPort, other.restPort));
      expect(outcome.deployed).toEqual(FILES);
      expect(logged.join('\n')).toMatch(/does not know greeting/);
      expect(await greetingVersions(`http://127.0.0.1:${other.restPort}`, 1)).toEqual([1]);
    } finally {
      if (other) await stopEngine(other);
      await dropTestDatabase(fresh.name);
    }
  }, 120_000);
});
