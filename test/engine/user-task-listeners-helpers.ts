/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { Camunda8 } from '@camunda8/sdk';
import { eventually, readRecords } from './clients-support';
import { post } from './rest-helpers';

/** `zeebe:taskListeners` with [eventType, type, retries?] in model order. */
export const listeners = (...list: Array<[string, string, string?]>) =>
  `<zeebe:taskListeners>${list
    .map(
      ([eventType, type, retries]) =>
        `<zeebe:taskListener eventType="${eventType}" type="${type}"${retries ? ` retries="${retries}"` : ''} />`,
    )
    .join('')}</zeebe:taskListeners>`;

/** The official REST client (`@camunda8/sdk` CamundaRestClient) for the user task calls. */
export function sdkRestClient(restUrl: string): any {
  return new Camunda8({
    ZEEBE_REST_ADDRESS: restUrl,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'error',
  } as never).getCamundaRestClient();
}

/** Listener jobs through REST v2, which reports a job's kind and listener event type. */
export function listenerJobs(restUrl: string) {
  return {
    /** Takes the one job of `type`. */
    async take(type: string): Promise<any> {
      const response = await post(`${restUrl}/v2/jobs/activation`, {
        type,
        worker: 'task-listener-worker',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 5_000,
      });
      if (response.status !== 200) throw new Error(JSON.stringify(response.body));
      const [job] = response.body.jobs as any[];
      if (!job) throw new Error(`no job of type ${type}`);
      return job;
    },
    /** True when no job of `type` can be activated now. */
    async none(type: string): Promise<boolean> {
      const response = await post(`${restUrl}/v2/jobs/activation`, {
        type,
        worker: 'w',
        timeout: 1_000,
        maxJobsToActivate: 1,
        requestTimeout: 200,
      });
      return response.body.jobs?.length === 0;
    },
    complete: (job: any, body: Record<string, unknown> = {}) =>
      post(`${restUrl}/v2/jobs/${job.jobKey}/completion`, body),
  };
}

/** The USER_TASK event intents of an instance, in log order. */
export async function taskIntents(databaseUrl: string, instanceKey: string): Promise<string[]> {
  const records = await readRecords(databaseUrl, {
    valueType: 'USER_TASK',
    processInstanceKey: instanceKey,
  });
  return records.map((r) => r.intent);
}

export const intentWritten = (databaseUrl: string, instanceKey: string, intent: string) =>
  eventually(
    async () => ((await taskIntents(databaseUrl, instanceKey)).includes(intent) ? true : undefined),
    `USER_TASK ${intent}`,
  );

/** A request's answer, and whether it has come yet. */
export function pending<T>(request: Promise<T>): { answered: () => boolean; answer: Promise<T> } {
  let answered = false;
  const answer = request.finally(() => (answered = true));
  return { answered: () => answered, answer };
}
