/**
 * Small helpers shared by the BPMN element conformance tests (elements-*.test.ts): deploying
 * the hand-written models and driving jobs by hand with the official SDK client, so that each
 * step of a test happens exactly when the test says so.
 */
import path from 'node:path';
import type { Camunda8 } from '@camunda8/sdk';

export type ZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;
export type Job = Awaited<ReturnType<ZeebeClient['activateJobs']>>[number];
/** A variables document as the SDK types it (JSON values only). */
export type Variables = NonNullable<Parameters<ZeebeClient['throwError']>[0]['variables']>;

export const modelPath = (name: string): string => path.join(__dirname, 'models', name);

export async function deploy(zeebe: ZeebeClient, ...names: string[]): Promise<void> {
  for (const name of names) await zeebe.deployResource({ processFilename: modelPath(name) });
}

export async function startInstance(
  zeebe: ZeebeClient,
  bpmnProcessId: string,
  variables: Variables = {},
): Promise<string> {
  const created = await zeebe.createProcessInstance({ bpmnProcessId, variables });
  return created.processInstanceKey;
}

/**
 * Activates `count` jobs of `type` (long polling, bounded). Job types are unique per test,
 * so every job found belongs to the instance under test.
 */
export async function activate(
  zeebe: ZeebeClient,
  type: string,
  count = 1,
  timeoutMs = 5_000,
): Promise<Job[]> {
  const jobs: Job[] = [];
  const deadline = Date.now() + timeoutMs;
  while (jobs.length < count) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new Error(`expected ${count} job(s) of type '${type}', got ${jobs.length}`);
    }
    const batch = await zeebe.activateJobs({
      type,
      worker: 'conformance-test',
      timeout: 60_000,
      maxJobsToActivate: count - jobs.length,
      requestTimeout: remaining,
    });
    jobs.push(...batch);
  }
  return jobs;
}

/** Jobs of `type` that can be activated right now (no long polling). */
export async function activatableNow(zeebe: ZeebeClient, type: string): Promise<Job[]> {
  return zeebe.activateJobs({
    type,
    worker: 'conformance-test',
    timeout: 60_000,
    maxJobsToActivate: 32,
    requestTimeout: -1,
  });
}

let runs = 0;
/** A value unique to one test, used to make its job types (and so its jobs) its own. */
export function uniqueRun(): string {
  runs += 1;
  return `${process.pid.toString(36)}${Date.now().toString(36)}${runs}`;
}
