import { useEngine } from '../support/engine';
import { deployProcess, get, post, searchUntil, taskProcess } from './rest-helpers';

/**
 * Camunda 8.8 REST: `POST /v2/element-instances/search` and `POST /v2/variables/search`, with
 * filters, sort and pagination, over the exported data.
 */
describe('REST API: element instances and variables search', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;
  let instanceKey: string;

  beforeAll(async () => {
    await deployProcess(engine.restUrl, 'ev-task', taskProcess('ev-task'));
    const created = await post(url('/v2/process-instances'), {
      processDefinitionId: 'ev-task',
      variables: { alpha: 1, beta: { nested: true }, gamma: 'three' },
    });
    instanceKey = created.body.processInstanceKey;
    // The instance waits at the service task: process, start event and task were activated.
    await searchUntil(
      url('/v2/element-instances/search'),
      { filter: { processInstanceKey: instanceKey, elementId: 'task' } },
      (r) => r.body.items.length === 1,
    );
  });

  it('element instances of an instance: the process ACTIVE, the start event COMPLETED, the task ACTIVE', async () => {
    const response = await post(url('/v2/element-instances/search'), {
      filter: { processInstanceKey: instanceKey },
      sort: [{ field: 'elementId', order: 'ASC' }],
    });
    expect(response.status).toBe(200);
    expect(response.body.page.totalItems).toBe(3);
    expect(
      response.body.items.map((i: Record<string, unknown>) => [i.elementId, i.type, i.state]),
    ).toEqual([
      ['ev-task', 'PROCESS', 'ACTIVE'],
      ['start', 'START_EVENT', 'COMPLETED'],
      ['task', 'SERVICE_TASK', 'ACTIVE'],
    ]);
    expect(response.body.items[2]).toMatchObject({
      elementInstanceKey: expect.stringMatching(/^\d+$/),
      processInstanceKey: instanceKey,
      processDefinitionId: 'ev-task',
      hasIncident: false,
      incidentKey: null,
      startDate: expect.any(String),
      endDate: null,
      tenantId: '<default>',
    });
    expect(response.body.items[1].endDate).toEqual(expect.any(String));
    const task = response.body.items[2];
    const one = await get(url(`/v2/element-instances/${task.elementInstanceKey}`));
    expect(one.status).toBe(200);
    expect(one.body).toEqual(task);
  });

  it('element instances filter by type and state; the page limit and from cut the result', async () => {
    const events = await post(url('/v2/element-instances/search'), {
      filter: { processInstanceKey: instanceKey, type: 'START_EVENT', state: 'COMPLETED' },
    });
    expect(events.body.items.map((i: { elementId: string }) => i.elementId)).toEqual(['start']);
    const second = await post(url('/v2/element-instances/search'), {
      filter: { processInstanceKey: instanceKey },
      sort: [{ field: 'elementId', order: 'DESC' }],
      page: { from: 1, limit: 1 },
    });
    expect(second.body.items.map((i: { elementId: string }) => i.elementId)).toEqual(['start']);
    expect(second.body.page.totalItems).toBe(3);
  });

  it('variables search returns values as JSON text, filtered by instance and sorted by name', async () => {
    const response = await post(url('/v2/variables/search'), {
      filter: { processInstanceKey: instanceKey },
      sort: [{ field: 'name', order: 'DESC' }],
    });
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({ name: 'gamma', value: '"three"', isTruncated: false }),
      expect.objectContaining({ name: 'beta', value: '{"nested":true}' }),
      expect.objectContaining({ name: 'alpha', value: '1' }),
    ]);
    expect(response.body.items[0]).toEqual({
      variableKey: expect.stringMatching(/^\d+$/),
      name: 'gamma',
      value: '"three"',
      isTruncated: false,
      scopeKey: instanceKey,
      processInstanceKey: instanceKey,
      tenantId: '<default>',
    });
    const one = await get(url(`/v2/variables/${response.body.items[0].variableKey}`));
    expect(one.body).toEqual(response.body.items[0]);
  });

  it('variables filter by name with $like and by name equality', async () => {
    const like = await post(url('/v2/variables/search'), {
      filter: { processInstanceKey: instanceKey, name: { $like: '*a' } },
      sort: [{ field: 'name' }],
    });
    expect(like.body.items.map((i: { name: string }) => i.name)).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
    const prefix = await post(url('/v2/variables/search'), {
      filter: { processInstanceKey: instanceKey, name: { $like: 'al?ha' } },
    });
    expect(prefix.body.items.map((i: { name: string }) => i.name)).toEqual(['alpha']);
    const one = await post(url('/v2/variables/search'), {
      filter: { processInstanceKey: instanceKey, name: 'beta' },
    });
    expect(one.body.items).toHaveLength(1);
  });

  it('an updated variable shows its new value', async () => {
    await engine.zeebe.setVariables({
      elementInstanceKey: instanceKey,
      variables: { alpha: 2 },
      local: false,
    });
    const response = await searchUntil(
      url('/v2/variables/search'),
      { filter: { processInstanceKey: instanceKey, name: 'alpha' } },
      (r) => r.body.items[0]?.value === '2',
    );
    expect(response.body.items[0].value).toBe('2');
  });

  it('a malformed key in a filter is a 400 naming the field', async () => {
    const response = await post(url('/v2/variables/search'), {
      filter: { processInstanceKey: 'not-a-key' },
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('filter.processInstanceKey');
  });

  it('a page limit beyond the maximum is a 400 naming page.limit', async () => {
    const response = await post(url('/v2/element-instances/search'), { page: { limit: 0 } });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('page.limit');
  });
});
