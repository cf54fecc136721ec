/**
 * Decisions in the engine as Camunda 8.8 documents them (docs.camunda.io → DMN; BPMN →
 * Business rule tasks; APIs → EvaluateDecision, POST /v2/decision-definitions/evaluation):
 * deployment, business rule tasks with zeebe:calledDecision, and evaluation over both APIs.
 */
import fs from 'node:fs';
import { useEngine } from '../support/engine';
import { useEngineRecords } from '../support/engine-records';
import { activate, deploy, modelPath, startInstance, uniqueRun } from './elements-helpers';

/** zeebe.proto's Deployment entries for DMN (the SDK types `deployments` loosely). */
interface DeploymentEntry {
  decision?: {
    dmnDecisionId: string;
    dmnDecisionName: string;
    version: number;
    decisionKey: string;
    decisionRequirementsKey: string;
  };
  decisionRequirements?: { decisionRequirementsKey: string };
}

const entriesOf = (response: { deployments: unknown[] }) =>
  response.deployments as DeploymentEntry[];
const decisionsOf = (response: { deployments: unknown[] }) =>
  entriesOf(response).flatMap((d) => (d.decision ? [d.decision] : []));

describe('DMN decisions in the engine', () => {
  const engine = useEngine();
  const records = useEngineRecords(engine);

  beforeAll(async () => {
    await engine.zeebe.deployResource({ decisionFilename: modelPath('dmn-routing.dmn') });
    await engine.zeebe.deployResource({ decisionFilename: modelPath('dmn-hit-policies.dmn') });
    await deploy(
      engine.zeebe,
      'dmn-route-demand.bpmn',
      'dmn-route-mapped.bpmn',
      'dmn-unique-task.bpmn',
      'dmn-missing-task.bpmn',
    );
  });

  it('deploying a DMN creates a decision requirements graph and its decisions; the same content keeps its version, changed content gets the next', async () => {
    const xml = fs.readFileSync(modelPath('dmn-routing.dmn'));
    const first = await engine.zeebe.deployResources([{ name: 'dmn-routing.dmn', decision: xml }]);
    const drg = entriesOf(first).find((d) => d.decisionRequirements)!.decisionRequirements!;
    expect(drg).toMatchObject({
      dmnDecisionRequirementsId: 'demandRouting',
      dmnDecisionRequirementsName: 'Demand routing',
      version: 1,
      // Unchanged since beforeAll's deployment (by file path): the same version.
      resourceName: expect.stringMatching(/dmn-routing\.dmn$/),
    });
    const decisions = decisionsOf(first);
    expect(decisions.map((d) => [d.dmnDecisionId, d.dmnDecisionName, d.version])).toEqual([
      ['routeDemand', 'Route demand', 1],
      ['assessDifficulty', 'Assess difficulty', 1],
    ]);
    expect(decisions[0]!.decisionRequirementsKey).toBe(drg.decisionRequirementsKey);

    const changed = Buffer.from(xml.toString().replace('"front-desk"', '"reception"'));
    const second = await engine.zeebe.deployResources([
      { name: 'dmn-routing.dmn', decision: changed },
    ]);
    const next = decisionsOf(second);
    expect(next.map((d) => d.version)).toEqual([2, 2]);
    expect(next[0]!.decisionKey).not.toBe(decisions[0]!.decisionKey);
    // Back to the original content: a new version again (it differs from the latest).
    const third = await engine.zeebe.deployResources([{ name: 'dmn-routing.dmn', decision: xml }]);
    const again = await engine.zeebe.deployResources([{ name: 'dmn-routing.dmn', decision: xml }]);
    const versionsOf = (r: typeof third) => decisionsOf(r).map((d) => d.version);
    expect(versionsOf(third)).toEqual([3, 3]);
    expect(versionsOf(again)).toEqual([3, 3]);
  });

  it('POST /v2/deployments deploys a DMN and lists its decision definitions and requirements', async () => {
    const xml = fs
      .readFileSync(modelPath('dmn-late.dmn'), 'utf8')
      .replace('id="lateDecisions"', 'id="restDecisions"')
      .replace('id="lateGreeting"', 'id="restGreeting"');
    const form = new FormData();
    form.append('resources', new Blob([xml], { type: 'application/xml' }), 'rest.dmn');
    const response = await fetch(`${engine.restUrl}/v2/deployments`, {
      method: 'POST',
      body: form,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { deployments: Array<Record<string, unknown>> };
    expect(body.deployments).toEqual([
      {
        decisionDefinition: expect.objectContaining({
          decisionDefinitionId: 'restGreeting',
          name: 'Late greeting',
          version: 1,
          decisionRequirementsId: 'restDecisions',
        }),
      },
      {
        decisionRequirements: expect.objectContaining({
          decisionRequirementsId: 'restDecisions',
          version: 1,
          resourceName: 'rest.dmn',
        }),
      },
    ]);
  });

  it('an invalid DMN is rejected at deployment, naming the resource', async () => {
    await expect(
      engine.zeebe.deployResources([{ name: 'broken.dmn', decision: Buffer.from('<definitions') }]),
    ).rejects.toThrow(/'broken.dmn': Failed to parse the DMN/);
  });

  it('a business rule task sets the decision result to its resultVariable, visible to the next job', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'dmn-route-demand', {
      run,
      category: 'housing',
      pages: 40,
    });
    const [job] = await activate(engine.zeebe, `assign-${run}`);
    expect(job!.processInstanceKey).toBe(key);
    expect(job!.variables).toEqual({ run, category: 'housing', pages: 40, tier: 'specialist' });
    const [evaluated] = await records.waitFor({
      valueType: 'DECISION_EVALUATION',
      intent: 'EVALUATED',
      processInstanceKey: key,
    });
    expect(evaluated!.value).toMatchObject({
      decisionId: 'routeDemand',
      decisionOutput: '"specialist"',
      elementId: 'route',
      bpmnProcessId: 'dmn-route-demand',
    });
  });

  it('output mappings of the business rule task apply to the result variable', async () => {
    const run = uniqueRun();
    await startInstance(engine.zeebe, 'dmn-route-mapped', { run, category: 'roads', pages: 1 });
    const [job] = await activate(engine.zeebe, `assign-${run}`);
    // The result variable stays local to the task; only the mapped variable leaves it.
    expect(job!.variables).toEqual({ run, category: 'roads', pages: 1, queue: 'front-desk-queue' });
  });

  it('a failed evaluation raises a DECISION_EVALUATION_ERROR incident; resolving it evaluates again', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'dmn-unique-task', { run, amount: 150 });
    const incident = await records.incident(key);
    expect(incident.errorType).toBe('DECISION_EVALUATION_ERROR');
    expect(incident.errorMessage).toBe(
      "Expected to evaluate decision 'uniqueOverlap', but multiple rules matched for hit policy 'UNIQUE', only one is allowed: 'u_r1', 'u_r2'",
    );
    await records.waitFor({
      valueType: 'DECISION_EVALUATION',
      intent: 'FAILED',
      processInstanceKey: key,
    });
    await engine.zeebe.setVariables({
      elementInstanceKey: key,
      variables: { amount: 7 },
      local: false,
    });
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    const [job] = await activate(engine.zeebe, `after-${run}`);
    expect(job!.variables).toMatchObject({ amount: 7, band: 'low' });
  });

  it('a decision that is not deployed raises a CALLED_DECISION_ERROR incident; after deploying it, resolving continues', async () => {
    const run = uniqueRun();
    const key = await startInstance(engine.zeebe, 'dmn-missing-task', { run, name: 'Ana' });
    const incident = await records.incident(key);
    expect(incident).toMatchObject({
      errorType: 'CALLED_DECISION_ERROR',
      errorMessage:
        "Expected to evaluate decision 'lateGreeting', but no decision found for id 'lateGreeting'",
      elementId: 'late',
    });
    await engine.zeebe.deployResource({ decisionFilename: modelPath('dmn-late.dmn') });
    await engine.zeebe.resolveIncident({ incidentKey: incident.key });
    const [job] = await activate(engine.zeebe, `late-${run}`);
    expect(job!.variables).toMatchObject({ greeting: 'Hello Ana' });
  });

  it('EvaluateDecision (gRPC) by decision id evaluates the latest version, with required decisions and details', async () => {
    const response = await engine.zeebe.evaluateDecision({
      decisionId: 'routeDemand',
      variables: { category: 'housing', pages: 12 },
    });
    expect(response).toMatchObject({
      decisionId: 'routeDemand',
      decisionName: 'Route demand',
      decisionRequirementsId: 'demandRouting',
      decisionOutput: '"specialist"',
      failedDecisionId: '',
      failureMessage: '',
    });
    expect(response.evaluatedDecisions.map((d) => [d.decisionId, d.decisionOutput])).toEqual([
      ['assessDifficulty', '"hard"'],
      ['routeDemand', '"specialist"'],
    ]);
    expect(response.evaluatedDecisions[1]!.matchedRules[0]).toMatchObject({
      ruleId: 'rule_housing_hard',
      ruleIndex: 1,
    });
    expect(response.evaluatedDecisions[1]!.evaluatedInputs[1]).toMatchObject({
      inputId: 'in_difficulty',
      inputValue: '"hard"',
    });
    const byKey = await engine.zeebe.evaluateDecision({
      decisionKey: response.decisionKey,
      variables: { category: 'roads', pages: 2 },
    });
    expect(byKey.decisionOutput).toBe('"front-desk"');
  });

  it('EvaluateDecision (gRPC): a failure is answered with failedDecisionId and failureMessage; an unknown decision is NOT_FOUND', async () => {
    const failed = await engine.zeebe.evaluateDecision({
      decisionId: 'anyAgree',
      variables: { amount: 1 },
    });
    expect(failed.failedDecisionId).toBe('anyAgree');
    expect(failed.failureMessage).toMatch(/^Expected to evaluate decision 'anyAgree', but/);
    await expect(
      engine.zeebe.evaluateDecision({ decisionId: 'nowhere', variables: {} }),
    ).rejects.toThrow(/no decision found for id 'nowhere'/);
  });

  it('POST /v2/decision-definitions/evaluation answers the 8.8 shape', async () => {
    const post = (body: unknown) =>
      fetch(`${engine.restUrl}/v2/decision-definitions/evaluation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const response = await post({
      decisionDefinitionId: 'collectSum',
      variables: { amount: 2000 },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      decisionDefinitionId: 'collectSum',
      decisionDefinitionName: 'Collect sum',
      decisionDefinitionVersion: 1,
      output: '115',
      failedDecisionDefinitionId: '',
      failureMessage: '',
      tenantId: '<default>',
    });
    expect(typeof body.decisionDefinitionKey).toBe('string');
    expect(typeof body.decisionInstanceKey).toBe('string');
    expect(body.evaluatedDecisions).toEqual([
      expect.objectContaining({
        decisionDefinitionId: 'collectSum',
        decisionDefinitionType: 'DECISION_TABLE',
        output: '115',
      }),
    ]);

    const invalid = await post({ variables: {} });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      title: 'INVALID_ARGUMENT',
      detail: 'At least one of [decisionDefinitionId, decisionDefinitionKey] is required.',
    });
    const missing = await post({ decisionDefinitionKey: '123456789' });
    expect(missing.status).toBe(404);
  });
});
