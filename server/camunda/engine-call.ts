import type { Camunda8 } from '@camunda8/sdk';
import { HttpProblem, PROBLEM_TYPES } from '../http';

/**
 * The engine through Camunda 8.8's REST API: `@camunda8/sdk`'s Orchestration Cluster API client
 * (`getOrchestrationClusterApiClientLoose`), so the same calls work against a Camunda 8.8
 * cluster and the embedded engine.
 */
export type CamundaRestClient = Pick<Camunda8, 'getOrchestrationClusterApiClientLoose'>;
export type OrchestrationClient = ReturnType<
  CamundaRestClient['getOrchestrationClusterApiClientLoose']
>;

/**
 * Searches and gets read Camunda's secondary store, which trails the engine by moments; the
 * server reads what is there now rather than waiting for it. Without a `consistency` the client
 * calls once, as it does with `{waitUpToMs: 0}`, but skips its polling set-up, which re-reads
 * the whole client configuration from the environment on every call.
 */
export const READ_NOW = {} as never;

export function engineUnavailable(): HttpProblem {
  return new HttpProblem({
    status: 503,
    type: PROBLEM_TYPES.engineUnavailable,
    detail: 'The process engine did not answer; nothing was changed. Try again shortly.',
    headers: { 'Retry-After': '10' },
  });
}

/** The engine answered 404 or 409: the caller decides what that means for its request. */
export class EngineRefusal extends Error {
  override name = 'EngineRefusal';
  constructor(
    readonly status: 404 | 409,
    detail: string,
  ) {
    super(detail);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs engine calls with a time limit: the engine's 404 and 409 become `EngineRefusal`;
 * silence, unreachability and every other failure a 503 `engine-unavailable`.
 */
export function createEngineCall(timeoutMs: number) {
  return async function call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(run(), timeoutMs);
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (status === 404 || status === 409) {
        throw new EngineRefusal(status, (error as { detail?: string }).detail ?? String(error));
      }
      throw engineUnavailable();
    }
  };
}

export type EngineCall = ReturnType<typeof createEngineCall>;
