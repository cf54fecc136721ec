import { useEngine } from '../support/engine';
import { call, deployProcess, post, searchUntil, taskProcess } from './rest-helpers';

/**
 * Camunda 8.8 REST: `PUT /v2/element-instances/{key}/variables {variables, local}` sets
 * variables as the gRPC SetVariables does: a name is updated in the scope that already holds
 * it, else created in the process instance; `local: true` keeps it in the element instance's
 * own scope. Answered 204, the rejections as problems.
 */
describe('REST API: set variables of an element instance merges them into the visible scopes', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;
  const put = (path: string, body: unknown) => call(url(path), 'PUT', body);

  beforeAll(async () => {
    await deployProcess(
      engine.restUrl,
      'set-vars',
      taskProcess('set-vars', {
        inputSource: '=assert(amount, amount != null, &quot;amount is required&quot;)',
      }),
    );
  });

  async function incidentOf(instanceKey: string) {
    const search = await searchUntil(
      url('/v2/incidents/search'),
      { filter: { processInstanceKey: instanceKey, state: 'ACTIVE' } },
      (r) => r.body.items.length === 1,
    );
    return search.body.items[0] as Record<string, string>;
  }

  async function variablesOf(instanceKey: string, expected: number) {
    const found = await searchUntil(
      url('/v2/variables/search'),
      { filter: { processInstanceKey: instanceKey }, sort: [{ field: 'name', order: 'ASC' }] },
      (r) => r.body.items.length >= expected,
    );
    return found.body.items as Array<Record<string, string>>;
  }

  it('a new name lands in the process instance; resolving the incident then retries the element', async () => {
    const created = await post(url('/v2/process-instances'), {
      processDefinitionId: 'set-vars',
      variables: { other: 1 },
    });
    const instanceKey = created.body.processInstanceKey as string;
    const incident = await incidentOf(instanceKey);

    const set = await put(`/v2/element-instances/${incident.elementInstanceKey}/variables`, {
      variables: { amount: 12 },
    });
    expect(set.status).toBe(204);
    const variables = await variablesOf(instanceKey, 2);
    expect(variables.map((v) => [v.name, v.value, v.scopeKey])).toEqual([
      ['amount', '12', instanceKey],
      ['other', '1', instanceKey],
    ]);

    const resolved = await post(url(`/v2/incidents/${incident.incidentKey}/resolution`));
    expect(resolved.status).toBe(204);
    const job = await searchUntil(
      url('/v2/element-instances/search'),
      { filter: { processInstanceKey: instanceKey, elementId: 'task' } },
      (r) => r.body.items[0]?.hasIncident === false,
    );
    expect(job.body.items[0]).toMatchObject({ state: 'ACTIVE', hasIncident: false });
  });

  it('local: true keeps the value in the element instance’s own scope', async () => {
    const created = await post(url('/v2/process-instances'), { processDefinitionId: 'set-vars' });
    const instanceKey = created.body.processInstanceKey as string;
    const incident = await incidentOf(instanceKey);
    const set = await put(`/v2/element-instances/${incident.elementInstanceKey}/variables`, {
      variables: { amount: 3 },
      local: true,
    });
    expect(set.status).toBe(204);
    const [amount] = await variablesOf(instanceKey, 1);
    expect(amount).toMatchObject({ name: 'amount', scopeKey: incident.elementInstanceKey });
  });

  it('refuses a body without an object of variables (400) and an unknown element instance (404)', async () => {
    const missing = await put('/v2/element-instances/2251799813685249/variables', {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      title: 'INVALID_ARGUMENT',
      detail: 'No variables provided.',
    });
    const array = await put('/v2/element-instances/2251799813685249/variables', { variables: [] });
    expect(array.status).toBe(400);
    const local = await put('/v2/element-instances/2251799813685249/variables', {
      variables: {},
      local: 'yes',
    });
    expect(local.status).toBe(400);
    const unknown = await put('/v2/element-instances/2251799813685249/variables', {
      variables: { a: 1 },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ title: 'NOT_FOUND' });
  });
});
