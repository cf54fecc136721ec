import pg from 'pg';
import { useEngine } from '../support/engine';
import { callingProcess, deployProcess, get, post, taskProcess } from './rest-helpers';

interface HistoryRecord {
  position: string;
  key: string;
  recordType: string;
  valueType: string;
  intent: string;
  timestamp: number;
  processInstanceKey: string;
  value: Record<string, unknown>;
  hash: string;
}

/**
 * `GET /engine/v1/process-instances/{key}/records`: the audit history of an instance and of
 * the child instances its call activities created, in log order, with the hash chain over
 * their span re-checked from the stored values (an edited value breaks it).
 */
describe('engine API: process instance history', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;
  let parentKey: string;

  beforeAll(async () => {
    await deployProcess(engine.restUrl, 'h-child', taskProcess('h-child'));
    await deployProcess(engine.restUrl, 'h-parent', callingProcess('h-parent', 'h-child'));
    const created = await post(url('/v2/process-instances'), { processDefinitionId: 'h-parent' });
    parentKey = created.body.processInstanceKey;
  });

  async function history() {
    return get<{ items: HistoryRecord[]; chain: { verified: boolean } }>(
      url(`/engine/v1/process-instances/${parentKey}/records`),
    );
  }

  it('returns the records of the instance and its called child, in log order, chain verified', async () => {
    const response = await history();
    expect(response.status).toBe(200);
    const { items, chain } = response.body;
    expect(chain).toEqual({ verified: true });
    const positions = items.map((r) => BigInt(r.position));
    for (let i = 1; i < positions.length; i++) expect(positions[i]! > positions[i - 1]!).toBe(true);
    const child = items.find(
      (r) =>
        r.valueType === 'PROCESS_INSTANCE' &&
        r.intent === 'ELEMENT_ACTIVATING' &&
        r.value.bpmnProcessId === 'h-child' &&
        r.value.bpmnElementType === 'PROCESS',
    );
    expect(child).toBeDefined();
    expect(child!.value.parentProcessInstanceKey).toBe(parentKey);
    const instanceKeys = new Set(items.map((r) => r.processInstanceKey));
    expect(instanceKeys).toEqual(new Set([parentKey, child!.key]));
    // The child waits at its task: its job was created.
    expect(items.some((r) => r.valueType === 'JOB' && r.intent === 'CREATED')).toBe(true);
    expect(items[0]).toEqual({
      position: expect.stringMatching(/^\d+$/),
      key: expect.stringMatching(/^-?\d+$/),
      recordType: expect.any(String),
      valueType: expect.any(String),
      intent: expect.any(String),
      timestamp: expect.any(Number),
      sourceRecordPosition: expect.any(String),
      processInstanceKey: parentKey,
      value: expect.any(Object),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('an unknown instance is a 404 problem', async () => {
    const response = await get(url('/engine/v1/process-instances/2251799813685249/records'));
    expect(response.status).toBe(404);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
  });

  it('reports verified: false after a record value is edited in the database', async () => {
    const { items } = (await history()).body;
    const victim = items[Math.floor(items.length / 2)]!;
    const client = new pg.Client({ connectionString: engine.databaseUrl });
    await client.connect();
    try {
      await client.query(`UPDATE engine.records SET value = value || ' ' WHERE position = $1`, [
        victim.position,
      ]);
    } finally {
      await client.end();
    }
    const response = await history();
    expect(response.status).toBe(200);
    expect(response.body.chain).toEqual({ verified: false });
  });
});
