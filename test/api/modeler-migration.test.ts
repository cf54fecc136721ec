/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { useTestDatabase } from '../support/database';
import { useEngine } from '../support/engine';
import { deploy, get, post } from '../engine/rest-helpers';
import {
  auditRows,
  DISTRICT,
  importDemoDistrict,
  loggedIn,
  makeApp,
  staffAccount,
  waitFor,
  type TestApp,
} from './helpers';
import { TOWNSHIP_A, VILLAGE_A1, insertDemand } from './staff-fixtures';

const PROCESSES = path.join(__dirname, '../../processes');
const demandHandling = readFileSync(path.join(PROCESSES, 'demand-handling.bpmn'), 'utf8');
/** Version 2 warns an hour earlier: the change a county makes while demands are running. */
const earlierWarning = demandHandling.replace(
  '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">=warnAt</bpmn:timeDate>',
  '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">=date and time(warnAt) - duration("PT1H")</bpmn:timeDate>',
);

type Agent = Awaited<ReturnType<typeof loggedIn>>;
type Stage = 'screen-first' | 'record-first-screening' | 'handle';

/** Ten running demands: four waiting for 初审, three recorded after it, three in 办理. */
const STAGES: Stage[] = [
  ...Array<Stage>(4).fill('screen-first'),
  ...Array<Stage>(3).fill('record-first-screening'),
  ...Array<Stage>(3).fill('handle'),
];
const codeOf = (index: number) => `${DISTRICT}-20261201-${String(index + 1).padStart(5, '0')}`;
const LATER = '2027-06-01T09:00:00+08:00';

describe('POST /api/modeler/migrations', () => {
  const db = useTestDatabase();
  const engine = useEngine();
  let camunda: Camunda8;
  let t: TestApp;
  let owner: Agent;
  let admin: Agent;
  let v1: string;
  let v2: string;
  const instances: string[] = [];

  const openTask = (processInstanceKey: string) =>
    waitFor(async () => {
      const found = await post(`${engine.restUrl}/v2/user-tasks/search`, {
        filter: { processInstanceKey, state: 'CREATED' },
      });
      return found.body.items?.[0] as Record<string, any> | undefined;
    }, `the open task of ${processInstanceKey}`);

  const activeElement = (processInstanceKey: string, elementId: string) =>
    waitFor(async () => {
      const found = await post(`${engine.restUrl}/v2/element-instances/search`, {
        filter: { processInstanceKey, elementId, state: 'ACTIVE' },
      });
      return found.body.items?.[0] as Record<string, any> | undefined;
    }, `${elementId} of ${processInstanceKey}`);

  const send = (agent: Agent, body: object) =>
    agent.agent.post('/api/modeler/migrations').set('X-CSRF-Token', agent.csrfToken).send(body);

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    // The user tasks need their forms: without them each task is an incident.
    const forms = Object.fromEntries(
      ['screen-first', 'screen-review', 'handle'].map((id) => [
        `${id}.form`,
        readFileSync(path.join(PROCESSES, 'forms', `${id}.form`), 'utf8'),
      ]),
    );
    const deployed = await deploy(engine.restUrl, {
      'demand-handling.bpmn': demandHandling,
      ...forms,
    });
    if (deployed.status !== 200) throw new Error(JSON.stringify(deployed.body));
    v1 = deployed.body.deployments.find((d: any) => d.processDefinition).processDefinition
      .processDefinitionKey;
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.port}`,
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    } as never);
    t = makeApp(db.knex, { camunda });
    owner = await loggedIn(t.app, await staffAccount(db.knex, 'process_owner', DISTRICT));
    admin = await loggedIn(t.app, await staffAccount(db.knex, 'admin', DISTRICT));

    for (const [index, stage] of STAGES.entries()) {
      const code = codeOf(index);
      const created = await post(`${engine.restUrl}/v2/process-instances`, {
        processDefinitionKey: v1,
        startInstructions: [{ elementId: stage === 'handle' ? 'handling' : 'screen-first' }],
        variables: {
          demandCode: code,
          districtCode: DISTRICT,
          townshipCode: TOWNSHIP_A.code,
          villageCode: VILLAGE_A1.code,
          handlerGroup: `village_staff:${VILLAGE_A1.code}`,
          warnAt: LATER,
          resolutionDue: LATER,
          escalateAt: LATER,
          reminderCycle: 'R/P1D',
        },
      });
      if (created.status !== 200) throw new Error(JSON.stringify(created.body));
      const key = String(created.body.processInstanceKey);
      instances.push(key);
      await insertDemand(db.knex, t.dataKey, {
        code,
        receivedAt: '2026-12-01T09:00:00+08:00',
        township: TOWNSHIP_A.code,
        village: VILLAGE_A1.code,
        processInstanceKey: key,
      });
    }
    // Three demands are screened as valid: they wait at the recording of the screening.
    for (const [index, stage] of STAGES.entries()) {
      if (stage !== 'record-first-screening') continue;
      const task = await openTask(instances[index]!);
      const done = await post(`${engine.restUrl}/v2/user-tasks/${task.userTaskKey}/completion`, {
        variables: { screeningOutcome: 'valid' },
      });
      expect(done.status).toBe(204);
    }
    for (const [index, stage] of STAGES.entries()) await activeElement(instances[index]!, stage);

    const res = await send(owner, {}).set('X-CSRF-Token', owner.csrfToken);
    expect(res.status).toBe(400);
    const v2Deployed = await owner.agent
      .post('/api/modeler/deployments')
      .set('X-CSRF-Token', owner.csrfToken)
      .send({ resources: [{ name: 'demand-handling.bpmn', content: earlierWarning }] });
    expect(v2Deployed.status).toBe(201);
    v2 = v2Deployed.body.processes[0].key;
    // The running instances are found through the engine's search, which trails it by moments.
    await waitFor(async () => {
      const found = await post(`${engine.restUrl}/v2/process-instances/search`, {
        filter: { processDefinitionKey: v1, state: 'ACTIVE' },
      });
      return found.body.items?.length === STAGES.length ? true : undefined;
    }, 'the running instances in the search');
  }, 60_000);
  afterAll(async () => {
    await camunda.closeAllClients();
  });

  it('dry run: the same-id mapping, each demand with what it waits on, nothing moved', async () => {
    const res = await send(owner, {
      sourceProcessDefinitionKey: v1,
      targetProcessDefinitionKey: v2,
      dryRun: true,
    });
    expect(res.status).toBe(200);
    const mapped = res.body.mappingInstructions.map((m: any) => m.sourceElementId);
    expect(mapped).toEqual(
      expect.arrayContaining(['screen-first', 'record-first-screening', 'handling', 'handle']),
    );
    expect(mapped).toContain('warn-timer');
    expect(mapped).not.toContain('received');
    expect(res.body.instances).toHaveLength(STAGES.length);
    for (const [index, stage] of STAGES.entries()) {
      const planned = res.body.instances.find(
        (i: any) => i.processInstanceKey === instances[index],
      );
      expect(planned).toMatchObject({ demandCode: codeOf(index), refusal: null });
      expect(planned.activeElements.map((e: any) => e.elementId)).toContain(stage);
    }

    // Without 初审 in the mapping, the demands waiting there would be refused.
    const partial = await send(owner, {
      sourceProcessDefinitionKey: v1,
      targetProcessDefinitionKey: v2,
      dryRun: true,
      mappingInstructions: res.body.mappingInstructions.filter(
        (m: any) => m.sourceElementId !== 'screen-first',
      ),
    });
    const refused = partial.body.instances.filter((i: any) => i.refusal !== null);
    expect(refused.map((i: any) => i.demandCode).sort()).toEqual(
      STAGES.flatMap((stage, index) => (stage === 'screen-first' ? [codeOf(index)] : [])),
    );
    expect(refused[0].refusal).toContain("'screen-first'");

    const instance = (await get(`${engine.restUrl}/v2/process-instances/${instances[0]}`)).body;
    expect(instance.processDefinitionKey).toBe(v1);
  });

  it('is for process owners, with the CSRF token, and checks the request', async () => {
    const body = { sourceProcessDefinitionKey: v1, targetProcessDefinitionKey: v2, dryRun: true };
    expect((await send(admin, body)).status).toBe(403);
    const noCsrf = await owner.agent.post('/api/modeler/migrations').send(body);
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.type).toBe('urn:minsheng:problem:csrf-token-invalid');
    const bad = await send(owner, {
      sourceProcessDefinitionKey: 'x',
      targetProcessDefinitionKey: v2,
      dryRun: 'yes',
      mappingInstructions: [{ sourceElementId: 'a b', targetElementId: 'ok' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual([
      'sourceProcessDefinitionKey',
      'dryRun',
      'mappingInstructions[0].sourceElementId',
    ]);
  });

  it('migrates every running demand; they go on in version 2', async () => {
    const res = await send(owner, {
      sourceProcessDefinitionKey: v1,
      targetProcessDefinitionKey: v2,
      dryRun: false,
    });
    expect(res.status).toBe(200);
    expect(res.body.refused).toEqual([]);
    expect(res.body.migrated).toHaveLength(STAGES.length);
    expect(res.body.migrated).toEqual(
      expect.arrayContaining(
        instances.map((key, index) => ({ processInstanceKey: key, demandCode: codeOf(index) })),
      ),
    );
    const [audit] = await auditRows(db.knex, res.headers['x-request-id']!);
    expect(audit).toMatchObject({ action: 'process.migrate', entity_id: v1 });
    expect(audit.details).toMatchObject({ outcome: 'succeeded', migrated: 10, refused: 0 });

    for (const key of instances) {
      await waitFor(async () => {
        const instance = (await get(`${engine.restUrl}/v2/process-instances/${key}`)).body;
        return instance.processDefinitionVersion === 2 ? instance : undefined;
      }, `${key} in version 2`);
    }

    // Each goes on: 初审 → recording, recording → 复核, 办理 → recording of the handling.
    for (const [index, stage] of STAGES.entries()) {
      const key = instances[index]!;
      if (stage === 'screen-first' || stage === 'handle') {
        const task = await openTask(key);
        expect(task.processDefinitionKey).toBe(v2);
        const done = await post(`${engine.restUrl}/v2/user-tasks/${task.userTaskKey}/completion`, {
          variables: stage === 'handle' ? { handleAction: 'resolve' } : {},
        });
        expect(done.status).toBe(204);
        const next = stage === 'handle' ? 'record-handling' : 'record-first-screening';
        expect((await activeElement(key, next)).processDefinitionKey).toBe(v2);
      }
    }
    const recorded = STAGES.filter((stage) => stage === 'record-first-screening').length;
    const jobs = await waitFor(async () => {
      const activated = await post(`${engine.restUrl}/v2/jobs/activation`, {
        type: 'demand-record-screening',
        timeout: 60_000,
        maxJobsToActivate: 20,
        requestTimeout: 2_000,
        worker: 'migration-test',
      });
      return activated.body.jobs?.length ? activated.body.jobs : undefined;
    }, 'the screening jobs');
    expect(jobs.length).toBeGreaterThanOrEqual(recorded);
    for (const job of jobs) {
      expect(job.processDefinitionVersion).toBe(2);
      const done = await post(`${engine.restUrl}/v2/jobs/${job.jobKey}/completion`, {});
      expect(done.status).toBe(204);
    }
    for (const [index, stage] of STAGES.entries()) {
      if (stage !== 'record-first-screening') continue;
      const review = await openTask(instances[index]!);
      expect(review).toMatchObject({ elementId: 'screen-review', processDefinitionKey: v2 });
    }
  }, 60_000);
});
