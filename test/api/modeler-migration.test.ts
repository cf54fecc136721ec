/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { modelResources } from '../../processes';
import { useTestDatabase } from '../support/database';
import { useEngine } from '../support/engine';
import { readRecords } from '../engine/clients-support';
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
import {
  DAY,
  DEMAND_STATES,
  demandVariables,
  HOUR,
  MINUTE,
  START,
  VERIFICATION_DUE,
  WARN_AT,
  type Demand,
} from './migration-demand-states';
import { EngineDriver } from './migration-driver';
import { TOWNSHIP_A, VILLAGE_A1, insertDemand } from './staff-fixtures';

const PROCESSES = path.join(__dirname, '../../processes');
const demandHandling = readFileSync(path.join(PROCESSES, 'demand-handling.bpmn'), 'utf8');
/** Version 2 warns an hour earlier: the change a county makes while demands are running. */
const earlierWarning = demandHandling.replace(
  '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">=warnAt</bpmn:timeDate>',
  '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">=date and time(warnAt) - duration("PT1H")</bpmn:timeDate>',
);

type Agent = Awaited<ReturnType<typeof loggedIn>>;
const codeOf = (index: number) => `${DISTRICT}-20260302-${String(index + 1).padStart(5, '0')}`;
const iso = (epochMillis: number) => new Date(epochMillis).toISOString().replace('Z', '+00:00');

/** The user tasks of `demand-handling`: a demand waiting on one has it open. */
const USER_TASKS = new Set([
  'screen-first',
  'screen-review',
  'discipline-supervise',
  'handle',
  'resume',
  'approve-extension',
  'dispatch-review',
  'return-visit',
]);

/** What a demand waits on: element id → element instance key, and its open user tasks. */
interface WaitState {
  elements: Map<string, string>;
  userTasks: Map<string, string>;
  incidentKey?: string;
}

describe('POST /api/modeler/migrations: 50 running demands move to version 2', () => {
  const db = useTestDatabase();
  const engine = useEngine();
  let camunda: Camunda8;
  let t: TestApp;
  let d: EngineDriver;
  let owner: Agent;
  let admin: Agent;
  let v1: string;
  let v2: string;
  const demands: Demand[] = [];
  const before = new Map<string, WaitState>();
  const inState = (name: string) => demands.filter((demand) => demand.state.name === name);

  /** Once the demand waits where its state says, all of it shown under `definitionKey`. */
  async function waitState(demand: Demand, definitionKey: string): Promise<WaitState> {
    const want = [...demand.state.waitsOn].sort();
    const search = (what: string) =>
      post(`${engine.restUrl}/v2/${what}/search`, {
        filter: {
          processInstanceKey: demand.processInstanceKey,
          state: what === 'user-tasks' ? 'CREATED' : 'ACTIVE',
        },
      }).then((found) => (found.body.items ?? []) as any[]);
    return waitFor(
      async () => {
        const elements = await d.activeElements(demand.processInstanceKey);
        const ids = elements.map((e) => e.elementId).sort();
        if (JSON.stringify(ids) !== JSON.stringify(want)) return undefined;
        const keys = new Set(elements.map((e) => String(e.elementInstanceKey)));
        const tasks = (await search('user-tasks')).filter((task) =>
          keys.has(String(task.elementInstanceKey)),
        );
        const incidents = await search('incidents');
        const shown = [...elements, ...tasks, ...incidents];
        if (shown.some((item) => item.processDefinitionKey !== definitionKey)) return undefined;
        if (want.filter((id) => USER_TASKS.has(id)).length !== tasks.length) return undefined;
        return {
          elements: new Map(elements.map((e) => [e.elementId, String(e.elementInstanceKey)])),
          userTasks: new Map(tasks.map((task) => [task.elementId, String(task.userTaskKey)])),
          incidentKey: incidents[0] ? String(incidents[0].incidentKey) : undefined,
        };
      },
      `${demand.code} waiting on ${want.join(', ')} under ${definitionKey}`,
      30_000,
    );
  }

  const send = (agent: Agent, body: object) =>
    agent.agent.post('/api/modeler/migrations').set('X-CSRF-Token', agent.csrfToken).send(body);

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    await engine.setClock(START);
    d = new EngineDriver(engine.restUrl);
    // Every model of processes/: the decisions, forms and the sign-off the demands reach.
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
    t = makeApp(db.knex, { camunda });
    owner = await loggedIn(t.app, await staffAccount(db.knex, 'process_owner', DISTRICT));
    admin = await loggedIn(t.app, await staffAccount(db.knex, 'admin', DISTRICT));

    for (const state of DEMAND_STATES) {
      for (let i = 0; i < state.count; i += 1) {
        demands.push({ code: codeOf(demands.length), processInstanceKey: '', state });
      }
    }
    expect(demands).toHaveLength(50);
    await EngineDriver.inBatches(demands, async (demand) => {
      demand.processInstanceKey = await d.startAt(v1, demand.state.startAt, {
        ...demandVariables(demand.code),
        ...demand.state.variables,
      });
      await insertDemand(db.knex, t.dataKey, {
        code: demand.code,
        receivedAt: '2026-03-02T09:00:00+08:00',
        township: TOWNSHIP_A.code,
        village: VILLAGE_A1.code,
        processInstanceKey: demand.processInstanceKey,
      });
      demand.job = (await demand.state.prepare?.(d, demand)) ?? undefined;
      before.set(demand.processInstanceKey, await waitState(demand, v1));
    });

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
        page: { limit: 100 },
      });
      return found.body.items?.length === demands.length ? true : undefined;
    }, 'the running instances in the search');
  }, 240_000);
  afterAll(async () => {
    await camunda?.closeAllClients();
  });

  it('dry run: each of the 50 demands with what it waits on, nothing refused, nothing moved', async () => {
    const res = await send(owner, {
      sourceProcessDefinitionKey: v1,
      targetProcessDefinitionKey: v2,
      dryRun: true,
    });
    expect(res.status).toBe(200);
    const mapped = res.body.mappingInstructions.map((m: any) => m.sourceElementId);
    expect(mapped).toEqual(
      expect.arrayContaining([
        'screen-first',
        'handling',
        'handle',
        'due-timer',
        'await-feedback',
        'citizen-feedback',
        'verification-due',
        'signoff',
        // The join still waiting for the discipline branch moves with the flow it took.
        'join-discipline',
        'flow-discipline-done',
        'flow-first-signoff',
      ]),
    );
    // The warning's timer changed: left unmapped, the engine opens version 2's.
    expect(mapped).not.toContain('warn-timer');
    expect(mapped).not.toContain('received');
    expect(res.body.instances).toHaveLength(demands.length);
    for (const demand of demands) {
      const planned = res.body.instances.find(
        (i: any) => i.processInstanceKey === demand.processInstanceKey,
      );
      expect(planned).toMatchObject({ demandCode: demand.code, refusal: null });
      expect(planned.activeElements.map((e: any) => e.elementId).sort()).toEqual(
        [...demand.state.waitsOn].sort(),
      );
    }

    // An operator's mapping without 办理's task: the demands waiting there would be refused.
    const partial = await send(owner, {
      sourceProcessDefinitionKey: v1,
      targetProcessDefinitionKey: v2,
      dryRun: true,
      mappingInstructions: res.body.mappingInstructions.filter(
        (m: any) => m.sourceElementId !== 'handle',
      ),
    });
    const refused = partial.body.instances.filter((i: any) => i.refusal !== null);
    expect(refused.map((i: any) => i.demandCode).sort()).toEqual(
      demands.filter((x) => x.state.waitsOn.includes('handle')).map((x) => x.code),
    );
    for (const refusal of refused) expect(refusal.refusal).toContain("'handle'");

    const instance = (
      await get(`${engine.restUrl}/v2/process-instances/${demands[0]!.processInstanceKey}`)
    ).body;
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

  it('migrates all 50, audited; each keeps its element instances, user task, job, incident and timers', async () => {
    const res = await send(owner, {
      sourceProcessDefinitionKey: v1,
      targetProcessDefinitionKey: v2,
      dryRun: false,
    });
    expect(res.status).toBe(200);
    expect(res.body.refused).toEqual([]);
    expect(res.body.migrated).toHaveLength(demands.length);
    expect(res.body.migrated).toEqual(
      expect.arrayContaining(
        demands.map((x) => ({ processInstanceKey: x.processInstanceKey, demandCode: x.code })),
      ),
    );
    const [audit] = await auditRows(db.knex, res.headers['x-request-id']!);
    expect(audit).toMatchObject({ action: 'process.migrate', entity_id: v1 });
    expect(audit.details).toMatchObject({
      outcome: 'succeeded',
      targetProcessDefinitionKey: v2,
      dryRun: false,
      migrated: 50,
      refused: 0,
    });

    await EngineDriver.inBatches(demands, async (demand) => {
      const instance = await d.instance(demand.processInstanceKey);
      expect(instance).toMatchObject({ processDefinitionKey: v2, processDefinitionVersion: 2 });
      const after = await waitState(demand, v2);
      const was = before.get(demand.processInstanceKey)!;
      expect(Object.fromEntries(after.elements)).toEqual(Object.fromEntries(was.elements));
      expect(Object.fromEntries(after.userTasks)).toEqual(Object.fromEntries(was.userTasks));
      expect(after.incidentKey).toBe(was.incidentKey);
    });
    for (const demand of inState('with an incident: the recording of the verification failed')) {
      expect(before.get(demand.processInstanceKey)!.incidentKey).toBeDefined();
    }

    const jobs = await readRecords(engine.databaseUrl, { valueType: 'JOB', intent: 'MIGRATED' });
    for (const demand of demands.filter((x) => x.job)) {
      const moved = jobs.find((r) => r.key === String(demand.job!.jobKey));
      expect(moved?.value).toMatchObject({
        processDefinitionKey: v2,
        processDefinitionVersion: 2,
        elementId: demand.job!.elementId,
      });
    }

    const timers = await readRecords(engine.databaseUrl, { valueType: 'TIMER' });
    const timersOf = (demand: Demand, intent: string) =>
      timers.filter(
        (r) => r.processInstanceKey === demand.processInstanceKey && r.intent === intent,
      );
    for (const demand of demands) {
      const created = timersOf(demand, 'CREATED');
      const fromV1 = created.filter((r) => r.value.processDefinitionKey === v1);
      const migrated = timersOf(demand, 'MIGRATED').map((r) => r.key);
      if (demand.state.waitsOn.includes('handling')) {
        // The warning is opened anew from version 2; the unchanged timers keep theirs.
        const warning = fromV1.find((r) => r.value.targetElementId === 'warn-timer')!;
        expect(timersOf(demand, 'CANCELED').map((r) => r.key)).toEqual([warning.key]);
        const v2Warning = created.find(
          (r) => r.value.processDefinitionKey === v2 && r.value.targetElementId === 'warn-timer',
        );
        expect(Number(v2Warning?.value.dueDate)).toBe(WARN_AT - HOUR);
        const kept = fromV1.filter((r) => r.value.targetElementId !== 'warn-timer');
        expect(kept.map((r) => r.value.targetElementId).sort()).toEqual([
          'due-timer',
          'escalate-timer',
          'reminder-timer',
        ]);
        expect(migrated.sort()).toEqual(kept.map((r) => r.key).sort());
      } else if (demand.state.waitsOn.includes('await-feedback')) {
        const due = fromV1.find((r) => r.value.targetElementId === 'verification-due')!;
        expect(migrated).toEqual([due.key]);
      } else {
        expect(migrated).toEqual([]);
      }
    }
  });

  it('each of the 50 goes on from where it waited, as version 2 says', async () => {
    await EngineDriver.inBatches(
      demands.filter((x) => !x.state.afterClock),
      (demand) => demand.state.next(d, demand, v2),
    );
    // No answer by the due date: the migrated timer fires at the date it had.
    await engine.setClock(VERIFICATION_DUE + MINUTE);
    await EngineDriver.inBatches(
      demands.filter((x) => x.state.afterClock),
      (demand) => demand.state.next(d, demand, v2),
    );
  });

  it("version 2's earlier warning is the one that fires for every demand in 办理", async () => {
    const inHandling = (
      await EngineDriver.inBatches(demands, async (demand) =>
        (await d.activeElements(demand.processInstanceKey)).some((e) => e.elementId === 'handling')
          ? demand.processInstanceKey
          : undefined,
      )
    ).filter((key): key is string => key !== undefined);
    // 办理 with its timers: those migrated there, and those that entered it on version 2.
    expect(inHandling.length).toBeGreaterThanOrEqual(16);

    await engine.setClock(WARN_AT - HOUR - MINUTE);
    expect(await d.activate('demand-warn')).toEqual([]);
    await engine.setClock(WARN_AT - HOUR);
    const warned: any[] = [];
    await waitFor(async () => {
      warned.push(...(await d.activate('demand-warn')));
      return warned.length >= inHandling.length ? true : undefined;
    }, 'the warnings of version 2');
    expect(warned.map((job) => String(job.processInstanceKey)).sort()).toEqual(inHandling.sort());
    for (const job of warned) {
      expect(job).toMatchObject({ elementId: 'warn', processDefinitionKey: v2 });
      await d.completeJob(job);
    }
  });

  /**
   * The called sign-off, from the agreement of the first of `parties` on: each agrees, each
   * agreement is recorded. `started`: the citizen has agreed already, to be recorded.
   */
  async function signOff(parentKey: string, parties: string[], started = false) {
    const child = String((await d.calledInstance(parentKey)).processInstanceKey);
    await d.work(child, started ? 'demand-record-signoff' : 'demand-signoff-start');
    for (const party of parties) {
      await d.completeTask(child, `signoff-${party}`, { signoffApproved: true });
      await d.work(child, 'demand-record-signoff');
    }
    await d.completed(child);
  }

  it('a demand from each part of the process is driven to its end on version 2', async () => {
    const [closing] = inState('复核 being recorded');
    await d.work(closing!.processInstanceKey, 'demand-close');
    const [archived] = inState('being archived (建档销号)');
    const [signing] = inState(
      'in the four-party sign-off (the called process waits for the citizen)',
    );
    await signOff(signing!.processInstanceKey, ['handler', 'supervisor', 'principal'], true);
    await d.work(signing!.processInstanceKey, 'demand-archive');

    // Resolved in 办理, answered, signed off: the join waiting since version 1 lets it through.
    const [handled] = inState(
      'in 办理, its warning armed, the discipline branch waiting at the join',
    );
    const key = handled!.processInstanceKey;
    await d.work(key, 'demand-record-handling');
    await d.work(key, 'demand-request-verification', { verificationDue: iso(START + 40 * DAY) });
    await d.feedback(handled!.code, { satisfaction: 'satisfied' });
    await d.work(key, 'demand-record-verification');
    await signOff(key, ['citizen', 'handler', 'supervisor', 'principal']);
    await d.work(key, 'demand-archive');

    for (const demand of [closing!, archived!, signing!, handled!]) {
      await d.completed(demand.processInstanceKey);
      expect(await d.instance(demand.processInstanceKey)).toMatchObject({
        processDefinitionKey: v2,
        state: 'COMPLETED',
      });
    }
    const passed = await post(`${engine.restUrl}/v2/element-instances/search`, {
      filter: { processInstanceKey: key, elementId: 'join-discipline' },
    });
    expect(passed.body.items).toEqual([
      expect.objectContaining({ state: 'COMPLETED', processDefinitionKey: v2 }),
    ]);
  });
});
