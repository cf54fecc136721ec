/* eslint-disable @typescript-eslint/no-explicit-any -- the engine answers untyped JSON */
/**
 * Plays a demand's process on the real engine the way Camunda Process Test does: the test is
 * every job worker (it activates the job of a type and completes it with scripted variables),
 * staff complete user tasks through the REST API, citizens answer by message, and time moves
 * with the engine clock. Every instance of a test file runs alone: `afterEach` cancels what a
 * test left, so a job of a type can only belong to the instance under test.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { modelResources, PROCESSES_DIR } from '../../../processes';
import { useEngine } from '../../support/engine';

export type Variables = Record<string, unknown>;

export interface ActivatedJob {
  key: string;
  type: string;
  elementId: string;
  processInstanceKey: string;
  customHeaders: Record<string, string>;
  variables: Variables;
}

export interface UserTask {
  userTaskKey: string;
  elementId: string;
  candidateGroups: string[];
  dueDate: string | null;
  formKey: string | null;
  processInstanceKey: string;
}

/** Monday 2 March 2026, 09:00 in China: the engine's time when each test starts. */
export const START = Date.parse('2026-03-02T09:00:00+08:00');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** How long a step may take to show: generous, the machine running the tests may be busy. */
const WAIT_MS = 30_000;

/** End events inside the sub-processes of `demand-handling`, read from the model. */
const INNER_END_EVENTS = new Set(
  [
    ...readFileSync(path.join(PROCESSES_DIR, 'demand-handling.bpmn'), 'utf8').matchAll(
      /<bpmn:subProcess[\s\S]*?<\/bpmn:subProcess>/g,
    ),
  ].flatMap((block) => [...block[0].matchAll(/<bpmn:endEvent id="([^"]+)"/g)].map((m) => m[1]!)),
);

async function call(
  url: string,
  method: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An engine with every model of `processes/` deployed, its clock pinned at `START`. */
export function useDemandEngine() {
  // A path plays many steps one after another; each may wait up to WAIT_MS on a busy machine.
  jest.setTimeout(180_000);
  const engine = useEngine();
  const started: string[] = [];

  beforeAll(async () => {
    const form = new FormData();
    for (const resource of modelResources()) {
      form.append('resources', new Blob([resource.content]), resource.name);
    }
    const response = await fetch(`${engine.restUrl}/v2/deployments`, {
      method: 'POST',
      body: form,
    });
    if (response.status !== 200) throw new Error(`deployment refused: ${await response.text()}`);
  }, 60_000);

  beforeEach(() => engine.setClock(START));

  afterEach(async () => {
    for (const key of started.splice(0)) {
      await call(`${engine.restUrl}/v2/process-instances/${key}/cancellation`, 'POST', {});
    }
  });

  return {
    engine,
    rest: (path: string, method = 'GET', body?: unknown) =>
      call(`${engine.restUrl}${path}`, method, body),
    /** Starts `demand-handling` (or `processId`) as the server would. */
    async start(variables: Variables, processId = 'demand-handling'): Promise<DemandRun> {
      const created = await call(`${engine.restUrl}/v2/process-instances`, 'POST', {
        processDefinitionId: processId,
        variables,
      });
      if (created.status !== 200) throw new Error(JSON.stringify(created.body));
      const key = String(created.body.processInstanceKey);
      started.push(key);
      return new DemandRun(engine, key, String(variables.demandCode ?? ''));
    },
  };
}

type Engine = ReturnType<typeof useEngine>;

export class DemandRun {
  /** User tasks this run completed. */
  private readonly done = new Set<string>();

  constructor(
    private readonly engine: Engine,
    readonly instanceKey: string,
    readonly demandCode: string,
  ) {}

  private rest(path: string, method = 'GET', body?: unknown) {
    return call(`${this.engine.restUrl}${path}`, method, body);
  }

  /**
   * Waits for the job of `type`, checks it belongs to this instance and completes it with
   * `output`. Returns the job as the worker saw it (variables, headers).
   */
  async job(type: string, output: Variables = {}): Promise<ActivatedJob> {
    const job = await this.activate(type);
    await this.engine.zeebe.completeJob({ jobKey: job.key, variables: output as never });
    return job;
  }

  /** Waits for the job of `type` and answers it with a BPMN error, as a worker does. */
  async jobThrows(type: string, errorCode: string, variables: Variables): Promise<ActivatedJob> {
    const job = await this.activate(type);
    await this.engine.zeebe.throwError({
      jobKey: job.key,
      errorCode,
      errorMessage: errorCode,
      variables: variables as never,
    });
    return job;
  }

  private async activate(type: string): Promise<ActivatedJob> {
    const job = await until(`a job of type ${type}`, async () => {
      const jobs = await this.engine.zeebe.activateJobs({
        type,
        worker: 'process-test',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 1_000,
      });
      return jobs[0];
    });
    if (!(await this.isOwnOrCalled(job.processInstanceKey))) {
      throw new Error(`job ${type} belongs to instance ${job.processInstanceKey}`);
    }
    return {
      key: job.key,
      type: job.type,
      elementId: job.elementId,
      processInstanceKey: job.processInstanceKey,
      customHeaders: job.customHeaders as Record<string, string>,
      variables: job.variables as Variables,
    };
  }

  /** This instance, or one it called (the sign-off's jobs belong to the called instance). */
  private async isOwnOrCalled(processInstanceKey: string): Promise<boolean> {
    if (processInstanceKey === this.instanceKey) return true;
    // The called instance shows in searches a little after its job can be activated.
    const instance = await until(`instance ${processInstanceKey}`, async () => {
      const found = await this.rest(`/v2/process-instances/${processInstanceKey}`);
      return found.status === 200 ? found.body : undefined;
    });
    return instance.parentProcessInstanceKey === this.instanceKey;
  }

  /** Jobs of `type` that could be activated now: none is expected after a step was taken. */
  async openJobs(type: string): Promise<number> {
    const jobs = await this.engine.zeebe.activateJobs({
      type,
      worker: 'process-test',
      timeout: 1_000,
      maxJobsToActivate: 10,
      requestTimeout: -1,
    });
    return jobs.length;
  }

  /** Completes every job of `type` that can be activated now; returns how many there were. */
  async drain(type: string): Promise<number> {
    const jobs = await this.engine.zeebe.activateJobs({
      type,
      worker: 'process-test',
      timeout: 60_000,
      maxJobsToActivate: 100,
      requestTimeout: -1,
    });
    for (const job of jobs) await this.engine.zeebe.completeJob({ jobKey: job.key, variables: {} });
    return jobs.length;
  }

  /**
   * The element ids of this instance's open user tasks, sorted, once the search shows
   * `expected` (it follows the engine with a lag), or whatever it shows after the wait.
   */
  async openTaskIds(expected: string[]): Promise<string[]> {
    const want = JSON.stringify([...expected].sort());
    let ids: string[] = [];
    await until(`open tasks ${want}`, async () => {
      const found = await this.rest('/v2/user-tasks/search', 'POST', {
        filter: { processInstanceKey: this.instanceKey, state: 'CREATED' },
      });
      ids = (found.body.items as UserTask[])
        .filter((t) => !this.done.has(t.userTaskKey))
        .map((t) => t.elementId)
        .sort();
      return JSON.stringify(ids) === want ? true : undefined;
    }).catch(() => undefined);
    return ids;
  }

  /**
   * Waits until the user task `elementId` is open and returns it: a task of this instance or
   * of the process it called (the sign-off), the only instance alive in the engine.
   */
  async task(elementId: string): Promise<UserTask> {
    return until(`user task ${elementId}`, async () => {
      const found = await this.rest('/v2/user-tasks/search', 'POST', {
        filter: { elementId, state: 'CREATED' },
      });
      // The search lags behind the engine: a task this run completed may still show as open.
      const tasks = (found.body.items as UserTask[]).filter((t) => !this.done.has(t.userTaskKey));
      if (tasks.length > 1) throw new Error(`${tasks.length} open tasks ${elementId}`);
      return tasks[0];
    });
  }

  /** Completes the open user task `elementId` as the server does for a staff member. */
  async complete(elementId: string, variables: Variables): Promise<UserTask> {
    const task = await this.task(elementId);
    const done = await this.rest(`/v2/user-tasks/${task.userTaskKey}/completion`, 'POST', {
      variables: { actor: 'tester', ...variables },
    });
    if (done.status !== 204)
      throw new Error(`completing ${elementId}: ${JSON.stringify(done.body)}`);
    this.done.add(task.userTaskKey);
    return task;
  }

  /** The Camunda form linked to an open user task. */
  async formOf(task: UserTask): Promise<{ formId: string; schema: any }> {
    const form = await this.rest(`/v2/user-tasks/${task.userTaskKey}/form`);
    if (form.status !== 200) throw new Error(`no form for ${task.elementId}: ${form.status}`);
    return { formId: form.body.formId, schema: JSON.parse(form.body.schema) };
  }

  /**
   * Correlates `citizen-feedback` (`404` unless the instance waits for it). The wait begins a
   * moment after `demand-request-verification` completes, so by default a `404` is retried
   * until the instance is waiting; `once` sends it a single time, to see it refused.
   */
  async feedback(variables: Variables, options: { once?: boolean } = {}): Promise<number> {
    const correlate = () =>
      this.rest('/v2/messages/correlation', 'POST', {
        name: 'citizen-feedback',
        correlationKey: this.demandCode,
        variables,
      });
    if (options.once) return (await correlate()).status;
    let status = 0;
    await until('the instance to wait for citizen-feedback', async () => {
      status = (await correlate()).status;
      return status === 404 ? undefined : status;
    }).catch(() => undefined);
    return status;
  }

  setClock(epochMillis: number): Promise<void> {
    return this.engine.setClock(epochMillis);
  }

  /**
   * Waits until the instance has completed, then names the end events of the process it
   * reached (not those inside its sub-processes, which end each pass through them).
   */
  async ended(): Promise<string[]> {
    await until('the instance to complete', async () => {
      const instance = await this.rest(`/v2/process-instances/${this.instanceKey}`);
      return instance.body?.state === 'COMPLETED' ? true : undefined;
    });
    return (await this.passed('END_EVENT')).filter((id) => !INNER_END_EVENTS.has(id));
  }

  /** The ids of the completed elements of `type` (e.g. `END_EVENT`), in order. */
  async passed(type?: string): Promise<string[]> {
    const found = await this.rest('/v2/element-instances/search', 'POST', {
      filter: {
        processInstanceKey: this.instanceKey,
        state: 'COMPLETED',
        ...(type ? { type } : {}),
      },
      sort: [{ field: 'elementInstanceKey' }],
      page: { limit: 1000 },
    });
    return (found.body.items as Array<{ elementId: string }>).map((item) => item.elementId);
  }

  /** Active incidents of this instance: a path that raises one is a broken model. */
  async incidents(): Promise<string[]> {
    const found = await this.rest('/v2/incidents/search', 'POST', {
      filter: { processInstanceKey: this.instanceKey, state: 'ACTIVE' },
    });
    return (found.body.items as Array<{ elementId: string; errorMessage: string }>).map(
      (incident) => `${incident.elementId}: ${incident.errorMessage}`,
    );
  }
}
