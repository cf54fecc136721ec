/* eslint-disable @typescript-eslint/no-explicit-any -- the engine answers untyped JSON */
/**
 * Plays the workers, the staff and the citizens of many running demands at once over the
 * engine's REST API, for the migration tests: each call names its process instance, so the
 * demands can be driven in parallel. Jobs are activated by type into a pool and handed to the
 * instance they belong to.
 */
import { call, get, post } from '../engine/rest-helpers';
import { waitFor } from './helpers';

export type Variables = Record<string, unknown>;

export interface Job {
  jobKey: string;
  type: string;
  elementId: string;
  processInstanceKey: string;
  processDefinitionKey: string;
}

/** How long one step may take to show on the busy test machine. */
const STEP_MS = 30_000;

export class EngineDriver {
  /** Activated jobs not yet handed out, by process instance key. */
  private readonly pool = new Map<string, Job[]>();

  constructor(readonly restUrl: string) {}

  private url(path: string): string {
    return `${this.restUrl}${path}`;
  }

  /** Runs `step` for every item, `batch` at a time (the engine has two cores to share). */
  static async inBatches<T, R>(items: T[], step: (item: T) => Promise<R>, batch = 10) {
    const results: R[] = [];
    for (let at = 0; at < items.length; at += batch) {
      results.push(...(await Promise.all(items.slice(at, at + batch).map(step))));
    }
    return results;
  }

  async startAt(processDefinitionKey: string, elementId: string, variables: Variables) {
    const created = await post(this.url('/v2/process-instances'), {
      processDefinitionKey,
      startInstructions: [{ elementId }],
      variables,
    });
    if (created.status !== 200) throw new Error(JSON.stringify(created.body));
    return String(created.body.processInstanceKey);
  }

  async instance(processInstanceKey: string): Promise<Record<string, any>> {
    return (await get(this.url(`/v2/process-instances/${processInstanceKey}`))).body;
  }

  /** The instance `processInstanceKey` called (the sign-off), once the search shows it. */
  calledInstance(processInstanceKey: string): Promise<Record<string, any>> {
    return waitFor(
      async () => {
        const found = await post(this.url('/v2/process-instances/search'), {
          filter: { parentProcessInstanceKey: processInstanceKey },
        });
        return found.body.items?.[0];
      },
      `the instance called by ${processInstanceKey}`,
      STEP_MS,
    );
  }

  /** The ACTIVE element instances of an instance, the process itself left out. */
  async activeElements(processInstanceKey: string): Promise<Array<Record<string, any>>> {
    const found = await post(this.url('/v2/element-instances/search'), {
      filter: { processInstanceKey, state: 'ACTIVE' },
      page: { limit: 100 },
    });
    return ((found.body.items ?? []) as Array<Record<string, any>>).filter(
      (item) => item.type !== 'PROCESS',
    );
  }

  /** Waits until `elementId` is active in the instance (and shown under `processDefinitionKey`). */
  reached(processInstanceKey: string, elementId: string, processDefinitionKey?: string) {
    return waitFor(
      async () =>
        (await this.activeElements(processInstanceKey)).find(
          (e) =>
            e.elementId === elementId &&
            (processDefinitionKey === undefined || e.processDefinitionKey === processDefinitionKey),
        ),
      `${elementId} of ${processInstanceKey} under ${processDefinitionKey}`,
      STEP_MS,
    );
  }

  /** Waits until the instance has completed. */
  completed(processInstanceKey: string) {
    return waitFor(
      async () =>
        (await this.instance(processInstanceKey)).state === 'COMPLETED' ? true : undefined,
      `${processInstanceKey} to complete`,
      STEP_MS,
    );
  }

  /** The open user task `elementId` of the instance. */
  task(processInstanceKey: string, elementId: string): Promise<Record<string, any>> {
    return waitFor(
      async () => {
        const found = await post(this.url('/v2/user-tasks/search'), {
          filter: { processInstanceKey, elementId, state: 'CREATED' },
        });
        return found.body.items?.[0];
      },
      `the user task ${elementId} of ${processInstanceKey}`,
      STEP_MS,
    );
  }

  async completeTask(processInstanceKey: string, elementId: string, variables: Variables = {}) {
    const task = await this.task(processInstanceKey, elementId);
    const done = await post(this.url(`/v2/user-tasks/${task.userTaskKey}/completion`), {
      variables,
    });
    if (done.status !== 204) throw new Error(`${elementId}: ${JSON.stringify(done.body)}`);
    return task;
  }

  /** The job of `type` of the instance, activated (locked for this test) and taken from the pool. */
  job(processInstanceKey: string, type: string): Promise<Job> {
    const take = () => {
      const jobs = this.pool.get(processInstanceKey) ?? [];
      const index = jobs.findIndex((job) => job.type === type);
      return index < 0 ? undefined : jobs.splice(index, 1)[0];
    };
    return waitFor(
      async () => take() ?? (await this.activate(type), take()),
      `a job ${type} of ${processInstanceKey}`,
      STEP_MS,
    );
  }

  /** Every job of `type` that can be activated now, into the pool; returns them. */
  async activate(type: string): Promise<Job[]> {
    const activated = await post(this.url('/v2/jobs/activation'), {
      type,
      worker: 'migration-test',
      timeout: 600_000,
      maxJobsToActivate: 100,
      requestTimeout: -1,
    });
    const jobs = (activated.body.jobs ?? []) as Job[];
    for (const job of jobs) {
      const key = String(job.processInstanceKey);
      this.pool.set(key, [...(this.pool.get(key) ?? []), job]);
    }
    return jobs;
  }

  async completeJob(job: Job, variables: Variables = {}) {
    const done = await post(this.url(`/v2/jobs/${job.jobKey}/completion`), { variables });
    if (done.status !== 204) throw new Error(`${job.type}: ${JSON.stringify(done.body)}`);
  }

  /** Takes the job of `type` of the instance and completes it, as its worker would. */
  async work(processInstanceKey: string, type: string, variables: Variables = {}) {
    const job = await this.job(processInstanceKey, type);
    await this.completeJob(job, variables);
    return job;
  }

  /** The worker gives up on the job: no retries left, an incident is raised. */
  async failJob(job: Job, errorMessage: string) {
    const failed = await post(this.url(`/v2/jobs/${job.jobKey}/failure`), {
      retries: 0,
      errorMessage,
    });
    if (failed.status !== 204) throw new Error(JSON.stringify(failed.body));
  }

  /** The instance's ACTIVE incident, once the search shows it. */
  incident(processInstanceKey: string): Promise<Record<string, any>> {
    return waitFor(
      async () => {
        const found = await post(this.url('/v2/incidents/search'), {
          filter: { processInstanceKey, state: 'ACTIVE' },
        });
        return found.body.items?.[0];
      },
      `the incident of ${processInstanceKey}`,
      STEP_MS,
    );
  }

  /** Gives the failed job a retry and resolves its incident, as an operator does. */
  async retry(job: Job, incidentKey: string) {
    const patched = await call(this.url(`/v2/jobs/${job.jobKey}`), 'PATCH', {
      changeset: { retries: 1 },
    });
    if (patched.status !== 204) throw new Error(JSON.stringify(patched.body));
    await this.resolve(incidentKey);
  }

  async resolve(incidentKey: string) {
    const resolved = await post(this.url(`/v2/incidents/${incidentKey}/resolution`), {});
    if (resolved.status !== 204) throw new Error(JSON.stringify(resolved.body));
  }

  /** Sets variables of the process instance, as an operator corrects them. */
  async setVariables(processInstanceKey: string, variables: Variables) {
    const set = await call(
      this.url(`/v2/element-instances/${processInstanceKey}/variables`),
      'PUT',
      { variables },
    );
    if (set.status !== 204) throw new Error(JSON.stringify(set.body));
  }

  /** The citizen's answer, correlated by the demand's code (retried until the demand waits). */
  feedback(demandCode: string, variables: Variables) {
    return waitFor(
      async () => {
        const sent = await post(this.url('/v2/messages/correlation'), {
          name: 'citizen-feedback',
          correlationKey: demandCode,
          variables,
        });
        return sent.status === 404 ? undefined : sent.status;
      },
      `the feedback of ${demandCode}`,
      STEP_MS,
    );
  }
}
