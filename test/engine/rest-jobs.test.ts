import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { useEngine } from '../support/engine';
import { call, deploy, deployProcess, post, searchUntil, taskProcess } from './rest-helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */

/**
 * Camunda 8.8 REST jobs: `POST /v2/jobs/activation` (long polling), `POST /v2/jobs/{key}/completion`,
 * `/failure`, `/error` and `PATCH /v2/jobs/{key}`, with RFC 9457 problems; and the SDK's REST
 * job worker (`CamundaRestClient.createJobWorker`) against them.
 */
describe('REST API: jobs', () => {
  const engine = useEngine();
  const url = (p: string) => `${engine.restUrl}${p}`;
  afterEach(() => engine.resetClock());

  let counter = 0;
  /** Deploys a one-task process with its own job type and starts an instance of it. */
  async function startTask(variables: Record<string, unknown> = {}) {
    const id = `rest-jobs-${++counter}`;
    const jobType = `${id}-work`;
    await deployProcess(engine.restUrl, id, taskProcess(id, { jobType }));
    const created = await post(url('/v2/process-instances'), {
      processDefinitionId: id,
      variables,
    });
    expect(created.status).toBe(200);
    return { id, jobType, processInstanceKey: created.body.processInstanceKey as string };
  }

  const activate = (body: Record<string, unknown>) =>
    post(url('/v2/jobs/activation'), {
      worker: 'rest-worker',
      timeout: 60_000,
      maxJobsToActivate: 10,
      requestTimeout: -1,
      ...body,
    });

  /** Activates the one job of `type` (waiting for it up to 5 s). */
  async function activateOne(type: string, extra: Record<string, unknown> = {}) {
    const response = await activate({ type, requestTimeout: 5_000, ...extra });
    expect(response.status).toBe(200);
    expect(response.body.jobs).toHaveLength(1);
    return response.body.jobs[0];
  }

  const instanceState = async (processInstanceKey: string, state: string) => {
    const search = await searchUntil(
      url('/v2/process-instances/search'),
      { filter: { processInstanceKey } },
      (r) => r.body.items[0]?.state === state,
    );
    return search.body.items[0]?.state;
  };

  it('activation returns jobs with variables, custom headers and a deadline, keys as strings', async () => {
    const started = await startTask({ amount: 12, customer: { name: 'Li' } });
    const before = Date.now();
    const job = await activateOne(started.jobType);
    expect(job).toEqual({
      jobKey: expect.stringMatching(/^\d+$/),
      type: started.jobType,
      processInstanceKey: started.processInstanceKey,
      processDefinitionId: started.id,
      processDefinitionVersion: 1,
      processDefinitionKey: expect.stringMatching(/^\d+$/),
      elementId: 'task',
      elementInstanceKey: expect.stringMatching(/^\d+$/),
      customHeaders: {},
      worker: 'rest-worker',
      retries: 3,
      deadline: expect.any(Number),
      variables: { amount: 12, customer: { name: 'Li' } },
      tenantId: '<default>',
      kind: 'BPMN_ELEMENT',
      listenerEventType: 'UNSPECIFIED',
    });
    expect(job.deadline).toBeGreaterThanOrEqual(before + 60_000 - 1_000);
    expect(job.deadline).toBeLessThanOrEqual(Date.now() + 60_000 + 1_000);
    // An activated job is locked to its worker: nothing more to activate.
    const again = await activate({ type: started.jobType });
    expect(again.body).toEqual({ jobs: [] });
  });

  it('fetchVariable limits the variables of activated jobs', async () => {
    const started = await startTask({ keep: 1, drop: 2 });
    const job = await activateOne(started.jobType, { fetchVariable: ['keep'] });
    expect(job.variables).toEqual({ keep: 1 });
  });

  it('long polling answers as soon as a job is created', async () => {
    const id = `rest-jobs-${++counter}`;
    const jobType = `${id}-work`;
    await deployProcess(engine.restUrl, id, taskProcess(id, { jobType }));
    const started = Date.now();
    const polling = activate({ type: jobType, requestTimeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await post(url('/v2/process-instances'), { processDefinitionId: id });
    const response = await polling;
    expect(response.status).toBe(200);
    expect(response.body.jobs).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('long polling answers with no jobs once the request timeout passes; negative answers at once', async () => {
    let started = Date.now();
    const waited = await activate({ type: 'rest-jobs-nothing', requestTimeout: 500 });
    expect(waited.body).toEqual({ jobs: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    started = Date.now();
    const immediate = await activate({ type: 'rest-jobs-nothing', requestTimeout: -1 });
    expect(immediate.body).toEqual({ jobs: [] });
    expect(Date.now() - started).toBeLessThan(450);
  });

  it('activation without type, timeout or maxJobsToActivate is a 400 naming the fields', async () => {
    const response = await post(url('/v2/jobs/activation'), { timeout: 0 });
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'INVALID_ARGUMENT',
      status: 400,
      detail:
        "No type provided. The value for timeout is '0' but must be greater than 0. No maxJobsToActivate provided.",
      instance: '/v2/jobs/activation',
    });
  });

  it('completion continues the process with the variables; completing twice is a 404', async () => {
    const started = await startTask();
    const job = await activateOne(started.jobType);
    const completed = await post(url(`/v2/jobs/${job.jobKey}/completion`), {
      variables: { approved: true },
    });
    expect(completed.status).toBe(204);
    expect(await instanceState(started.processInstanceKey, 'COMPLETED')).toBe('COMPLETED');
    const variables = await searchUntil(
      url('/v2/variables/search'),
      { filter: { processInstanceKey: started.processInstanceKey, name: 'approved' } },
      (r) => r.body.items.length === 1,
    );
    expect(variables.body.items[0]).toMatchObject({ name: 'approved', value: 'true' });
    const twice = await post(url(`/v2/jobs/${job.jobKey}/completion`), {});
    expect(twice.status).toBe(404);
    expect(twice.body).toMatchObject({ title: 'NOT_FOUND', status: 404 });
  });

  it('commands for unknown jobs are 404s; a malformed key is a 400', async () => {
    const unknown = '2251799813999999';
    for (const [p, body] of [
      [`/v2/jobs/${unknown}/completion`, {}],
      [`/v2/jobs/${unknown}/failure`, { retries: 1 }],
      [`/v2/jobs/${unknown}/error`, { errorCode: 'X' }],
    ] as const) {
      const response = await post(url(p), body);
      expect(response.status).toBe(404);
      expect(response.body.title).toBe('NOT_FOUND');
    }
    const patched = await call(url(`/v2/jobs/${unknown}`), 'PATCH', { changeset: { retries: 2 } });
    expect(patched.status).toBe(404);
    const malformed = await post(url('/v2/jobs/not-a-key/completion'), {});
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toContain('jobKey');
  });

  it('failure with retries left makes the job activatable again, with the new retries and the failure variables', async () => {
    const started = await startTask();
    const job = await activateOne(started.jobType);
    const failed = await post(url(`/v2/jobs/${job.jobKey}/failure`), {
      retries: 2,
      errorMessage: 'temporarily down',
      variables: { attempt: 1 },
    });
    expect(failed.status).toBe(204);
    const again = await activateOne(started.jobType);
    expect(again).toMatchObject({ jobKey: job.jobKey, retries: 2 });
    expect(again.variables).toMatchObject({ attempt: 1 });
  });

  it('failure with retries 0 raises a JOB_NO_RETRIES incident', async () => {
    const started = await startTask();
    const job = await activateOne(started.jobType);
    const failed = await post(url(`/v2/jobs/${job.jobKey}/failure`), {
      retries: 0,
      errorMessage: 'broken for good',
    });
    expect(failed.status).toBe(204);
    const incidents = await searchUntil(
      url('/v2/incidents/search'),
      { filter: { processInstanceKey: started.processInstanceKey } },
      (r) => r.body.items.length === 1,
    );
    expect(incidents.body.items[0]).toMatchObject({
      errorType: 'JOB_NO_RETRIES',
      errorMessage: 'broken for good',
      jobKey: job.jobKey,
      state: 'ACTIVE',
    });
    expect((await activate({ type: started.jobType })).body).toEqual({ jobs: [] });
    // A failed job takes no worker commands until its retries are updated: 409 INVALID_STATE.
    const completed = await post(url(`/v2/jobs/${job.jobKey}/completion`), {});
    expect(completed.status).toBe(409);
    expect(completed.body).toMatchObject({ title: 'INVALID_STATE', status: 409 });
    expect(completed.body.detail).toContain("in state 'FAILED'");
  });

  it('an error thrown for a job is caught by the matching boundary event', async () => {
    const xml = readFileSync(path.join(__dirname, 'models', 'error-boundary.bpmn'), 'utf8');
    const deployed = await deploy(engine.restUrl, { 'error-boundary.bpmn': xml });
    expect(deployed.status).toBe(200);
    const created = await post(url('/v2/process-instances'), {
      processDefinitionId: 'error-boundary',
      variables: { run: 'rest' },
    });
    const processInstanceKey = created.body.processInstanceKey as string;
    const job = await activateOne('pay-rest');
    const missingCode = await post(url(`/v2/jobs/${job.jobKey}/error`), { errorMessage: 'x' });
    expect(missingCode.status).toBe(400);
    expect(missingCode.body.detail).toBe('No errorCode provided.');
    const thrown = await post(url(`/v2/jobs/${job.jobKey}/error`), {
      errorCode: 'DECLINED',
      errorMessage: 'card declined',
      variables: { reason: 'limit' },
    });
    expect(thrown.status).toBe(204);
    expect(await instanceState(processInstanceKey, 'COMPLETED')).toBe('COMPLETED');
    const handled = await searchUntil(
      url('/v2/variables/search'),
      { filter: { processInstanceKey, name: 'handledBy' } },
      (r) => r.body.items.length === 1,
    );
    expect(handled.body.items[0]).toMatchObject({ value: '"declined"' });
  });

  it('PATCH retries sets the retries of a job; an empty changeset is a 400', async () => {
    const started = await startTask();
    const job = await activateOne(started.jobType);
    const empty = await call(url(`/v2/jobs/${job.jobKey}`), 'PATCH', { changeset: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.detail).toBe('At least one of [retries, timeout] is required.');
    const patched = await call(url(`/v2/jobs/${job.jobKey}`), 'PATCH', {
      changeset: { retries: 7 },
    });
    expect(patched.status).toBe(204);
    await post(url(`/v2/jobs/${job.jobKey}/failure`), { retries: 6, errorMessage: 'again' });
    const again = await activateOne(started.jobType);
    expect(again.retries).toBe(6);
    const both = await call(url(`/v2/jobs/${job.jobKey}`), 'PATCH', {
      changeset: { retries: 9, timeout: 120_000 },
    });
    expect(both.status).toBe(204);
  });

  it('PATCH timeout moves the deadline: a shortened job times out and is activatable again', async () => {
    const started = await startTask();
    const job = await activateOne(started.jobType, { timeout: 600_000 });
    const patched = await call(url(`/v2/jobs/${job.jobKey}`), 'PATCH', {
      changeset: { timeout: 1_000 },
    });
    expect(patched.status).toBe(204);
    await engine.setClock(Date.now() + 60_000);
    const timedOut = await activateOne(started.jobType);
    expect(timedOut.jobKey).toBe(job.jobKey);
    // Only an activated job has a timeout to update.
    await post(url(`/v2/jobs/${job.jobKey}/failure`), { retries: 1, errorMessage: 'later' });
    const inactive = await call(url(`/v2/jobs/${job.jobKey}`), 'PATCH', {
      changeset: { timeout: 5_000 },
    });
    expect(inactive.status).toBe(409);
    expect(inactive.body.title).toBe('INVALID_STATE');
  });

  it('PATCH with a non-numeric retries value is a 400 naming the field', async () => {
    const started = await startTask();
    const job = await activateOne(started.jobType);
    const patched = await call(url(`/v2/jobs/${job.jobKey}`), 'PATCH', {
      changeset: { retries: 'many' },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.detail).toContain('retries');
  });

  it("the SDK's REST job worker activates and completes jobs end to end", async () => {
    const id = `rest-jobs-${++counter}`;
    const jobType = `${id}-sdk`;
    await deployProcess(engine.restUrl, id, taskProcess(id, { jobType }));
    const client = new Camunda8({
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'error',
    } as never).getCamundaRestClient();
    const seen: Array<{ jobKey: string; n: unknown }> = [];
    const worker = client.createJobWorker({
      type: jobType,
      worker: 'sdk-rest-worker',
      timeout: 30_000,
      maxJobsToActivate: 5,
      requestTimeout: 2_000,
      jobHandler: (job: any) => {
        seen.push({ jobKey: job.jobKey, n: job.variables.n });
        return job.complete({ doubled: Number(job.variables.n) * 2 });
      },
    } as never);
    try {
      const keys: string[] = [];
      for (const n of [1, 2, 3]) {
        const created = await post(url('/v2/process-instances'), {
          processDefinitionId: id,
          variables: { n },
        });
        keys.push(created.body.processInstanceKey as string);
      }
      for (const key of keys) expect(await instanceState(key, 'COMPLETED')).toBe('COMPLETED');
      expect(seen.map((s) => s.n).sort()).toEqual([1, 2, 3]);
      expect(seen.every((s) => /^\d+$/.test(s.jobKey))).toBe(true);
      const doubled = await searchUntil(
        url('/v2/variables/search'),
        { filter: { processInstanceKey: keys[2], name: 'doubled' } },
        (r) => r.body.items.length === 1,
      );
      expect(doubled.body.items[0]).toMatchObject({ value: '6' });
    } finally {
      await worker.stop();
    }
  });
});

/** Backpressure (Camunda's docs, "Backpressure"): refused job requests are 503 RESOURCE_EXHAUSTED. */
describe('REST API: jobs under backpressure', () => {
  const engine = useEngine({ env: { ENGINE_MAX_QUEUED_COMMANDS: '4' } });

  it('a flood of job activations is partly refused with 503 RESOURCE_EXHAUSTED problems', async () => {
    const responses = await Promise.all(
      Array.from({ length: 300 }, () =>
        post(`${engine.restUrl}/v2/jobs/activation`, {
          type: 'rest-jobs-flood',
          worker: 'flood',
          timeout: 1_000,
          maxJobsToActivate: 1,
          requestTimeout: -1,
        }),
      ),
    );
    const refused = responses.filter((r) => r.status !== 200);
    expect(responses.some((r) => r.status === 200)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(r.contentType).toContain('application/problem+json');
      expect(r.body).toMatchObject({ title: 'RESOURCE_EXHAUSTED', status: 503 });
    }
  });
});
