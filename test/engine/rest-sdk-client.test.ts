import { Camunda8 } from '@camunda8/sdk';
import { useEngine } from '../support/engine';
import { straightThrough, taskProcess } from './rest-helpers';

type RestClient = ReturnType<Camunda8['getCamundaRestClient']>;

/** Camunda's own REST client (`@camunda8/sdk` 8.8 CamundaRestClient) works against the engine unchanged. */
describe('REST API: the official SDK REST client', () => {
  const engine = useEngine();
  let client: RestClient;

  beforeAll(() => {
    client = new Camunda8({
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'error',
    } as never).getCamundaRestClient();
  });

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('deployResources, createProcessInstance, searchProcessInstances and cancelProcessInstance', async () => {
    const deployed = await client.deployResources([
      { name: 'sdk-task.bpmn', content: taskProcess('sdk-task') },
    ]);
    expect(deployed.processes[0]).toMatchObject({ processDefinitionId: 'sdk-task' });
    const created = await client.createProcessInstance({
      processDefinitionId: 'sdk-task',
      variables: { n: 1 },
    });
    expect(created.processInstanceKey).toMatch(/^\d+$/);
    const search = await eventually(
      () =>
        client.searchProcessInstances({
          filter: { processInstanceKey: created.processInstanceKey },
        }),
      (r) => r.items.length === 1,
    );
    expect(search.items[0]).toMatchObject({ processDefinitionId: 'sdk-task', state: 'ACTIVE' });
    await client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
    const after = await eventually(
      () =>
        client.searchProcessInstances({
          filter: { processInstanceKey: created.processInstanceKey },
        }),
      (r) => r.items[0]?.state === 'TERMINATED',
    );
    expect(after.items[0]!.state).toBe('TERMINATED');
  });

  it('createProcessInstanceWithResult returns the result variables', async () => {
    await client.deployResources([
      { name: 'sdk-straight.bpmn', content: straightThrough('sdk-straight') },
    ]);
    const result = await client.createProcessInstanceWithResult({
      processDefinitionId: 'sdk-straight',
      variables: { answer: 42 },
    });
    expect(result.variables).toMatchObject({ answer: 42 });
  });

  it('getProcessDefinition, getProcessDefinitionXML and searchVariables', async () => {
    const deployed = await client.deployResources([
      { name: 'sdk-defs.bpmn', content: taskProcess('sdk-defs') },
    ]);
    const key = deployed.processes[0]!.processDefinitionKey;
    const definition = await eventually(
      () => client.getProcessDefinition(key).catch(() => undefined),
      (d) => d !== undefined,
    );
    expect(definition).toMatchObject({ processDefinitionId: 'sdk-defs', version: 1 });
    expect(await client.getProcessDefinitionXML(key)).toContain('id="sdk-defs"');
    const created = await client.createProcessInstance({
      processDefinitionId: 'sdk-defs',
      variables: { colour: 'red' },
    });
    const variables = await eventually(
      () => client.searchVariables({ filter: { processInstanceKey: created.processInstanceKey } }),
      (r) => r.items.length === 1,
    );
    expect(variables.items[0]).toMatchObject({ name: 'colour', value: '"red"' });
  });
});
