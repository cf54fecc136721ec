/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { modelResources } from '../../processes';
import { useTestDatabase } from '../support/database';
import { useEngine } from '../support/engine';
import { deploy } from '../engine/rest-helpers';
import { DISTRICT, importDemoDistrict, loggedIn, makeApp, staffAccount, waitFor } from './helpers';
import { START, demandVariables } from './migration-demand-states';
import { EngineDriver } from './migration-driver';

const PROCESSES = path.join(__dirname, '../../processes');
const demandHandling = readFileSync(path.join(PROCESSES, 'demand-handling.bpmn'), 'utf8');
/** Version 2 renames 初审's task: the same-id mapping cannot find it, a process owner can. */
const renamedScreening = demandHandling
  .replaceAll('"screen-first"', '"screen-initial"')
  .replace('formId="screen-initial"', 'formId="screen-first"');

type Agent = Awaited<ReturnType<typeof loggedIn>>;

describe('a process owner edits the mapping of a migration', () => {
  const db = useTestDatabase();
  const engine = useEngine();
  let camunda: Camunda8;
  let owner: Agent;
  let v1: string;
  let v2: string;
  let instanceKey: string;
  let d: EngineDriver;

  const send = (body: object) =>
    owner.agent.post('/api/modeler/migrations').set('X-CSRF-Token', owner.csrfToken).send(body);

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    await engine.setClock(START);
    d = new EngineDriver(engine.restUrl);
    const deployed = await deploy(
      engine.restUrl,
      Object.fromEntries(modelResources().map((r) => [r.name, r.content])),
    );
    if (deployed.status !== 200) throw new Error(JSON.stringify(deployed.body));
    v1 = deployed.body.deployments.find(
      (x: any) => x.processDefinition?.processDefinitionId === 'demand-handling',
    ).processDefinition.processDefinitionKey;
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.port}`,
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    } as never);
    const t = makeApp(db.knex, { camunda });
    owner = await loggedIn(t.app, await staffAccount(db.knex, 'process_owner', DISTRICT));
    instanceKey = await d.startAt(v1, 'screen-first', demandVariables(`${DISTRICT}-mapping`));
    await d.reached(instanceKey, 'screen-first', v1);
    const v2Deployed = await owner.agent
      .post('/api/modeler/deployments')
      .set('X-CSRF-Token', owner.csrfToken)
      .send({ resources: [{ name: 'demand-handling.bpmn', content: renamedScreening }] });
    expect(v2Deployed.status).toBe(201);
    v2 = v2Deployed.body.processes[0].key;
    await waitFor(async () => {
      const plan = await send({
        sourceProcessDefinitionKey: v1,
        targetProcessDefinitionKey: v2,
        dryRun: true,
      });
      return plan.body.instances?.length === 1 ? true : undefined;
    }, 'the running instance in the search');
  }, 120_000);
  afterAll(async () => {
    await camunda?.closeAllClients();
  });

  it('the proposal lists both versions’ elements with their types beside the same-id mapping', async () => {
    const res = await owner.agent.get('/api/modeler/migrations/proposal').query({
      sourceProcessDefinitionKey: v1,
      targetProcessDefinitionKey: v2,
    });
    expect(res.status).toBe(200);
    const sources = res.body.sourceElements.map((e: any) => e.elementId);
    expect(sources).toContain('screen-first');
    expect(sources).not.toContain('received'); // a start event: nothing waits on it
    expect(res.body.targetElements).toContainEqual({
      elementId: 'screen-initial',
      name: '初审',
      type: 'bpmn:UserTask',
    });
    expect(res.body.sourceElements).toContainEqual(
      expect.objectContaining({
        elementId: 'warn-timer',
        type: 'bpmn:BoundaryEvent+bpmn:TimerEventDefinition',
      }),
    );
    const mapped = res.body.mappingInstructions.map((m: any) => m.sourceElementId);
    expect(mapped).toContain('handle');
    expect(mapped).not.toContain('screen-first');

    const bad = await owner.agent
      .get('/api/modeler/migrations/proposal')
      .query({ sourceProcessDefinitionKey: v1, targetProcessDefinitionKey: v1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['targetProcessDefinitionKey']);
  });

  it('refuses the waiting instance without a mapping, with the engine’s reason, and moves it with the edited one', async () => {
    const proposal = (
      await owner.agent
        .get('/api/modeler/migrations/proposal')
        .query({ sourceProcessDefinitionKey: v1, targetProcessDefinitionKey: v2 })
    ).body;
    const versions = { sourceProcessDefinitionKey: v1, targetProcessDefinitionKey: v2 };
    const plain = await send({ ...versions, dryRun: true });
    expect(plain.body.instances[0].refusal).toBe(
      "No mapping instruction defined for active element with id 'screen-first'. Elements cannot be migrated without a mapping.",
    );

    const edited = [
      ...proposal.mappingInstructions,
      { sourceElementId: 'screen-first', targetElementId: 'screen-initial' },
    ];
    const plan = await send({ ...versions, dryRun: true, mappingInstructions: edited });
    expect(plan.body.instances).toMatchObject([{ processInstanceKey: instanceKey, refusal: null }]);

    const res = await send({ ...versions, dryRun: false, mappingInstructions: edited });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      refused: [],
      migrated: [{ processInstanceKey: instanceKey }],
    });
    await d.reached(instanceKey, 'screen-initial', v2);
  });
});
