/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { Camunda8 } from '@camunda8/sdk';
import { useTestDatabase } from '../support/database';
import { useEngine } from '../support/engine';
import { callingProcess, deploy, get, post, taskProcess } from '../engine/rest-helpers';
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

type Agent = Awaited<ReturnType<typeof loggedIn>>;

const JOB_DEMAND = `${DISTRICT}-20261101-00071`;
const CALLED_DEMAND = `${DISTRICT}-20261101-00072`;
const JOB_TYPE = 'ops-test-work';

/**
 * The incident view (`/api/ops`) over the real engine: a worker that fails its job with no
 * retries left raises a JOB_NO_RETRIES incident; a failing input mapping in a called process
 * raises an IO_MAPPING_ERROR incident whose demand is the calling instance's.
 */
describe('/api/ops/incidents', () => {
  const db = useTestDatabase();
  const engine = useEngine();
  let camunda: Camunda8;
  let t: TestApp;
  const as: Record<string, Agent> = {};
  let jobInstance: string;
  let parentInstance: string;

  const activateOne = async () => {
    const activated = await post(`${engine.restUrl}/v2/jobs/activation`, {
      type: JOB_TYPE,
      timeout: 60_000,
      maxJobsToActivate: 1,
      requestTimeout: 5_000,
      worker: 'ops-test',
    });
    return activated.body.jobs?.[0] as Record<string, any> | undefined;
  };

  const incidentsOf = async (agent: Agent, query = '') =>
    (await agent.agent.get(`/api/ops/incidents${query}`)).body.items as any[];

  const waitForIncident = (processDefinitionId: string) =>
    waitFor(async () => {
      const items = await incidentsOf(as.admin!);
      return items.find((item) => item.processDefinitionId === processDefinitionId);
    }, `the incident of ${processDefinitionId}`);

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    const deployed = await deploy(engine.restUrl, {
      'ops-job.bpmn': taskProcess('ops-job', { jobType: JOB_TYPE, name: '运维测试' }).replace(
        '<bpmn:serviceTask id="task">',
        '<bpmn:serviceTask id="task" name="核对金额">',
      ),
      'ops-child.bpmn': taskProcess('ops-child', {
        inputSource: '=assert(amount, amount != null, &quot;amount is required&quot;)',
      }),
      'ops-parent.bpmn': callingProcess('ops-parent', 'ops-child'),
    });
    if (deployed.status !== 200) throw new Error(JSON.stringify(deployed.body));
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.port}`,
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    } as never);
    t = makeApp(db.knex, { camunda });
    const accounts: Record<string, [string, string]> = {
      admin: ['admin', DISTRICT],
      owner: ['process_owner', DISTRICT],
      village: ['village_staff', VILLAGE_A1.code],
      auditor: ['auditor', DISTRICT],
    };
    for (const [name, [role, unit]] of Object.entries(accounts)) {
      as[name] = await loggedIn(t.app, await staffAccount(db.knex, role, unit));
    }

    const job = await post(`${engine.restUrl}/v2/process-instances`, {
      processDefinitionId: 'ops-job',
      variables: { amount: -1, demandCode: JOB_DEMAND, citizenPhone: '13800001234' },
    });
    jobInstance = job.body.processInstanceKey;
    const parent = await post(`${engine.restUrl}/v2/process-instances`, {
      processDefinitionId: 'ops-parent',
      variables: {},
    });
    parentInstance = parent.body.processInstanceKey;
    for (const [code, key] of [
      [JOB_DEMAND, jobInstance],
      [CALLED_DEMAND, parentInstance],
    ] as const) {
      await insertDemand(db.knex, t.dataKey, {
        code,
        receivedAt: '2026-11-01T09:00:00+08:00',
        township: TOWNSHIP_A.code,
        village: VILLAGE_A1.code,
        processInstanceKey: key,
      });
    }
    // The worker cannot handle a negative amount and gives up: no retries left.
    const activated = await waitFor(activateOne, 'the job');
    const failed = await post(`${engine.restUrl}/v2/jobs/${activated.jobKey}/failure`, {
      retries: 0,
      errorMessage: '金额不能为负数',
    });
    expect(failed.status).toBe(204);
  });
  afterAll(async () => {
    await camunda.closeAllClients();
  });

  it('lists the active incidents with their error, element, process and demand', async () => {
    const jobIncident = await waitForIncident('ops-job');
    expect(jobIncident).toMatchObject({
      key: expect.stringMatching(/^\d+$/),
      errorType: 'JOB_NO_RETRIES',
      errorMessage: '金额不能为负数',
      state: 'ACTIVE',
      elementId: 'task',
      elementName: '核对金额',
      processDefinitionId: 'ops-job',
      processDefinitionVersion: 1,
      processInstanceKey: jobInstance,
      jobKey: expect.stringMatching(/^\d+$/),
      creationTime: expect.any(String),
      demandCode: JOB_DEMAND,
    });
    const called = await waitForIncident('ops-child');
    expect(called).toMatchObject({
      errorType: 'IO_MAPPING_ERROR',
      errorMessage: expect.stringContaining('amount is required'),
      jobKey: null,
      demandCode: CALLED_DEMAND,
    });
    expect(called.processInstanceKey).not.toBe(parentInstance);

    const narrowed = await as.owner!.agent.get('/api/ops/incidents?processDefinitionId=ops-child');
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.items.map((i: any) => i.key)).toEqual([called.key]);
    expect(narrowed.body.page).toEqual({ total: 1, page: 1, pageSize: 20 });

    const paged = await as.admin!.agent.get('/api/ops/incidents?pageSize=1&page=2');
    expect(paged.body.page.total).toBe(2);
    expect(paged.body.items).toHaveLength(1);
    const bad = await as.admin!.agent.get('/api/ops/incidents?state=open&page=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['page', 'state']);
  });

  it('shows the variables the element sees, personal data masked', async () => {
    const incident = await waitForIncident('ops-job');
    const res = await as.owner!.agent.get(`/api/ops/incidents/${incident.key}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: incident.key, demandCode: JOB_DEMAND });
    const byName = Object.fromEntries(res.body.variables.map((v: any) => [v.name, v]));
    expect(byName.amount).toMatchObject({ value: -1, masked: false, scope: 'process' });
    expect(byName.demandCode).toMatchObject({ value: JOB_DEMAND });
    expect(byName.citizenPhone).toMatchObject({ value: null, masked: true });
    expect(JSON.stringify(res.body)).not.toContain('13800001234');

    expect((await as.admin!.agent.get('/api/ops/incidents/2251799813685249')).status).toBe(404);
    expect((await as.admin!.agent.get('/api/ops/incidents/not-a-key')).status).toBe(404);
  });

  it('refuses everyone but administrators and process owners; process owners only read', async () => {
    const incident = await waitForIncident('ops-job');
    for (const name of ['village', 'auditor']) {
      expect((await as[name]!.agent.get('/api/ops/incidents')).status).toBe(403);
      expect((await as[name]!.agent.get(`/api/ops/incidents/${incident.key}`)).status).toBe(403);
    }
    for (const name of ['village', 'auditor', 'owner']) {
      const retry = await as[name]!.agent.post(`/api/ops/incidents/${incident.key}/retry`)
        .set('X-CSRF-Token', as[name]!.csrfToken)
        .send({});
      expect(retry.status).toBe(403);
      expect(retry.body.type).toBe('urn:minsheng:problem:forbidden');
    }
    const noCsrf = await as.admin!.agent.post(`/api/ops/incidents/${incident.key}/retry`).send({});
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.type).toBe('urn:minsheng:problem:csrf-token-invalid');
  });

  it('refuses bad variables (400) and unknown incidents (404)', async () => {
    const incident = await waitForIncident('ops-job');
    const admin = as.admin!;
    const send = (key: string, body: unknown) =>
      admin.agent
        .post(`/api/ops/incidents/${key}/retry`)
        .set('X-CSRF-Token', admin.csrfToken)
        .send(body as object);
    const array = await send(incident.key, { variables: [1, 2] });
    expect(array.status).toBe(400);
    expect(array.body.errors).toEqual([{ field: 'variables', message: expect.any(String) }]);
    const names = await send(incident.key, { variables: { 'a b': 1, '1x': 2, ok: 3 } });
    expect(names.status).toBe(400);
    expect(names.body.errors.map((e: any) => e.field)).toEqual(['variables.a b', 'variables.1x']);
    expect((await send('2251799813685249', {})).status).toBe(404);
    // Nothing was changed by the refusals.
    const still = await get(`${engine.restUrl}/v2/incidents/${incident.key}`);
    expect(still.body.state).toBe('ACTIVE');
  });

  it('retry with fixed variables resolves a job incident; the job runs again; a second retry is 409', async () => {
    const incident = await waitForIncident('ops-job');
    const admin = as.admin!;
    const retry = await admin.agent
      .post(`/api/ops/incidents/${incident.key}/retry`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ variables: { amount: 4321 } });
    expect(retry.status).toBe(204);

    // The job is activatable again, with the fixed amount; the worker completes it.
    const again = await waitFor(activateOne, 'the job again');
    expect(again.jobKey).toBe(incident.jobKey);
    expect(again.variables.amount).toBe(4321);
    expect(again.retries).toBe(1);
    const done = await post(`${engine.restUrl}/v2/jobs/${again.jobKey}/completion`, {});
    expect(done.status).toBe(204);
    await waitFor(async () => {
      const instance = (await get(`${engine.restUrl}/v2/process-instances/${jobInstance}`)).body;
      return instance.state === 'COMPLETED' ? true : undefined;
    }, 'the end of the instance');

    const listed = await waitFor(async () => {
      const items = await incidentsOf(admin);
      return items.some((item) => item.key === incident.key) ? undefined : items;
    }, 'the incident to leave the active list');
    expect(listed.map((item: any) => item.processDefinitionId)).toEqual(['ops-child']);
    const resolved = await incidentsOf(admin, '?state=resolved');
    expect(resolved.map((item: any) => item.key)).toEqual([incident.key]);

    const second = await admin.agent
      .post(`/api/ops/incidents/${incident.key}/retry`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({});
    expect(second.status).toBe(409);
    expect(second.body.type).toBe('urn:minsheng:problem:conflict');

    const [row] = await auditRows(db.knex, retry.headers['x-request-id']!);
    expect(row).toMatchObject({
      action: 'incident.retry',
      entity_type: 'incident',
      entity_id: incident.key,
    });
    expect(row.details).toMatchObject({
      outcome: 'succeeded',
      errorType: 'JOB_NO_RETRIES',
      variableNames: ['amount'],
    });
    expect(JSON.stringify(row.details)).not.toContain('4321');
  });

  it('retry of an input-mapping incident in a called process: the variable set, the element runs', async () => {
    const incident = await waitForIncident('ops-child');
    const admin = as.admin!;
    const retry = await admin.agent
      .post(`/api/ops/incidents/${incident.key}/retry`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ variables: { amount: 3 } });
    expect(retry.status).toBe(204);
    const task = await waitFor(async () => {
      const found = await post(`${engine.restUrl}/v2/element-instances/search`, {
        filter: { processInstanceKey: incident.processInstanceKey, elementId: 'task' },
      });
      const item = found.body.items?.[0];
      return item && item.hasIncident === false ? item : undefined;
    }, 'the task without incident');
    expect(task.state).toBe('ACTIVE');
  });

  it('move: the stuck element ends, the chosen one runs, the incident is gone', async () => {
    const deployed = await deploy(engine.restUrl, {
      'ops-move.bpmn': taskProcess('ops-move', { jobType: 'ops-move-work' })
        .replace(
          '<bpmn:endEvent id="end" />',
          '<bpmn:serviceTask id="after" name="人工核对"><bpmn:extensionElements><zeebe:taskDefinition type="ops-move-after" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="end" />',
        )
        .replace(
          '<bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />',
          '<bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="after" /><bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />',
        ),
    });
    expect(deployed.status).toBe(200);
    const started = await post(`${engine.restUrl}/v2/process-instances`, {
      processDefinitionId: 'ops-move',
      variables: {},
    });
    const instanceKey = started.body.processInstanceKey as string;
    const activate = (type: string) => async () => {
      const activated = await post(`${engine.restUrl}/v2/jobs/activation`, {
        type,
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 2_000,
        worker: 'ops-test',
      });
      return activated.body.jobs?.[0] as Record<string, any> | undefined;
    };
    const stuck = await waitFor(activate('ops-move-work'), 'the job to fail');
    await post(`${engine.restUrl}/v2/jobs/${stuck.jobKey}/failure`, {
      retries: 0,
      errorMessage: '外部系统不可用',
    });
    const incident = await waitForIncident('ops-move');
    const admin = as.admin!;

    const detail = await admin.agent.get(`/api/ops/incidents/${incident.key}`);
    expect(detail.body.moveTargets).toEqual([
      { elementId: 'task', name: null },
      { elementId: 'after', name: '人工核对' },
      { elementId: 'end', name: null },
    ]);
    const move = (agent: Agent, body: object) =>
      agent.agent
        .post(`/api/ops/incidents/${incident.key}/move`)
        .set('X-CSRF-Token', agent.csrfToken)
        .send(body);
    expect((await move(as.owner!, { targetElementId: 'after' })).status).toBe(403);
    const bad = await move(admin, { targetElementId: 'start' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['targetElementId']);

    const moved = await move(admin, { targetElementId: 'after' });
    expect(moved.status).toBe(204);
    const [row] = await auditRows(db.knex, moved.headers['x-request-id']!);
    expect(row).toMatchObject({ action: 'incident.move', entity_id: incident.key });
    expect(row.details).toMatchObject({
      outcome: 'succeeded',
      fromElementId: 'task',
      targetElementId: 'after',
    });

    await waitFor(async () => {
      const found = await get(`${engine.restUrl}/v2/incidents/${incident.key}`);
      return found.body.state === 'RESOLVED' ? true : undefined;
    }, 'the incident to be resolved');
    const listed = await incidentsOf(admin, '?processDefinitionId=ops-move');
    expect(listed).toEqual([]);
    // The instance goes on from the chosen element and ends.
    const next = await waitFor(activate('ops-move-after'), 'the job of the chosen element');
    expect(next.processInstanceKey).toBe(instanceKey);
    expect((await post(`${engine.restUrl}/v2/jobs/${next.jobKey}/completion`, {})).status).toBe(
      204,
    );
    await waitFor(async () => {
      const instance = (await get(`${engine.restUrl}/v2/process-instances/${instanceKey}`)).body;
      return instance.state === 'COMPLETED' ? true : undefined;
    }, 'the end of the moved instance');

    const again = await move(admin, { targetElementId: 'after' });
    expect(again.status).toBe(409);
  });
});
