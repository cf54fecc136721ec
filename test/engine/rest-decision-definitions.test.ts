/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useEngine } from '../support/engine';
import { deploy, get, post, searchUntil } from './rest-helpers';

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="sizing" name="Sizing" namespace="http://camunda.org/schema/1.0/dmn">`;

/** A DRG `sizing` with one decision `size` answering `answer` for every input. */
function sizingDmn(answer: string): string {
  return `${HEADER}
  <decision id="size" name="Size">
    <decisionTable id="t" hitPolicy="FIRST">
      <input id="i"><inputExpression id="ie" typeRef="number"><text>amount</text></inputExpression></input>
      <output id="o" name="size" typeRef="string" />
      <rule id="r"><inputEntry id="e"><text>-</text></inputEntry><outputEntry id="oe"><text>"${answer}"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;
}

const FORM = JSON.stringify({
  id: 'sizing-form',
  type: 'default',
  components: [{ type: 'textfield', key: 'amount', label: 'Amount' }],
});

/**
 * Camunda 8.8's decision definition endpoints: search (DecisionDefinitionResult items),
 * get by key, and the DMN XML of the definition's decision requirements; and the form
 * FormResult by key. All read the exported (eventually consistent) search tables.
 */
describe('REST decision definitions and forms', () => {
  const engine = useEngine();
  const url = (p: string) => `${engine.restUrl}${p}`;
  let first: any;
  let second: any;

  beforeAll(async () => {
    first = await deploy(engine.restUrl, { 'sizing.dmn': sizingDmn('small') });
    second = await deploy(engine.restUrl, {
      'sizing.dmn': sizingDmn('large'),
      'sizing.form': FORM,
    });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
  });

  const deployedDecision = (response: any) =>
    response.body.deployments.find((d: any) => d.decisionDefinition)?.decisionDefinition;

  it('searches decision definitions by id, with every version and its decision requirements', async () => {
    const found = await searchUntil(
      url('/v2/decision-definitions/search'),
      { filter: { decisionDefinitionId: 'size' }, sort: [{ field: 'version', order: 'DESC' }] },
      (r) => r.body.items?.length === 2,
    );
    expect(found.status).toBe(200);
    expect(found.body.page.totalItems).toBe(2);
    const [newest, oldest] = found.body.items as any[];
    expect(newest).toEqual({
      decisionDefinitionKey: deployedDecision(second).decisionDefinitionKey,
      decisionDefinitionId: 'size',
      name: 'Size',
      version: 2,
      decisionRequirementsKey: deployedDecision(second).decisionRequirementsKey,
      decisionRequirementsId: 'sizing',
      tenantId: '<default>',
    });
    expect(oldest.version).toBe(1);
    expect(oldest.decisionDefinitionKey).toBe(deployedDecision(first).decisionDefinitionKey);
  });

  it('gets one decision definition by key and answers 404 for an unknown key', async () => {
    const key = deployedDecision(first).decisionDefinitionKey;
    await searchUntil(
      url('/v2/decision-definitions/search'),
      { filter: { decisionDefinitionKey: key } },
      (r) => r.body.items?.length === 1,
    );
    const one = await get(url(`/v2/decision-definitions/${key}`));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ decisionDefinitionId: 'size', version: 1 });
    const unknown = await get(url('/v2/decision-definitions/2251799813999999'));
    expect(unknown.status).toBe(404);
    const invalid = await get(url('/v2/decision-definitions/not-a-key'));
    expect(invalid.status).toBe(400);
  });

  it('returns the DMN XML of the version asked for as text/xml', async () => {
    const key = deployedDecision(first).decisionDefinitionKey;
    await searchUntil(
      url('/v2/decision-definitions/search'),
      { filter: { decisionDefinitionKey: key } },
      (r) => r.body.items?.length === 1,
    );
    const xml = await get(url(`/v2/decision-definitions/${key}/xml`));
    expect(xml.status).toBe(200);
    expect(xml.contentType).toMatch(/^text\/xml/);
    expect(xml.body).toBe(sizingDmn('small'));
    const newest = await get(
      url(`/v2/decision-definitions/${deployedDecision(second).decisionDefinitionKey}/xml`),
    );
    expect(newest.body).toContain('"large"');
  });

  it('lists the project routing decision after deploying processes/demand-routing.dmn', async () => {
    const dmn = readFileSync(path.join(__dirname, '../../processes/demand-routing.dmn'), 'utf8');
    const deployed = await deploy(engine.restUrl, { 'demand-routing.dmn': dmn });
    expect(deployed.status).toBe(200);
    const found = await searchUntil(
      url('/v2/decision-definitions/search'),
      { filter: { decisionRequirementsId: 'demand-routing-definitions' } },
      (r) => r.body.items?.length === 1,
    );
    expect(found.body.items[0]).toMatchObject({
      decisionDefinitionId: 'demand-routing',
      name: '诉求分级派单',
    });
  });

  it('gets a deployed form by key with its schema as JSON', async () => {
    const form = second.body.deployments.find((d: any) => d.form)?.form;
    expect(form).toBeDefined();
    let answer = await get(url(`/v2/forms/${form.formKey}`));
    for (let i = 0; answer.status === 404 && i < 100; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      answer = await get(url(`/v2/forms/${form.formKey}`));
    }
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      formKey: form.formKey,
      formId: 'sizing-form',
      version: 1,
      tenantId: '<default>',
      schema: JSON.parse(FORM),
    });
    expect((await get(url('/v2/forms/2251799813999999'))).status).toBe(404);
  });

  it('searches the deployed forms on the engine’s own API, newest first', async () => {
    const found = await searchUntil(
      url('/engine/v1/forms/search'),
      { filter: { formId: 'sizing-form' }, sort: [{ field: 'version', order: 'DESC' }] },
      (r) => r.body.items?.length === 1,
    );
    expect(found.status).toBe(200);
    const form = second.body.deployments.find((d: any) => d.form)?.form;
    expect(found.body.items).toEqual([
      {
        formKey: form.formKey,
        formId: 'sizing-form',
        version: 1,
        resourceName: 'sizing.form',
        tenantId: '<default>',
      },
    ]);
  });

  it('evaluates the newest version by id after a redeployment', async () => {
    const evaluated = await post(url('/v2/decision-definitions/evaluation'), {
      decisionDefinitionId: 'size',
      variables: { amount: 3 },
    });
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.output).toBe('"large"');
    expect(evaluated.body.decisionDefinitionVersion).toBe(2);
  });
});
