import { useEngine } from '../support/engine';
import { deployProcess, get, post, searchUntil, taskProcess } from './rest-helpers';

/**
 * Camunda 8.8 REST: `POST /v2/incidents/search`, `GET /v2/incidents/{key}` and
 * `POST /v2/incidents/{key}/resolution`. An input mapping that fails raises an
 * IO_MAPPING_ERROR incident; once the variable is there, resolving it retries the element.
 */
describe('REST API: incidents', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;

  beforeAll(async () => {
    await deployProcess(
      engine.restUrl,
      'guarded',
      taskProcess('guarded', {
        inputSource: '=assert(amount, amount != null, &quot;amount is required&quot;)',
      }),
    );
  });

  async function incidentOf(instanceKey: string) {
    const search = await searchUntil(
      url('/v2/incidents/search'),
      { filter: { processInstanceKey: instanceKey } },
      (r) => r.body.items.length === 1,
    );
    return search.body.items[0] as Record<string, string | null>;
  }

  it('a failing input mapping shows as an ACTIVE IO_MAPPING_ERROR incident, by search and get', async () => {
    const created = await post(url('/v2/process-instances'), { processDefinitionId: 'guarded' });
    const instanceKey = created.body.processInstanceKey as string;
    const incident = await incidentOf(instanceKey);
    expect(incident).toEqual({
      incidentKey: expect.stringMatching(/^\d+$/),
      processDefinitionKey: created.body.processDefinitionKey,
      processDefinitionId: 'guarded',
      processInstanceKey: instanceKey,
      errorType: 'IO_MAPPING_ERROR',
      errorMessage: expect.stringContaining('amount is required'),
      elementId: 'task',
      elementInstanceKey: expect.stringMatching(/^\d+$/),
      jobKey: null,
      state: 'ACTIVE',
      creationTime: expect.any(String),
      tenantId: '<default>',
    });
    const one = await get(url(`/v2/incidents/${incident.incidentKey}`));
    expect(one.status).toBe(200);
    expect(one.body).toEqual(incident);
    // The instance and the element instance report the incident.
    const instance = await get(url(`/v2/process-instances/${instanceKey}`));
    expect(instance.body.hasIncident).toBe(true);
    const elements = await post(url('/v2/element-instances/search'), {
      filter: { processInstanceKey: instanceKey, hasIncident: true },
    });
    expect(elements.body.items).toEqual([
      expect.objectContaining({ elementId: 'task', incidentKey: incident.incidentKey }),
    ]);
  });

  it('resolution after the cause is fixed: 204, the incident RESOLVED, the task activated', async () => {
    const created = await post(url('/v2/process-instances'), { processDefinitionId: 'guarded' });
    const instanceKey = created.body.processInstanceKey as string;
    const incident = await incidentOf(instanceKey);
    await engine.zeebe.setVariables({
      elementInstanceKey: instanceKey,
      variables: { amount: 10 },
      local: false,
    });
    const resolved = await post(url(`/v2/incidents/${incident.incidentKey}/resolution`));
    expect(resolved.status).toBe(204);
    const after = await searchUntil(
      url('/v2/incidents/search'),
      { filter: { incidentKey: incident.incidentKey!, state: 'RESOLVED' } },
      (r) => r.body.items.length === 1,
    );
    expect(after.body.items[0].state).toBe('RESOLVED');
    const task = await searchUntil(
      url('/v2/element-instances/search'),
      { filter: { processInstanceKey: instanceKey, elementId: 'task', state: 'ACTIVE' } },
      (r) => r.body.items[0]?.hasIncident === false,
    );
    expect(task.body.items[0]).toMatchObject({ hasIncident: false, incidentKey: null });
    expect((await get(url(`/v2/process-instances/${instanceKey}`))).body.hasIncident).toBe(false);
  });

  it('incidents search filters by errorType and state', async () => {
    const active = await post(url('/v2/incidents/search'), {
      filter: { errorType: 'IO_MAPPING_ERROR', state: 'ACTIVE' },
    });
    expect(active.body.items.length).toBeGreaterThanOrEqual(1);
    for (const item of active.body.items) expect(item.state).toBe('ACTIVE');
    const none = await post(url('/v2/incidents/search'), {
      filter: { errorType: 'JOB_NO_RETRIES' },
    });
    expect(none.body).toMatchObject({ items: [], page: { totalItems: 0 } });
  });

  it('resolving or getting an unknown incident is a 404 problem', async () => {
    const resolution = await post(url('/v2/incidents/2251799813685249/resolution'));
    expect(resolution.status).toBe(404);
    expect(resolution.contentType).toMatch(/^application\/problem\+json/);
    const one = await get(url('/v2/incidents/2251799813685249'));
    expect(one.status).toBe(404);
  });
});
