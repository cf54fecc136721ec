import { useEngine } from '../support/engine';
import { deploy, get, post, searchUntil, taskProcess } from './rest-helpers';

/**
 * Camunda 8.8 REST: `POST /v2/deployments` (multipart/form-data) and the process-definition
 * search, get and XML endpoints, which read the exported (eventually consistent) search data.
 */
describe('REST API: deployments and process definitions', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;

  it('POST /v2/deployments deploys the multipart resources and answers deployments[].processDefinition', async () => {
    const response = await deploy(engine.restUrl, {
      'one-task.bpmn': taskProcess('one-task'),
      'two-tasks.bpmn': taskProcess('two-tasks'),
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      deploymentKey: expect.stringMatching(/^\d+$/),
      tenantId: '<default>',
      deployments: [
        {
          processDefinition: {
            processDefinitionId: 'one-task',
            processDefinitionVersion: 1,
            resourceName: 'one-task.bpmn',
            tenantId: '<default>',
            processDefinitionKey: expect.stringMatching(/^\d+$/),
          },
        },
        {
          processDefinition: expect.objectContaining({
            processDefinitionId: 'two-tasks',
            processDefinitionVersion: 1,
          }),
        },
      ],
    });
  });

  it('POST /v2/deployments without resources is a 400 problem', async () => {
    const form = new FormData();
    form.append('tenantId', '<default>');
    const response = await fetch(url('/v2/deployments'), { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      status: 400,
      title: 'INVALID_ARGUMENT',
      detail: 'No resources provided.',
    });
  });

  it('POST /v2/deployments of an invalid model is a 400 problem naming the problem', async () => {
    const form = new FormData();
    form.append('resources', new Blob(['<not-bpmn'], { type: 'application/xml' }), 'bad.bpmn');
    const response = await fetch(url('/v2/deployments'), { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ title: 'INVALID_ARGUMENT' });
  });

  it('process-definitions search filters by processDefinitionId; get and xml return one definition', async () => {
    const deployed = await deploy(engine.restUrl, {
      'named.bpmn': taskProcess('named', { name: 'A named process' }),
    });
    const key = deployed.body.deployments[0].processDefinition.processDefinitionKey as string;
    const search = await searchUntil(
      url('/v2/process-definitions/search'),
      { filter: { processDefinitionId: 'named' } },
      (r) => r.body.items.length === 1,
    );
    expect(search.status).toBe(200);
    expect(search.body).toEqual({
      items: [
        {
          processDefinitionKey: key,
          processDefinitionId: 'named',
          name: 'A named process',
          version: 1,
          versionTag: null,
          resourceName: 'named.bpmn',
          tenantId: '<default>',
          hasStartForm: false,
        },
      ],
      page: expect.objectContaining({ totalItems: 1 }),
    });
    const one = await get(url(`/v2/process-definitions/${key}`));
    expect(one.status).toBe(200);
    expect(one.body).toEqual(search.body.items[0]);
    const xml = await get(url(`/v2/process-definitions/${key}/xml`));
    expect(xml.status).toBe(200);
    expect(xml.contentType).toMatch(/^text\/xml/);
    expect(xml.body).toContain('id="named"');
  });

  it('redeploying a changed model makes version 2; isLatestVersion filters to it', async () => {
    // Unchanged content keeps its version (Zeebe's duplicate detection); changed gets the next.
    await deploy(engine.restUrl, { 'one-task.bpmn': taskProcess('one-task') });
    await deploy(engine.restUrl, { 'one-task.bpmn': taskProcess('one-task', { jobType: 'v2' }) });
    const search = await searchUntil(
      url('/v2/process-definitions/search'),
      { filter: { processDefinitionId: 'one-task' }, sort: [{ field: 'version', order: 'DESC' }] },
      (r) => r.body.items.length >= 2,
    );
    expect(search.body.items.map((i: { version: number }) => i.version)).toEqual([2, 1]);
    const latest = await post(url('/v2/process-definitions/search'), {
      filter: { processDefinitionId: 'one-task', isLatestVersion: true },
    });
    expect(latest.body.items.map((i: { version: number }) => i.version)).toEqual([2]);
  });

  it('GET /v2/process-definitions/{key}: 404 for an unknown key, 400 for a malformed one', async () => {
    const missing = await get(url('/v2/process-definitions/2251799813685249'));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, title: 'NOT_FOUND' });
    const malformed = await get(url('/v2/process-definitions/abc'));
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toContain('processDefinitionKey');
  });

  it('a search with an unknown filter field is a 400 naming the field', async () => {
    const response = await post(url('/v2/process-definitions/search'), {
      filter: { colour: 'blue' },
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('filter.colour');
  });
});
