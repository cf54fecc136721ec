/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { Camunda8 } from '@camunda8/sdk';
import pg from 'pg';
import { useEngine } from '../support/engine';
import { deployProcess, get, post, searchUntil } from './rest-helpers';

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">`;

/**
 * start → user task `review` → user task `sign` (no name) → end; the process and the
 * elements named as given (an absent name leaves the attribute out).
 */
function namedProcess(id: string, processName?: string): string {
  const name = (text?: string) => (text === undefined ? '' : ` name="${text}"`);
  return `${HEADER}
  <bpmn:process id="${id}"${name(processName)} isExecutable="true">
    <bpmn:startEvent id="start"${name('Demand received')} />
    <bpmn:userTask id="review"${name('Review the demand')}><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:userTask id="sign"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="sign" />
    <bpmn:sequenceFlow id="f3" sourceRef="sign" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/**
 * Names in the Camunda 8.8 REST API (Orchestration Cluster API: UserTaskResult,
 * ElementInstanceResult, ProcessDefinitionResult, ProcessInstanceResult): a user task's
 * `name` and an element instance's `elementName` are the BPMN element's name, or its id when
 * it has none; `processName` / `processDefinitionName` the process's name, or its id.
 */
describe('REST names', () => {
  const engine = useEngine();
  const url = (path: string) => `${engine.restUrl}${path}`;
  let definitionKey: string;
  let unnamedKey: string;

  beforeAll(async () => {
    definitionKey = await deployProcess(
      engine.restUrl,
      'named',
      namedProcess('named', 'Handle a citizen demand'),
    );
    unnamedKey = await deployProcess(engine.restUrl, 'unnamed', namedProcess('unnamed'));
  });

  async function startInstance(processDefinitionId: string): Promise<string> {
    const created = await post(url('/v2/process-instances'), { processDefinitionId });
    expect(created.status).toBe(200);
    return created.body.processInstanceKey;
  }

  async function taskOf(processInstanceKey: string, elementId: string): Promise<any> {
    const found = await searchUntil(
      url('/v2/user-tasks/search'),
      { filter: { processInstanceKey, elementId } },
      (r) => r.body.items?.length === 1,
    );
    return found.body.items[0];
  }

  async function completeTask(task: any) {
    expect((await post(url(`/v2/user-tasks/${task.userTaskKey}/completion`), {})).status).toBe(204);
  }

  it('a user task carries its BPMN element name and its process name in search and get (Camunda 8.8 UserTaskResult name, processName)', async () => {
    const instanceKey = await startInstance('named');
    const task = await taskOf(instanceKey, 'review');
    expect(task).toMatchObject({
      name: 'Review the demand',
      processName: 'Handle a citizen demand',
    });
    const byKey = await get(url(`/v2/user-tasks/${task.userTaskKey}`));
    expect(byKey.status).toBe(200);
    expect(byKey.body).toMatchObject({
      name: 'Review the demand',
      processName: 'Handle a citizen demand',
    });
    const byName = await post(url('/v2/user-tasks/search'), {
      filter: { name: 'Review the demand', processInstanceKey: instanceKey },
    });
    expect(byName.body.items.map((t: any) => t.userTaskKey)).toEqual([task.userTaskKey]);
  });

  it('a user task whose element has no name is named by its element id, and a process without a name by its id (Camunda 8.8 UserTaskResult name)', async () => {
    const instanceKey = await startInstance('unnamed');
    await completeTask(await taskOf(instanceKey, 'review'));
    const sign = await taskOf(instanceKey, 'sign');
    expect(sign).toMatchObject({ name: 'sign', processName: 'unnamed' });
  });

  it('an element instance carries its element name in elementName, its id when the element has none, in search and get; elementName filters (Camunda 8.8 ElementInstanceResult elementName)', async () => {
    const instanceKey = await startInstance('named');
    await taskOf(instanceKey, 'review');
    const search = await searchUntil(
      url('/v2/element-instances/search'),
      { filter: { processInstanceKey: instanceKey }, sort: [{ field: 'elementInstanceKey' }] },
      (r) => r.body.items?.length === 3,
    );
    expect(search.body.items.map((e: any) => [e.elementId, e.elementName])).toEqual([
      ['named', 'Handle a citizen demand'],
      ['start', 'Demand received'],
      ['review', 'Review the demand'],
    ]);
    const review = search.body.items[2];
    const byKey = await get(url(`/v2/element-instances/${review.elementInstanceKey}`));
    expect(byKey.body.elementName).toBe('Review the demand');
    const byName = await post(url('/v2/element-instances/search'), {
      filter: { processInstanceKey: instanceKey, elementName: 'Demand received' },
    });
    expect(byName.body.items.map((e: any) => e.elementId)).toEqual(['start']);
    const unnamed = await startInstance('unnamed');
    await completeTask(await taskOf(unnamed, 'review'));
    const sign = await searchUntil(
      url('/v2/element-instances/search'),
      { filter: { processInstanceKey: unnamed, elementId: 'sign' } },
      (r) => r.body.items?.length === 1,
    );
    expect(sign.body.items[0].elementName).toBe('sign');
    const process = await post(url('/v2/element-instances/search'), {
      filter: { processInstanceKey: unnamed, elementId: 'unnamed' },
    });
    expect(process.body.items[0].elementName).toBe('unnamed');
  });

  it('a process definition carries its name in search and get (Camunda 8.8 ProcessDefinitionResult name)', async () => {
    const search = await post(url('/v2/process-definitions/search'), {
      filter: { name: 'Handle a citizen demand' },
    });
    expect(search.body.items.map((d: any) => d.processDefinitionKey)).toEqual([definitionKey]);
    const byKey = await get(url(`/v2/process-definitions/${definitionKey}`));
    expect(byKey.body).toMatchObject({
      name: 'Handle a citizen demand',
      processDefinitionId: 'named',
    });
    const unnamed = await get(url(`/v2/process-definitions/${unnamedKey}`));
    expect(unnamed.body.name ?? undefined).toBeUndefined();
  });

  it('a process instance carries its process definition name, or the process id when the process has none; processDefinitionName filters (Camunda 8.8 ProcessInstanceResult processDefinitionName)', async () => {
    const named = await startInstance('named');
    const unnamed = await startInstance('unnamed');
    const both = await searchUntil(
      url('/v2/process-instances/search'),
      { filter: { processInstanceKey: { $in: [named, unnamed] } } },
      (r) => r.body.items?.length === 2,
    );
    const names = Object.fromEntries(
      both.body.items.map((p: any) => [p.processInstanceKey, p.processDefinitionName]),
    );
    expect(names).toEqual({ [named]: 'Handle a citizen demand', [unnamed]: 'unnamed' });
    const byName = await post(url('/v2/process-instances/search'), {
      filter: { processDefinitionName: 'unnamed', processInstanceKey: unnamed },
    });
    expect(byName.body.items).toHaveLength(1);
    expect((await get(url(`/v2/process-instances/${named}`))).body.processDefinitionName).toBe(
      'Handle a citizen demand',
    );
  });

  it('the SDK REST client reads the same names: searchUserTasks, getUserTask, searchElementInstances, getElementInstance, getProcessDefinition (Camunda 8.8 REST names)', async () => {
    const client = new Camunda8({
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'error',
    } as never).getCamundaRestClient();
    const created = await client.createProcessInstance({
      processDefinitionId: 'named',
      variables: {},
    });
    const instanceKey = String(created.processInstanceKey);
    const task = await taskOf(instanceKey, 'review');
    const tasks = await client.searchUserTasks({
      filter: { processInstanceKey: instanceKey },
    } as never);
    expect(tasks.items[0]).toMatchObject({ name: 'Review the demand' });
    expect(await client.getUserTask(task.userTaskKey)).toMatchObject({
      name: 'Review the demand',
      processName: 'Handle a citizen demand',
    });
    const elements = await client.searchElementInstances({
      filter: { processInstanceKey: instanceKey, elementId: 'review' },
    } as never);
    expect(elements.items[0]).toMatchObject({ elementName: 'Review the demand' });
    const element = await client.getElementInstance(elements.items[0]!.elementInstanceKey as never);
    expect(element).toMatchObject({ elementName: 'Review the demand' });
    expect(await client.getProcessDefinition(definitionKey as never)).toMatchObject({
      name: 'Handle a citizen demand',
    });
  });

  it('search tables of an older layout are rebuilt from the log when the engine starts, names included', async () => {
    const instanceKey = await startInstance('named');
    const task = await taskOf(instanceKey, 'review');
    const client = new pg.Client({ connectionString: engine.databaseUrl });
    await client.connect();
    try {
      await client.query('UPDATE engine.search_layout SET version = 1');
      await client.query('ALTER TABLE engine.process_definitions DROP COLUMN element_names');
    } finally {
      await client.end();
    }
    await engine.restart();
    const again = await taskOf(instanceKey, 'review');
    expect(again).toMatchObject({ userTaskKey: task.userTaskKey, name: 'Review the demand' });
  });
});
