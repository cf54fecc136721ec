/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import request from 'supertest';
import { useTestDatabase } from '../support/database';
import { useEngine } from '../support/engine';
import { deploy, get, post } from '../engine/rest-helpers';
import {
  DISTRICT,
  importDemoDistrict,
  loggedIn,
  makeApp,
  staffAccount,
  waitFor,
  type TestApp,
} from './helpers';
import { TOWNSHIP_A, VILLAGE_A1, VILLAGE_A2, insertDemand } from './staff-fixtures';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
type Agent = Awaited<ReturnType<typeof loggedIn>>;

const R = {
  handled: `${DISTRICT}-20260302-00041`,
  fresh: `${DISTRICT}-20260302-00042`,
};

describe('GET /api/demands/{code}/replay', () => {
  const db = useTestDatabase();
  const engine = useEngine();
  let camunda: Camunda8;
  let records: TestApp;
  let search: TestApp;
  const as: Record<string, Agent> = {};
  const onSearch: Record<string, Agent> = {};
  let first: string;
  let second: string;
  let taskKey: string;

  async function startInstance(): Promise<string> {
    const created = await post(`${engine.restUrl}/v2/process-instances`, {
      processDefinitionId: 'replay-parent',
      variables: { demandCode: R.handled, villageCode: VILLAGE_A1.code },
    });
    if (created.status !== 200) throw new Error(JSON.stringify(created.body));
    return created.body.processInstanceKey as string;
  }

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    const deployed = await deploy(engine.restUrl, {
      'staff-replay.bpmn': fixture('staff-replay.bpmn'),
      'staff-replay-child.bpmn': fixture('staff-replay-child.bpmn'),
    });
    if (deployed.status !== 200) throw new Error(JSON.stringify(deployed.body));
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.port}`,
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
    } as never);
    records = makeApp(db.knex, { camunda, engineRecordsUrl: engine.restUrl });
    search = makeApp(db.knex, { camunda, dataKey: records.dataKey });
    const accounts: Record<string, [string, string]> = {
      village: ['village_staff', VILLAGE_A1.code],
      otherVillage: ['village_staff', VILLAGE_A2.code],
      auditor: ['auditor', DISTRICT],
    };
    for (const [name, [role, unit]] of Object.entries(accounts)) {
      const account = await staffAccount(db.knex, role, unit);
      as[name] = await loggedIn(records.app, account);
      onSearch[name] = await loggedIn(search.app, account);
    }

    // The demand's first instance ended early (a merge), the second ran to its end.
    first = await startInstance();
    await post(`${engine.restUrl}/v2/process-instances/${first}/cancellation`, {});
    second = await startInstance();
    await insertDemand(db.knex, records.dataKey, {
      code: R.handled,
      receivedAt: '2026-03-02T09:00:00+08:00',
      township: TOWNSHIP_A.code,
      village: VILLAGE_A1.code,
      processInstanceKey: second,
    });
    await db.knex('demand_history').insert({
      demand_id: db.knex('demands').where({ code: R.handled }).select('id'),
      actor: 'village-clerk',
      action: 'split',
      detail: {
        from: `${DISTRICT}-20260301-00001`,
        restarted: true,
        previousProcessInstanceKey: first,
      },
    });
    await insertDemand(db.knex, records.dataKey, {
      code: R.fresh,
      receivedAt: '2026-03-02T10:00:00+08:00',
      township: TOWNSHIP_A.code,
      village: VILLAGE_A1.code,
    });

    // The village works the task through the server: claim, then complete.
    taskKey = await waitFor(async () => {
      const found = await post(`${engine.restUrl}/v2/user-tasks/search`, {
        filter: { processInstanceKey: second },
      });
      return found.body.items?.[0]?.userTaskKey as string | undefined;
    }, 'the user task');
    const village = as.village!;
    const claimed = await village.agent
      .post(`/api/tasks/${taskKey}/assignment`)
      .set('X-CSRF-Token', village.csrfToken);
    expect(claimed.status).toBe(204);
    await waitFor(async () => {
      const task = (await get(`${engine.restUrl}/v2/user-tasks/${taskKey}`)).body;
      return task.assignee ? true : undefined;
    }, 'the claim');
    const completed = await village.agent
      .post(`/api/tasks/${taskKey}/completion`)
      .set('X-CSRF-Token', village.csrfToken)
      .send({});
    expect(completed.status).toBe(204);
    await waitFor(async () => {
      const instance = (await get(`${engine.restUrl}/v2/process-instances/${second}`)).body;
      return instance.state === 'COMPLETED' ? true : undefined;
    }, 'the end of the process');
  });
  afterAll(async () => {
    await camunda.closeAllClients();
  });

  const events = (steps: any[], instance: string) =>
    steps
      .filter((s) => s.processInstanceKey === instance && s.event.startsWith('ELEMENT_'))
      .map((s) => `${s.elementId}:${s.event.replace('ELEMENT_', '')}`);

  it('reads the engine’s record history in log order, children and chain check included', async () => {
    const res = await as.village!.agent.get(`/api/demands/${R.handled}/replay`);
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('engine-records');
    expect(res.body.chain.verified).toBe(true);
    const child = res.body.processInstances.find(
      (i: any) => i.processDefinitionId === 'replay-child',
    );
    expect(
      res.body.processInstances.map((i: any) => [
        i.processDefinitionId,
        i.parentProcessInstanceKey,
      ]),
    ).toEqual([
      ['replay-parent', null],
      ['replay-parent', null],
      ['replay-child', second],
    ]);
    expect(res.body.processInstances.map((i: any) => i.key).slice(0, 2)).toEqual([first, second]);

    expect(events(res.body.steps, first)).toEqual([
      'replay-parent:ACTIVATED',
      'start:ACTIVATED',
      'start:COMPLETED',
      'screen-first:ACTIVATED',
      'screen-first:TERMINATED',
      'replay-parent:TERMINATED',
    ]);
    const order = res.body.steps
      .filter((s: any) => s.processInstanceKey !== first && s.event !== 'SEQUENCE_FLOW_TAKEN')
      .map((s: any) => `${s.elementId}:${s.event}`);
    expect(order).toEqual([
      'replay-parent:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETED',
      'screen-first:ELEMENT_ACTIVATED',
      'screen-first:USER_TASK_CREATED',
      'screen-first:USER_TASK_ASSIGNED',
      'screen-first:USER_TASK_COMPLETED',
      'screen-first:ELEMENT_COMPLETED',
      'signoff:ELEMENT_ACTIVATED',
      'replay-child:ELEMENT_ACTIVATED',
      'child-start:ELEMENT_ACTIVATED',
      'child-start:ELEMENT_COMPLETED',
      'child-end:ELEMENT_ACTIVATED',
      'child-end:ELEMENT_COMPLETED',
      'replay-child:ELEMENT_COMPLETED',
      'signoff:ELEMENT_COMPLETED',
      'end:ELEMENT_ACTIVATED',
      'end:ELEMENT_COMPLETED',
      'replay-parent:ELEMENT_COMPLETED',
    ]);
    const positions = res.body.steps.map((s: any) => BigInt(s.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const flows = res.body.steps.filter(
      (s: any) => s.event === 'SEQUENCE_FLOW_TAKEN' && s.processInstanceKey === second,
    );
    expect(flows.map((s: any) => s.elementId)).toEqual(['f1', 'f2', 'f3']);
    const assigned = res.body.steps.find((s: any) => s.event === 'USER_TASK_ASSIGNED');
    expect(assigned.assignee).toMatch(/^staff-village-staff-/);
    expect(child.processDefinitionKey).toMatch(/^\d+$/);

    expect(res.body.definitions.map((d: any) => d.processDefinitionId).sort()).toEqual([
      'replay-child',
      'replay-parent',
    ]);
    for (const definition of res.body.definitions) {
      expect(definition.xml).toContain(`id="${definition.processDefinitionId}"`);
    }
    expect(res.text).not.toContain('"value"');
    // The start's variables by name (never their values) on the instance's first step.
    const started = res.body.steps.find(
      (s: any) => s.processInstanceKey === second && s.variables?.includes('demandCode'),
    );
    expect(started).toMatchObject({ elementId: 'replay-parent', event: 'ELEMENT_ACTIVATED' });
    expect(started.variables).toEqual(expect.arrayContaining(['demandCode', 'villageCode']));
    expect(res.text).not.toContain(VILLAGE_A1.code);
  });

  it('carries the demand’s history and the audit log of the work on its tasks', async () => {
    const res = await as.auditor!.agent.get(`/api/demands/${R.handled}/replay`);
    expect(res.status).toBe(200);
    expect(res.body.history.map((h: any) => h.action)).toEqual(['received', 'split']);
    expect(res.body.audit.map((a: any) => [a.action, a.entityId, a.outcome])).toEqual([
      ['task.claim', taskKey, 'succeeded'],
      ['task.complete', taskKey, 'succeeded'],
    ]);
  });

  it('reads Camunda’s element-instance search when no record history is configured', async () => {
    const res = await onSearch.village!.agent.get(`/api/demands/${R.handled}/replay`);
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('element-instances');
    expect(res.body.chain).toBeNull();
    expect(res.body.processInstances.map((i: any) => [i.key, i.processDefinitionId])).toEqual([
      [first, 'replay-parent'],
      [second, 'replay-parent'],
      [expect.any(String), 'replay-child'],
    ]);
    // The same path in the same order as the engine's log, flows and claims aside.
    const fromLog = await as.village!.agent.get(`/api/demands/${R.handled}/replay`);
    const path = (steps: any[]) =>
      steps
        .filter(
          (s) =>
            s.processInstanceKey !== first &&
            !['SEQUENCE_FLOW_TAKEN', 'USER_TASK_ASSIGNED'].includes(s.event),
        )
        .map((s: any) => `${s.elementId}:${s.event}`);
    expect(path(res.body.steps)).toEqual(path(fromLog.body.steps));
    const childKey = res.body.processInstances[2].key;
    expect(events(res.body.steps, childKey)).toEqual(
      expect.arrayContaining(['child-start:ACTIVATED', 'child-end:COMPLETED']),
    );
    expect(res.body.steps.find((s: any) => s.event === 'USER_TASK_COMPLETED').userTaskKey).toBe(
      taskKey,
    );
    expect(res.body.definitions).toHaveLength(2);
    expect(res.body.audit.map((a: any) => a.action)).toEqual(['task.claim', 'task.complete']);
  });

  it('is scoped like the demand: 401, then 404 outside the scope; empty before a process runs', async () => {
    expect((await request(records.app).get(`/api/demands/${R.handled}/replay`)).status).toBe(401);
    const hidden = await as.otherVillage!.agent.get(`/api/demands/${R.handled}/replay`);
    expect(hidden.status).toBe(404);
    const fresh = await as.village!.agent.get(`/api/demands/${R.fresh}/replay`);
    expect(fresh.body).toEqual(
      expect.objectContaining({ processInstances: [], steps: [], definitions: [] }),
    );
    const bare = makeApp(db.knex);
    const session = await loggedIn(bare.app, await staffAccount(db.knex, 'auditor', DISTRICT));
    const unavailable = await session.agent.get(`/api/demands/${R.handled}/replay`);
    expect(unavailable.status).toBe(503);
  });
});
