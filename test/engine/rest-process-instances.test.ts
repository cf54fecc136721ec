import pg from 'pg';
import { useEngine } from '../support/engine';
import {
  deployProcess,
  get,
  post,
  searchUntil,
  straightThrough,
  taskProcess,
} from './rest-helpers';

/**
 * Camunda 8.8 REST: `POST /v2/process-instances` (create, optionally awaiting completion),
 * `POST /v2/process-instances/search`, `GET /v2/process-instances/{key}` and
 * `POST /v2/process-instances/{key}/cancellation`. Search and get read the exported data.
 */
describe('REST API: process instances', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;
  let definitionKey: string;

  beforeAll(async () => {
    definitionKey = await deployProcess(engine.restUrl, 'pi-task', taskProcess('pi-task'));
    await deployProcess(engine.restUrl, 'pi-straight', straightThrough('pi-straight'));
  });

  const byKey = (key: string) => ({ filter: { processInstanceKey: key } });

  it('POST /v2/process-instances by processDefinitionId creates an instance of the latest version', async () => {
    const created = await post(url('/v2/process-instances'), {
      processDefinitionId: 'pi-task',
      variables: { amount: 5 },
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      processDefinitionId: 'pi-task',
      processDefinitionVersion: 1,
      processDefinitionKey: definitionKey,
      processInstanceKey: expect.stringMatching(/^\d+$/),
      tenantId: '<default>',
      variables: {},
    });
  });

  it('created instances are found by search and get: ACTIVE, with definition and start date', async () => {
    const created = await post(url('/v2/process-instances'), {
      processDefinitionKey: definitionKey,
    });
    const key = created.body.processInstanceKey as string;
    const search = await searchUntil(
      url('/v2/process-instances/search'),
      byKey(key),
      (r) => r.body.items.length === 1,
    );
    expect(search.body.items[0]).toEqual({
      processInstanceKey: key,
      processDefinitionKey: definitionKey,
      processDefinitionId: 'pi-task',
      processDefinitionName: 'pi-task',
      processDefinitionVersion: 1,
      startDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      endDate: null,
      state: 'ACTIVE',
      hasIncident: false,
      tenantId: '<default>',
    });
    const one = await get(url(`/v2/process-instances/${key}`));
    expect(one.status).toBe(200);
    expect(one.body).toEqual(search.body.items[0]);
  });

  it('awaitCompletion answers with the completed instance and its fetched variables', async () => {
    const created = await post(url('/v2/process-instances'), {
      processDefinitionId: 'pi-straight',
      variables: { a: 1, b: 'two' },
      awaitCompletion: true,
      fetchVariables: ['b'],
    });
    expect(created.status).toBe(200);
    expect(created.body.variables).toEqual({ b: 'two' });
    const search = await searchUntil(
      url('/v2/process-instances/search'),
      { filter: { processInstanceKey: created.body.processInstanceKey, state: 'COMPLETED' } },
      (r) => r.body.items.length === 1,
    );
    expect(search.body.items[0].endDate).toEqual(expect.any(String));
  });

  it('awaitCompletion past requestTimeout is a 504 DEADLINE_EXCEEDED problem', async () => {
    const created = await post(url('/v2/process-instances'), {
      processDefinitionId: 'pi-task',
      awaitCompletion: true,
      requestTimeout: 200,
    });
    expect(created.status).toBe(504);
    expect(created.body).toMatchObject({ status: 504, title: 'DEADLINE_EXCEEDED' });
  });

  it('cancellation terminates the instance: 204, then state TERMINATED', async () => {
    const created = await post(url('/v2/process-instances'), { processDefinitionId: 'pi-task' });
    const key = created.body.processInstanceKey as string;
    const cancelled = await post(url(`/v2/process-instances/${key}/cancellation`));
    expect(cancelled.status).toBe(204);
    const search = await searchUntil(
      url('/v2/process-instances/search'),
      byKey(key),
      (r) => r.body.items[0]?.state === 'TERMINATED',
    );
    expect(search.body.items[0]).toMatchObject({
      state: 'TERMINATED',
      endDate: expect.any(String),
    });
    // Cancelling again: the instance no longer exists for the engine.
    const again = await post(url(`/v2/process-instances/${key}/cancellation`));
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ title: 'NOT_FOUND', status: 404 });
  });

  it('creation errors: 400 naming the missing field, 404 for an unknown process', async () => {
    const none = await post(url('/v2/process-instances'), { variables: {} });
    expect(none.status).toBe(400);
    expect(none.body.detail).toBe(
      'At least one of [processDefinitionId, processDefinitionKey] is required.',
    );
    const both = await post(url('/v2/process-instances'), {
      processDefinitionId: 'pi-task',
      processDefinitionKey: definitionKey,
    });
    expect(both.status).toBe(400);
    const unknown = await post(url('/v2/process-instances'), { processDefinitionId: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain("'nope'");
    const badVariables = await post(url('/v2/process-instances'), {
      processDefinitionId: 'pi-task',
      variables: [1],
    });
    expect(badVariables.status).toBe(400);
    expect(badVariables.body.detail).toContain('variables');
  });

  it('search filters by state with $in, sorts by startDate and pages with from/limit', async () => {
    const all = await searchUntil(
      url('/v2/process-instances/search'),
      { filter: { processDefinitionId: { $in: ['pi-task', 'pi-straight'] } } },
      (r) => r.body.page.totalItems >= 4,
    );
    const total = all.body.page.totalItems;
    const first = await post(url('/v2/process-instances/search'), {
      filter: { processDefinitionId: { $in: ['pi-task', 'pi-straight'] } },
      sort: [{ field: 'startDate', order: 'DESC' }],
      page: { from: 0, limit: 2 },
    });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.page.totalItems).toBe(total);
    expect(first.body.items[0].startDate >= first.body.items[1].startDate).toBe(true);
    const next = await post(url('/v2/process-instances/search'), {
      filter: { processDefinitionId: { $in: ['pi-task', 'pi-straight'] } },
      sort: [{ field: 'startDate', order: 'DESC' }],
      page: { after: first.body.page.endCursor, limit: 2 },
    });
    const firstKeys = first.body.items.map(
      (i: { processInstanceKey: string }) => i.processInstanceKey,
    );
    for (const item of next.body.items) expect(firstKeys).not.toContain(item.processInstanceKey);
    const active = await post(url('/v2/process-instances/search'), {
      filter: { state: 'ACTIVE', processDefinitionId: 'pi-task' },
    });
    for (const item of active.body.items) expect(item.state).toBe('ACTIVE');
  });

  it('a bad sort order is a 400 naming the sort field', async () => {
    const response = await post(url('/v2/process-instances/search'), {
      sort: [{ field: 'startDate', order: 'UP' }],
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('sort[0].order');
  });

  it('the exporter catches up from the log after a restart: rebuilt tables hold every instance', async () => {
    const created = await post(url('/v2/process-instances'), { processDefinitionId: 'pi-task' });
    const key = created.body.processInstanceKey as string;
    await searchUntil(
      url('/v2/process-instances/search'),
      byKey(key),
      (r) => r.body.items.length === 1,
    );
    const before = await post(url('/v2/process-instances/search'), {});
    // Forget everything exported: on restart the exporter re-reads the whole log.
    const client = new pg.Client({ connectionString: engine.databaseUrl });
    await client.connect();
    await client.query('DELETE FROM engine.exporter_position');
    await client.query('DELETE FROM engine.process_instances');
    await client.end();
    await engine.restart();
    const after = await searchUntil(
      url('/v2/process-instances/search'),
      {},
      (r) => r.body.page.totalItems === before.body.page.totalItems,
    );
    expect(after.body.page.totalItems).toBe(before.body.page.totalItems);
    expect((await get(url(`/v2/process-instances/${key}`))).body.state).toBe('ACTIVE');
  });
});
