/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import request from 'supertest';
import { useTestDatabase } from '../support/database';
import { useEngine } from '../support/engine';
import { deploy, post, taskProcess } from '../engine/rest-helpers';
import { DISTRICT, importDemoDistrict, loggedIn, makeApp, staffAccount, waitFor } from './helpers';

const PROCESSES = path.join(__dirname, '../../processes');
const demandHandling = readFileSync(path.join(PROCESSES, 'demand-handling.bpmn'), 'utf8');
/** The warning timer fires at `warnAt`; the changed model warns an hour earlier. */
const WARN_TIMER = '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">=warnAt</bpmn:timeDate>';
const earlierWarning = demandHandling.replace(
  WARN_TIMER,
  '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">=date and time(warnAt) - duration("PT1H")</bpmn:timeDate>',
);
/** A timer expression that is not FEEL: the engine refuses the model and names the timer. */
const brokenWarning = demandHandling.replace(
  WARN_TIMER,
  '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">=warnAt +</bpmn:timeDate>',
);

const demandRouting = readFileSync(path.join(PROCESSES, 'demand-routing.dmn'), 'utf8');
/** The changed routing table sends conduct matters to the city instead of the district. */
const CONDUCT_TIER = '<outputEntry id="rule-conduct-tier">\n          <text>"district"</text>';
const conductToCity = demandRouting.replace(
  CONDUCT_TIER,
  '<outputEntry id="rule-conduct-tier">\n          <text>"city"</text>',
);

const handleForm = readFileSync(path.join(PROCESSES, 'forms/handle.form'), 'utf8');
const HANDLE_FORM_ID = (JSON.parse(handleForm) as { id: string }).id;

type Agent = Awaited<ReturnType<typeof loggedIn>>;

describe('/api/modeler', () => {
  const db = useTestDatabase();
  const engine = useEngine();
  let app: ReturnType<typeof makeApp>['app'];
  let owner: Agent;
  let dispatcher: Agent;
  let firstKey: string;

  beforeAll(async () => {
    expect(earlierWarning).not.toBe(demandHandling);
    expect(conductToCity).not.toBe(demandRouting);
    await importDemoDistrict(db.knex);
    const deployed = await deploy(engine.restUrl, {
      'demand-handling.bpmn': demandHandling,
      'spot-check.bpmn': readFileSync(path.join(PROCESSES, 'spot-check.bpmn'), 'utf8'),
      'demand-routing.dmn': demandRouting,
      'handle.form': handleForm,
    });
    if (deployed.status !== 200) throw new Error(JSON.stringify(deployed.body));
    const camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.port}`,
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
    } as never);
    ({ app } = makeApp(db.knex, { camunda, engineRecordsUrl: engine.restUrl }));
    owner = await loggedIn(app, await staffAccount(db.knex, 'process_owner', DISTRICT));
    dispatcher = await loggedIn(app, await staffAccount(db.knex, 'dispatcher', DISTRICT));
    // The list reads the engine's search tables, which trail the deployment by moments.
    firstKey = await waitFor(async () => {
      const found = await post(`${engine.restUrl}/v2/process-definitions/search`, {});
      return found.body?.items?.find((i: any) => i.processDefinitionId === 'demand-handling')
        ?.processDefinitionKey as string | undefined;
    }, 'the deployed definitions');
  });

  it('lists the deployed processes with their versions', async () => {
    const res = await owner.agent.get('/api/modeler/processes');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((p: any) => p.processDefinitionId);
    expect(ids).toEqual(expect.arrayContaining(['demand-handling', 'spot-check']));
    const handling = res.body.items.find((p: any) => p.processDefinitionId === 'demand-handling');
    expect(handling.name).toBe('诉求办理');
    expect(handling.versions).toEqual([
      {
        key: firstKey,
        version: 1,
        versionTag: null,
        name: '诉求办理',
        resourceName: 'demand-handling.bpmn',
      },
    ]);
  });

  it('serves a version’s BPMN', async () => {
    const res = await owner.agent.get(`/api/modeler/processes/${firstKey}/xml`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/xml');
    expect(res.text).toContain('<bpmn:process id="demand-handling"');
    expect(res.text).toContain(WARN_TIMER);
    expect((await owner.agent.get('/api/modeler/processes/123456789/xml')).status).toBe(404);
  });

  it('deploys a changed model as the next version, in the audit log', async () => {
    const res = await owner.agent
      .post('/api/modeler/deployments')
      .set('X-CSRF-Token', owner.csrfToken)
      .send({ resources: [{ name: 'demand-handling.bpmn', content: earlierWarning }] });
    expect(res.status).toBe(201);
    expect(res.body.processes).toEqual([
      expect.objectContaining({ processDefinitionId: 'demand-handling', version: 2 }),
    ]);
    const newKey = res.body.processes[0].key as string;

    const versions = await waitFor(async () => {
      const list = await owner.agent.get('/api/modeler/processes');
      const handling = list.body.items.find(
        (p: any) => p.processDefinitionId === 'demand-handling',
      );
      return handling.versions.length === 2 ? handling.versions : undefined;
    }, 'version 2 in the list');
    expect(versions.map((v: any) => [v.version, v.key])).toEqual([
      [2, newKey],
      [1, firstKey],
    ]);
    const xml = await owner.agent.get(`/api/modeler/processes/${newKey}/xml`);
    expect(xml.text).toContain('duration("PT1H")');

    const audit = await db.knex('audit_log').where({ action: 'process.deploy' }).first();
    expect(audit).toMatchObject({
      entity_type: 'process_model',
      entity_id: res.body.deploymentKey,
    });
    expect(audit.details).toMatchObject({
      outcome: 'succeeded',
      resources: ['demand-handling.bpmn'],
      versions: ['demand-handling:2'],
    });
  });

  it('answers the engine’s refusal as 400 naming the element', async () => {
    const res = await owner.agent
      .post('/api/modeler/deployments')
      .set('X-CSRF-Token', owner.csrfToken)
      .send({ resources: [{ name: 'demand-handling.bpmn', content: brokenWarning }] });
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toContain('warn-timer');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'warn-timer', message: expect.any(String) }),
    ]);

    const service = await owner.agent
      .post('/api/modeler/deployments')
      .set('X-CSRF-Token', owner.csrfToken)
      .send({
        resources: [
          {
            name: 'no-job-type.bpmn',
            content: taskProcess('no-job-type').replace(/<zeebe:taskDefinition [^>]*\/>/, ''),
          },
        ],
      });
    expect(service.status).toBe(400);
    expect(service.body.errors.map((e: any) => e.field)).toContain('task');
  });

  it('checks the request before the engine sees it', async () => {
    const res = await owner.agent
      .post('/api/modeler/deployments')
      .set('X-CSRF-Token', owner.csrfToken)
      .send({ resources: [{ name: '../evil.sh', content: '' }] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.field)).toEqual([
      'resources[0].name',
      'resources[0].content',
    ]);
  });

  async function routingVersions(count: number): Promise<any[]> {
    return waitFor(async () => {
      const list = await owner.agent.get('/api/modeler/decisions');
      const routing = list.body.items?.find(
        (d: any) => d.decisionRequirementsId === 'demand-routing-definitions',
      );
      return routing?.versions.length === count ? routing.versions : undefined;
    }, `${count} routing versions in the list`);
  }

  it('lists the deployed decisions grouped by their DMN file, with versions', async () => {
    const versions = await routingVersions(1);
    const res = await owner.agent.get('/api/modeler/decisions');
    expect(res.status).toBe(200);
    const routing = res.body.items.find(
      (d: any) => d.decisionRequirementsId === 'demand-routing-definitions',
    );
    expect(routing.name).toBe('诉求分级派单');
    expect(versions).toEqual([
      {
        version: 1,
        decisions: [
          {
            key: expect.stringMatching(/^\d+$/),
            decisionDefinitionId: 'demand-routing',
            name: '诉求分级派单',
            version: 1,
            decisionRequirementsKey: expect.stringMatching(/^\d+$/),
          },
        ],
      },
    ]);
    const xml = await owner.agent.get(`/api/modeler/decisions/${versions[0].decisions[0].key}/xml`);
    expect(xml.status).toBe(200);
    expect(xml.type).toBe('application/xml');
    expect(xml.text).toBe(demandRouting);
    expect((await owner.agent.get('/api/modeler/decisions/123456789/xml')).status).toBe(404);
  });

  it('deploys a changed decision table as the next version, which the engine then evaluates', async () => {
    await routingVersions(1);
    const res = await owner.agent
      .post('/api/modeler/deployments')
      .set('X-CSRF-Token', owner.csrfToken)
      .send({ resources: [{ name: 'demand-routing.dmn', content: conductToCity }] });
    expect(res.status).toBe(201);
    expect(res.body.decisions).toEqual([
      expect.objectContaining({ decisionDefinitionId: 'demand-routing', version: 2 }),
    ]);
    const versions = await routingVersions(2);
    expect(versions.map((v: any) => v.version)).toEqual([2, 1]);
    const xml = await owner.agent.get(`/api/modeler/decisions/${versions[0].decisions[0].key}/xml`);
    expect(xml.text).toContain('<text>"city"</text>');
    const evaluated = await post(`${engine.restUrl}/v2/decision-definitions/evaluation`, {
      decisionDefinitionId: 'demand-routing',
      variables: {
        scope: null,
        suggestion: { tier: 'village' },
        category: 'complaint',
        domain: 'conduct',
        matter: null,
      },
    });
    expect(evaluated.status).toBe(200);
    expect(JSON.parse(evaluated.body.output).tier).toBe('city');
    const audit = await db
      .knex('audit_log')
      .where({ action: 'process.deploy', entity_id: res.body.deploymentKey })
      .first();
    expect(audit.details).toMatchObject({
      resources: ['demand-routing.dmn'],
      versions: ['demand-routing:2'],
    });
  });

  it('lists the deployed forms with their versions and serves a version’s schema', async () => {
    const forms = await waitFor(async () => {
      const list = await owner.agent.get('/api/modeler/forms');
      expect(list.status).toBe(200);
      const found = list.body.items.find((f: any) => f.formId === HANDLE_FORM_ID);
      return found?.versions.length === 1 ? found : undefined;
    }, 'the deployed form in the list');
    expect(forms.versions).toEqual([
      { key: expect.stringMatching(/^\d+$/), version: 1, resourceName: 'handle.form' },
    ]);
    const schema = await owner.agent.get(`/api/modeler/forms/${forms.versions[0].key}`);
    expect(schema.status).toBe(200);
    expect(schema.body).toEqual(JSON.parse(handleForm));
    expect((await owner.agent.get('/api/modeler/forms/123456789')).status).toBe(404);
  });

  it('is for process owners only', async () => {
    expect((await dispatcher.agent.get('/api/modeler/forms')).status).toBe(403);
    expect((await dispatcher.agent.get('/api/modeler/processes')).status).toBe(403);
    expect((await dispatcher.agent.get('/api/modeler/decisions')).status).toBe(403);
    expect((await request(app).get('/api/modeler/decisions')).status).toBe(401);
    expect((await dispatcher.agent.get(`/api/modeler/processes/${firstKey}/xml`)).status).toBe(403);
    const res = await dispatcher.agent
      .post('/api/modeler/deployments')
      .set('X-CSRF-Token', dispatcher.csrfToken)
      .send({ resources: [{ name: 'demand-handling.bpmn', content: earlierWarning }] });
    expect(res.status).toBe(403);
    expect((await request(app).get('/api/modeler/processes')).status).toBe(401);
  });

  it('refuses a deployment without the CSRF token', async () => {
    const res = await owner.agent
      .post('/api/modeler/deployments')
      .send({ resources: [{ name: 'demand-handling.bpmn', content: earlierWarning }] });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('urn:minsheng:problem:csrf-token-invalid');
  });
});
