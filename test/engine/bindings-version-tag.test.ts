/**
 * Version tags and resource binding types as Camunda 8.8 documents them (docs.camunda.io →
 * BPMN → Call activities, "Defining the called process"; Best practices → "Choosing the
 * resource binding type"), over the real gRPC and REST ports with the official SDK client.
 */
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activate, uniqueRun, type ZeebeClient } from './elements-helpers';
import { get, searchUntil } from './rest-helpers';
import { taskOf } from './user-tasks-helpers';

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">`;

/** A called process: one service task of `jobType`; `label` only changes the content. */
function child(id: string, jobType: string, options: { tag?: string; label?: string } = {}) {
  const tag = options.tag ? `<zeebe:versionTag value="${options.tag}" />` : '';
  return `${HEADER}
  <bpmn:process id="${id}" name="${options.label ?? id}" isExecutable="true">
    <bpmn:extensionElements>${tag}</bpmn:extensionElements>
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** A process calling `childId` with the given `zeebe:calledElement` binding attributes. */
function caller(id: string, childId: string, binding = '', label = id) {
  return `${HEADER}
  <bpmn:process id="${id}" name="${label}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="${childId}" ${binding} /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** A DRG with one literal decision `id` answering `answer`. */
function decision(id: string, answer: string, tag?: string) {
  const versionTag = tag ? `<zeebe:versionTag value="${tag}" />` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="drg-${id}" name="${id}" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="${id}" name="${id}">
    <extensionElements>${versionTag}</extensionElements>
    <variable id="v" name="answer" typeRef="string" />
    <literalExpression id="e"><text>"${answer}"</text></literalExpression>
  </decision>
</definitions>`;
}

/** A process whose business rule task evaluates `decisionId` into `answer`. */
function withRule(id: string, decisionId: string, binding = '') {
  return `${HEADER}
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:businessRuleTask id="rule"><bpmn:extensionElements><zeebe:calledDecision decisionId="${decisionId}" resultVariable="answer" ${binding} /></bpmn:extensionElements></bpmn:businessRuleTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rule" />
    <bpmn:sequenceFlow id="f2" sourceRef="rule" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** A Camunda form; `label` only changes the content. */
function form(id: string, options: { tag?: string; label?: string } = {}) {
  return JSON.stringify({
    id,
    type: 'default',
    schemaVersion: 16,
    components: [{ type: 'text', text: options.label ?? id }],
    ...(options.tag ? { versionTag: options.tag } : {}),
  });
}

/** A process with one Camunda user task linking form `formId` with the given binding attributes. */
function withForm(id: string, formId: string, binding = '') {
  return `${HEADER}
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="task"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="${formId}" ${binding} /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/**
 * One deployment over gRPC of name → content resources (`.form` files are forms); answers
 * the process versions and form keys by id.
 */
async function deployTogether(zeebe: ZeebeClient, resources: Record<string, string>) {
  const response = await zeebe.deployResources(
    Object.entries(resources).map(([name, content]) =>
      name.endsWith('.form')
        ? { name, form: Buffer.from(content) }
        : name.endsWith('.dmn')
          ? { name, decision: Buffer.from(content) }
          : { name, process: Buffer.from(content) },
    ),
  );
  const versions: Record<string, number> = {};
  const formKeys: Record<string, string> = {};
  for (const deployment of response.deployments as Array<{
    process?: { bpmnProcessId: string; version: number };
    form?: { formId: string; formKey: string };
  }>) {
    if (deployment.process) versions[deployment.process.bpmnProcessId] = deployment.process.version;
    if (deployment.form) formKeys[deployment.form.formId] = deployment.form.formKey;
  }
  return { key: response.key, versions, formKeys };
}

describe('resource binding types and version tags', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  it('binding type deployment calls the version deployed with the caller even after a newer one', async () => {
    const run = uniqueRun();
    const [parentId, childId] = [`dep-parent-${run}`, `dep-child-${run}`];
    await deployTogether(engine.zeebe, {
      'parent.bpmn': caller(parentId, childId, 'bindingType="deployment"'),
      'child.bpmn': child(childId, `dep-${run}`),
    });
    const newer = await deployTogether(engine.zeebe, {
      'child.bpmn': child(childId, `dep-${run}`, { label: 'newer' }),
    });
    expect(newer.versions[childId]).toBe(2);

    await engine.zeebe.createProcessInstance({ bpmnProcessId: parentId, variables: {} });
    const [job] = await activate(engine.zeebe, `dep-${run}`);
    expect(job!.bpmnProcessId).toBe(childId);
    expect(job!.processDefinitionVersion).toBe(1);
  });

  it('a deployment with one changed resource gives every resource of it a new version, so binding type deployment finds them together', async () => {
    const run = uniqueRun();
    const [parentId, childId] = [`dep2-parent-${run}`, `dep2-child-${run}`];
    const childXml = child(childId, `dep2-${run}`);
    const first = await deployTogether(engine.zeebe, {
      'parent.bpmn': caller(parentId, childId, 'bindingType="deployment"'),
      'child.bpmn': childXml,
    });
    const unchanged = await deployTogether(engine.zeebe, {
      'parent.bpmn': caller(parentId, childId, 'bindingType="deployment"'),
      'child.bpmn': childXml,
    });
    expect(unchanged.versions).toEqual(first.versions);
    const second = await deployTogether(engine.zeebe, {
      'parent.bpmn': caller(parentId, childId, 'bindingType="deployment"', 'changed'),
      'child.bpmn': childXml,
    });
    expect(second.versions).toEqual({ [parentId]: 2, [childId]: 2 });

    await engine.zeebe.createProcessInstance({ bpmnProcessId: parentId, variables: {} });
    const [job] = await activate(engine.zeebe, `dep2-${run}`);
    expect(job!.processDefinitionVersion).toBe(2);
  });

  it('binding type deployment raises a CALLED_ELEMENT_ERROR incident when the deployment holds no such process', async () => {
    const run = uniqueRun();
    const [parentId, childId] = [`dep3-parent-${run}`, `dep3-child-${run}`];
    await deployTogether(engine.zeebe, { 'child.bpmn': child(childId, `dep3-${run}`) });
    const deployment = await deployTogether(engine.zeebe, {
      'parent.bpmn': caller(parentId, childId, 'bindingType="deployment"'),
    });

    const created = await engine.zeebe.createProcessInstance({
      bpmnProcessId: parentId,
      variables: {},
    });
    const incident = await records.incident(created.processInstanceKey);
    expect(incident).toMatchObject({
      errorType: 'CALLED_ELEMENT_ERROR',
      elementId: 'call',
      errorMessage:
        `Expected to call process with BPMN process id '${childId}' with binding type 'deployment', ` +
        `but no such process found in the deployment with key ${deployment.key} which contained the current process. ` +
        'To resolve this incident, migrate the process instance to a process definition ' +
        'that is deployed together with the intended process definition to call.',
    });
  });

  it('binding type versionTag calls the latest version with that tag', async () => {
    const run = uniqueRun();
    const [parentId, childId] = [`tag-parent-${run}`, `tag-child-${run}`];
    const job = `tag-${run}`;
    await deployTogether(engine.zeebe, { 'c.bpmn': child(childId, job, { tag: 'v1.0' }) });
    await deployTogether(engine.zeebe, {
      'c.bpmn': child(childId, job, { tag: 'v1.0', label: 'fix' }),
    });
    await deployTogether(engine.zeebe, { 'c.bpmn': child(childId, job, { tag: 'v2.0' }) });
    await deployTogether(engine.zeebe, { 'c.bpmn': child(childId, job, { label: 'untagged' }) });
    await deployTogether(engine.zeebe, {
      'p.bpmn': caller(parentId, childId, 'bindingType="versionTag" versionTag="v1.0"'),
    });

    await engine.zeebe.createProcessInstance({ bpmnProcessId: parentId, variables: {} });
    const [activated] = await activate(engine.zeebe, job);
    expect(activated!.bpmnProcessId).toBe(childId);
    expect(activated!.processDefinitionVersion).toBe(2);
  });

  it('a missing version tag raises an incident; deploying a version with that tag and resolving it continues', async () => {
    const run = uniqueRun();
    const [parentId, childId] = [`miss-parent-${run}`, `miss-child-${run}`];
    const job = `miss-${run}`;
    await deployTogether(engine.zeebe, { 'c.bpmn': child(childId, job, { tag: 'v1.0' }) });
    await deployTogether(engine.zeebe, {
      'p.bpmn': caller(parentId, childId, 'bindingType="versionTag" versionTag="v9"'),
    });

    const created = await engine.zeebe.createProcessInstance({
      bpmnProcessId: parentId,
      variables: {},
    });
    const incident = await records.incident(created.processInstanceKey);
    expect(incident).toMatchObject({
      errorType: 'CALLED_ELEMENT_ERROR',
      elementId: 'call',
      errorMessage:
        `Expected to call process with BPMN process id '${childId}' and version tag 'v9', but no such process found. ` +
        'To resolve this incident, deploy a process with the given process id and version tag.',
    });
    expect(await records.childInstances(created.processInstanceKey)).toEqual([]);

    await deployTogether(engine.zeebe, { 'c.bpmn': child(childId, job, { tag: 'v9' }) });
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    const [activated] = await activate(engine.zeebe, job);
    expect(activated!.processDefinitionVersion).toBe(2);
  });

  it('latest stays the default', async () => {
    const run = uniqueRun();
    const [parentId, childId] = [`latest-parent-${run}`, `latest-child-${run}`];
    const job = `latest-${run}`;
    await deployTogether(engine.zeebe, {
      'p.bpmn': caller(parentId, childId),
      'c.bpmn': child(childId, job, { tag: 'v1.0' }),
    });
    await deployTogether(engine.zeebe, { 'c.bpmn': child(childId, job, { label: 'newer' }) });

    await engine.zeebe.createProcessInstance({ bpmnProcessId: parentId, variables: {} });
    const [activated] = await activate(engine.zeebe, job);
    expect(activated!.processDefinitionVersion).toBe(2);
  });

  it('the version tag is visible in the process definition search and get, and can be filtered on', async () => {
    const run = uniqueRun();
    const id = `search-${run}`;
    await deployTogether(engine.zeebe, { 'a.bpmn': child(id, id, { tag: 'release-7' }) });
    await deployTogether(engine.zeebe, { 'a.bpmn': child(id, id, { label: 'untagged' }) });

    const url = `${engine.restUrl}/v2/process-definitions/search`;
    const tagged = await searchUntil(
      url,
      { filter: { processDefinitionId: id, versionTag: 'release-7' } },
      (response) => response.body.items.length > 0,
    );
    expect(tagged.body.items).toEqual([
      expect.objectContaining({ processDefinitionId: id, version: 1, versionTag: 'release-7' }),
    ]);
    const all = await searchUntil<{ version: number; versionTag: string | null }>(
      url,
      { filter: { processDefinitionId: id }, sort: [{ field: 'version' }] },
      (response) => response.body.items.length === 2,
    );
    expect(all.body.items.map((item) => [item.version, item.versionTag])).toEqual([
      [1, 'release-7'],
      [2, null],
    ]);
    const key = (tagged.body.items[0] as { processDefinitionKey: string }).processDefinitionKey;
    const one = await get(`${engine.restUrl}/v2/process-definitions/${key}`);
    expect(one.body).toMatchObject({ processDefinitionKey: key, versionTag: 'release-7' });
  });

  it('a linked form with binding type deployment is the version deployed with the process even after a newer one', async () => {
    const run = uniqueRun();
    const [processId, formId] = [`form-dep-${run}`, `form-dep-${run}`];
    const first = await deployTogether(engine.zeebe, {
      'p.bpmn': withForm(processId, formId, 'bindingType="deployment"'),
      'f.form': form(formId),
    });
    const newer = await deployTogether(engine.zeebe, {
      'f.form': form(formId, { label: 'newer' }),
    });
    expect(newer.formKeys[formId]).not.toBe(first.formKeys[formId]);

    const created = await engine.zeebe.createProcessInstance({
      bpmnProcessId: processId,
      variables: {},
    });
    const task = await taskOf(engine.restUrl, created.processInstanceKey, (t) => t !== undefined);
    expect(task.formKey).toBe(first.formKeys[formId]);
  });

  it('a linked form with binding type versionTag is the latest version with that tag, and a missing tag raises a FORM_NOT_FOUND incident', async () => {
    const run = uniqueRun();
    const formId = `form-tag-${run}`;
    const tagged = await deployTogether(engine.zeebe, { 'f.form': form(formId, { tag: 'v1' }) });
    await deployTogether(engine.zeebe, { 'f.form': form(formId, { label: 'untagged' }) });
    await deployTogether(engine.zeebe, {
      'ok.bpmn': withForm(`${formId}-ok`, formId, 'bindingType="versionTag" versionTag="v1"'),
      'missing.bpmn': withForm(
        `${formId}-missing`,
        formId,
        'bindingType="versionTag" versionTag="v2"',
      ),
    });

    const ok = await engine.zeebe.createProcessInstance({
      bpmnProcessId: `${formId}-ok`,
      variables: {},
    });
    const task = await taskOf(engine.restUrl, ok.processInstanceKey, (t) => t !== undefined);
    expect(task.formKey).toBe(tagged.formKeys[formId]);

    const missing = await engine.zeebe.createProcessInstance({
      bpmnProcessId: `${formId}-missing`,
      variables: {},
    });
    expect(await records.incident(missing.processInstanceKey)).toMatchObject({
      errorType: 'FORM_NOT_FOUND',
      elementId: 'task',
      errorMessage:
        `Expected to use a form with id '${formId}' and version tag 'v2', but no such form found. ` +
        'To resolve the incident, deploy a form with the given id and version tag.\n',
    });
  });

  it('a business rule task with binding type deployment evaluates the decision deployed with the process even after a newer one', async () => {
    const run = uniqueRun();
    const [processId, decisionId] = [`rule-dep-${run}`, `rule-dep-d-${run}`];
    await deployTogether(engine.zeebe, {
      'p.bpmn': withRule(processId, decisionId, 'bindingType="deployment"'),
      'd.dmn': decision(decisionId, 'first'),
    });
    await deployTogether(engine.zeebe, { 'd.dmn': decision(decisionId, 'newer') });

    const result = await engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: processId,
      variables: {},
      requestTimeout: 20_000,
    });
    expect(result.variables).toEqual({ answer: 'first' });
  });

  it('a business rule task with binding type versionTag evaluates the latest version with that tag, and a missing tag raises a CALLED_DECISION_ERROR incident', async () => {
    const run = uniqueRun();
    const decisionId = `rule-tag-${run}`;
    await deployTogether(engine.zeebe, { 'd.dmn': decision(decisionId, 'one', 'v1') });
    await deployTogether(engine.zeebe, { 'd.dmn': decision(decisionId, 'two', 'v1') });
    await deployTogether(engine.zeebe, { 'd.dmn': decision(decisionId, 'three') });
    await deployTogether(engine.zeebe, {
      'ok.bpmn': withRule(
        `${decisionId}-ok`,
        decisionId,
        'bindingType="versionTag" versionTag="v1"',
      ),
      'missing.bpmn': withRule(
        `${decisionId}-missing`,
        decisionId,
        'bindingType="versionTag" versionTag="v2"',
      ),
    });

    const result = await engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: `${decisionId}-ok`,
      variables: {},
      requestTimeout: 20_000,
    });
    expect(result.variables).toEqual({ answer: 'two' });

    const missing = await engine.zeebe.createProcessInstance({
      bpmnProcessId: `${decisionId}-missing`,
      variables: {},
    });
    expect(await records.incident(missing.processInstanceKey)).toMatchObject({
      errorType: 'CALLED_DECISION_ERROR',
      elementId: 'rule',
      errorMessage:
        `Expected to evaluate decision with id '${decisionId}' and version tag 'v2', but no such decision found. ` +
        'To resolve this incident, deploy a decision with the given id and version tag.',
    });
  });
});
