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

const C = {
  plain: `${DISTRICT}-20260302-00021`,
  accused: `${DISTRICT}-20260302-00022`,
  elsewhere: `${DISTRICT}-20260302-00023`,
};

function camundaAt(grpcPort: number, restUrl: string): Camunda8 {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${grpcPort}`,
    ZEEBE_REST_ADDRESS: restUrl,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
  } as never);
}

describe('staff task list against the engine', () => {
  const db = useTestDatabase();
  const engine = useEngine();
  let camunda: Camunda8;
  let t: TestApp;
  const as: Record<string, Agent> = {};
  const users: Record<string, string> = {};
  const tasks: Record<string, string> = {};
  const instances: Record<string, string> = {};

  /** The engine's own view of a task (its REST API, not the server's). */
  const engineTask = async (key: string) =>
    (await get(`${engine.restUrl}/v2/user-tasks/${key}`)).body;

  async function start(code: string, village: string, due: string): Promise<void> {
    const created = await post(`${engine.restUrl}/v2/process-instances`, {
      processDefinitionId: 'staff-task-fixture',
      variables: { demandCode: code, villageCode: village, townshipCode: TOWNSHIP_A.code, due },
    });
    if (created.status !== 200) throw new Error(JSON.stringify(created.body));
    instances[code] = created.body.processInstanceKey;
    tasks[code] = await waitFor(async () => {
      const found = await post(`${engine.restUrl}/v2/user-tasks/search`, {
        filter: { processInstanceKey: created.body.processInstanceKey, elementId: 'screen-first' },
      });
      return found.body.items?.[0]?.userTaskKey as string | undefined;
    }, `the task of ${code}`);
  }

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    const deployed = await deploy(engine.restUrl, {
      'staff-tasks.bpmn': fixture('staff-tasks.bpmn'),
      'screen-first-fixture.form': fixture('screen-first-fixture.form'),
    });
    if (deployed.status !== 200) throw new Error(JSON.stringify(deployed.body));
    camunda = camundaAt(engine.port, engine.restUrl);
    t = makeApp(db.knex, { camunda });
    const accounts: Record<string, [string, string]> = {
      village: ['village_staff', VILLAGE_A1.code],
      colleague: ['village_staff', VILLAGE_A1.code],
      otherVillage: ['village_staff', VILLAGE_A2.code],
      township: ['township_staff', TOWNSHIP_A.code],
      auditor: ['auditor', DISTRICT],
    };
    for (const [name, [role, unit]] of Object.entries(accounts)) {
      const account = await staffAccount(db.knex, role, unit);
      users[name] = account.username;
      as[name] = await loggedIn(t.app, account);
    }
    const inVillage = { township: TOWNSHIP_A.code, village: VILLAGE_A1.code };
    await insertDemand(db.knex, t.dataKey, {
      code: C.plain,
      receivedAt: '2026-03-02T09:00:00+08:00',
      ...inVillage,
      content: '楼道灯坏了',
    });
    await insertDemand(db.knex, t.dataKey, {
      code: C.accused,
      receivedAt: '2026-03-02T10:00:00+08:00',
      ...inVillage,
      category: 'complaint',
      domain: 'conduct',
      accusedUnit: VILLAGE_A1.code,
      content: '村委会不作为，联系人刘洋 15512342654',
    });
    await insertDemand(db.knex, t.dataKey, {
      code: C.elsewhere,
      receivedAt: '2026-03-02T11:00:00+08:00',
      township: TOWNSHIP_A.code,
      village: VILLAGE_A2.code,
    });
    await start(C.plain, VILLAGE_A1.code, '2026-03-09T17:30:00+08:00');
    await start(C.accused, VILLAGE_A1.code, '2026-03-05T17:30:00+08:00');
    await start(C.elsewhere, VILLAGE_A2.code, '2026-03-07T17:30:00+08:00');
  });
  afterAll(async () => {
    await camunda.closeAllClients();
  });

  const claim = (who: string, code: string) =>
    as[who]!.agent.post(`/api/tasks/${tasks[code]}/assignment`).set(
      'X-CSRF-Token',
      as[who]!.csrfToken,
    );
  const unclaim = (who: string, code: string) =>
    as[who]!.agent.delete(`/api/tasks/${tasks[code]}/assignment`).set(
      'X-CSRF-Token',
      as[who]!.csrfToken,
    );
  const complete = (who: string, code: string, variables: unknown) =>
    as[who]!.agent.post(`/api/tasks/${tasks[code]}/completion`)
      .set('X-CSRF-Token', as[who]!.csrfToken)
      .send({ variables });
  const assigneeBecomes = (code: string, assignee: string | null) =>
    waitFor(async () => {
      const task = await engineTask(tasks[code]!);
      return (task.assignee ?? null) === assignee ? true : undefined;
    }, `assignee ${assignee} on ${code}`);
  const listCodes = (body: any) => body.items.map((item: any) => item.demand.code).sort();

  it('answers 401 without a session and 503 when no engine is configured', async () => {
    expect((await request(t.app).get('/api/tasks')).status).toBe(401);
    const bare = makeApp(db.knex);
    const account = await staffAccount(db.knex, 'village_staff', VILLAGE_A1.code);
    const session = await loggedIn(bare.app, account);
    const res = await session.agent.get('/api/tasks');
    expect(res.status).toBe(503);
    expect(res.body.type).toBe('urn:minsheng:problem:engine-unavailable');
  });

  it('lists the tasks offered to the caller’s group, each with its demand', async () => {
    const res = await as.village!.agent.get('/api/tasks');
    expect(res.status).toBe(200);
    expect(listCodes(res.body)).toEqual([C.accused, C.plain].sort());
    expect(res.body.page).toEqual({ total: 2, page: 1, pageSize: 20 });
    const item = res.body.items.find((i: any) => i.demand.code === C.plain);
    expect(item).toEqual(
      expect.objectContaining({
        key: tasks[C.plain],
        name: '初审',
        elementId: 'screen-first',
        assignee: null,
        candidateGroups: [`village_staff:${VILLAGE_A1.code}`],
        dueDate: '2026-03-09T17:30:00.000+08:00',
        createdAt: expect.stringMatching(/\+08:00$/),
      }),
    );
    expect(item.demand).toEqual(
      expect.objectContaining({
        code: C.plain,
        excerpt: '楼道灯坏了',
        citizen: expect.objectContaining({ name: '刘*' }),
      }),
    );
    const other = await as.otherVillage!.agent.get('/api/tasks');
    expect(listCodes(other.body)).toEqual([C.elsewhere]);
  });

  it('withholds the complainant from the accused village on its own task', async () => {
    const res = await as.village!.agent.get('/api/tasks');
    const item = res.body.items.find((i: any) => i.demand.code === C.accused);
    expect(item.demand.citizen).toEqual({ withheld: true });
    expect(JSON.stringify(item)).not.toMatch(/刘|15512342654|155\*\*\*\*2654/);
    const detail = await as.village!.agent.get(`/api/tasks/${tasks[C.accused]}`);
    expect(detail.body.demand.citizen).toEqual({ withheld: true });
    expect(detail.text).not.toMatch(/刘|15512342654|155\*\*\*\*2654/);
  });

  it('orders by due date and filters by dueBefore', async () => {
    const byDue = await as.auditor!.agent.get('/api/tasks?sort=dueDate');
    expect(byDue.body.items.map((i: any) => i.demand.code)).toEqual([
      C.accused,
      C.elsewhere,
      C.plain,
    ]);
    const early = await as.auditor!.agent.get(
      `/api/tasks?dueBefore=${encodeURIComponent('2026-03-08T00:00:00+08:00')}&sort=-dueDate`,
    );
    expect(early.body.items.map((i: any) => i.demand.code)).toEqual([C.elsewhere, C.accused]);
    expect(early.body.page.total).toBe(2);
    const paged = await as.village!.agent.get('/api/tasks?sort=dueDate&pageSize=1&page=2');
    expect(paged.body.items.map((i: any) => i.demand.code)).toEqual([C.plain]);
    expect(paged.body.page).toEqual({ total: 2, page: 2, pageSize: 1 });
    const bad = await as.village!.agent.get('/api/tasks?assigned=everyone&sort=name');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['assigned', 'sort']);
  });

  it('shows one task with its form and demand to its group; 404 to any other unit', async () => {
    const res = await as.village!.agent.get(`/api/tasks/${tasks[C.plain]}`);
    expect(res.status).toBe(200);
    expect(res.body.form).toEqual(
      expect.objectContaining({ formId: 'screen-first-fixture', formKey: expect.any(String) }),
    );
    expect(res.body.form.schema.components[1].key).toBe('screeningOutcome');
    // The values of the form's fields (none set yet) and of what its text names; nothing else.
    expect(res.body.variables).toEqual({ demandCode: C.plain });
    expect(res.body.demand).toEqual(
      expect.objectContaining({ code: C.plain, content: '楼道灯坏了', history: expect.any(Array) }),
    );
    for (const [who, code] of [
      ['otherVillage', C.plain],
      ['township', C.plain],
      ['village', C.elsewhere],
    ] as const) {
      const hidden = await as[who]!.agent.get(`/api/tasks/${tasks[code]}`);
      expect(hidden.status).toBe(404);
    }
    expect((await as.village!.agent.get('/api/tasks/2251799813999999')).status).toBe(404);
    expect((await as.auditor!.agent.get(`/api/tasks/${tasks[C.elsewhere]}`)).status).toBe(200);
  });

  it('refuses actions on another unit’s task (403) and every action of an auditor (403)', async () => {
    const foreign = await claim('village', C.elsewhere);
    expect(foreign.status).toBe(403);
    expect(foreign.body.type).toBe('urn:minsheng:problem:forbidden');
    expect((await complete('village', C.elsewhere, { screeningOutcome: 'valid' })).status).toBe(
      403,
    );
    const auditor = await claim('auditor', C.plain);
    expect(auditor.status).toBe(403);
    const noToken = await as.village!.agent.post(`/api/tasks/${tasks[C.plain]}/assignment`);
    expect(noToken.status).toBe(403);
    expect(noToken.body.type).toBe('urn:minsheng:problem:csrf-token-invalid');
    expect((await engineTask(tasks[C.elsewhere]!)).assignee ?? null).toBeNull();
    expect((await engineTask(tasks[C.plain]!)).assignee ?? null).toBeNull();
  });

  it('claims with an empty body, keeps a claimed task from colleagues, and gives it back', async () => {
    expect((await claim('village', C.plain).send({ assignee: 'someone' })).status).toBe(400);
    const claimed = await claim('village', C.plain);
    expect(claimed.status).toBe(204);
    await assigneeBecomes(C.plain, users.village!);
    expect((await claim('village', C.plain)).status).toBe(204);
    expect((await claim('colleague', C.plain)).status).toBe(409);
    expect((await unclaim('colleague', C.plain)).status).toBe(409);
    expect((await complete('colleague', C.plain, { screeningOutcome: 'valid' })).status).toBe(409);
    expect((await engineTask(tasks[C.plain]!)).assignee).toBe(users.village);

    const mine = await as.village!.agent.get('/api/tasks?assigned=me');
    expect(listCodes(mine.body)).toEqual([C.plain]);
    const free = await as.colleague!.agent.get('/api/tasks?assigned=unassigned');
    expect(listCodes(free.body)).toEqual([C.accused]);
    const colleagueAll = await as.colleague!.agent.get('/api/tasks?assigned=all');
    expect(listCodes(colleagueAll.body)).toEqual([C.accused, C.plain].sort());

    expect((await claim('village', C.accused)).status).toBe(204);
    await assigneeBecomes(C.accused, users.village!);
    expect((await unclaim('village', C.accused)).status).toBe(204);
    await assigneeBecomes(C.accused, null);
    expect((await unclaim('village', C.accused)).status).toBe(409);
  });

  it('refuses to complete a task the caller has not claimed (Tasklist’s rule)', async () => {
    const res = await complete('colleague', C.accused, { screeningOutcome: 'valid' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/Claim/);
    expect((await engineTask(tasks[C.accused]!)).state).toBe('CREATED');
  });

  it('validates the variables against the task’s form before anything reaches the engine', async () => {
    const wrong = await complete('village', C.plain, {
      screeningOutcome: 'maybe',
      extensionDays: 45,
      confirmed: 'yes',
      candidateGroups: ['township_staff:x'],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual(
      expect.arrayContaining([
        {
          field: 'screeningOutcome',
          message: expect.stringContaining('valid, invalid_false_info, invalid_out_of_scope'),
          allowedValues: ['valid', 'invalid_false_info', 'invalid_out_of_scope'],
        },
        // 'maybe' is not 'valid', so the explanation is shown and required.
        { field: 'screeningExplanation', message: 'Required.' },
        { field: 'extensionDays', message: 'At most 30.' },
        { field: 'confirmed', message: expect.any(String) },
        { field: 'candidateGroups', message: expect.stringContaining('screen-first-fixture') },
      ]),
    );
    expect(wrong.body.errors).toHaveLength(5);

    const unexplained = await complete('village', C.plain, {
      screeningOutcome: 'invalid_false_info',
    });
    expect(unexplained.status).toBe(400);
    expect(unexplained.body.errors).toEqual([
      { field: 'screeningExplanation', message: 'Required.' },
    ]);
    const tooLong = await complete('village', C.plain, {
      screeningOutcome: 'invalid_false_info',
      screeningExplanation: '很'.repeat(51),
    });
    expect(tooLong.body.errors).toEqual([
      { field: 'screeningExplanation', message: 'At most 50 characters.' },
    ]);
    const missing = await complete('village', C.plain, {});
    expect(missing.body.errors).toEqual([
      { field: 'screeningOutcome', message: 'Required.' },
      { field: 'screeningExplanation', message: 'Required.' },
    ]);
    expect((await engineTask(tasks[C.plain]!)).state).toBe('CREATED');
  });

  it('completes with the form’s variables and the actor, and the process moves on', async () => {
    // An earlier round left an explanation behind (a step done again shows the same fields).
    await camunda.getZeebeGrpcApiClient().setVariables({
      elementInstanceKey: instances[C.plain]!,
      variables: { screeningExplanation: '上一轮的说明' },
      local: false,
    });
    const res = await complete('village', C.plain, { screeningOutcome: 'valid', confirmed: true });
    expect(res.status).toBe(204);
    const variables = await waitFor(async () => {
      const found = await post(`${engine.restUrl}/v2/variables/search`, {
        filter: { processInstanceKey: instances[C.plain] },
      });
      const byName = Object.fromEntries(
        found.body.items.map((v: any) => [v.name, JSON.parse(v.value)]),
      );
      return 'actor' in byName ? byName : undefined;
    }, 'the completion variables');
    // The fields left out are cleared, so no worker takes the earlier round's value as this one's.
    expect(variables).toEqual(
      expect.objectContaining({
        actor: users.village,
        screeningOutcome: 'valid',
        confirmed: true,
        screeningExplanation: null,
        extensionDays: null,
      }),
    );
    const review = await waitFor(async () => {
      const list = await as.township!.agent.get('/api/tasks');
      return list.body.items.find((i: any) => i.demand?.code === C.plain);
    }, 'the review task');
    expect(review).toEqual(expect.objectContaining({ name: '复核', elementId: 'screen-review' }));
    expect((await complete('village', C.plain, { screeningOutcome: 'valid' })).status).toBe(409);
  });
});
