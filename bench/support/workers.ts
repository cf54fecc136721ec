import type { Camunda8 } from '@camunda8/sdk';

type ZeebeGrpcClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

/**
 * How the benchmark's worker gets its jobs:
 * - `push`: the SDK's job-push worker (`streamJobs`, StreamActivatedJobs);
 * - `poll`: the SDK's ordinary polling worker (`createWorker`, ActivateJobs with long
 *   polling) with its defaults, except maxJobsToActivate = the instances in flight;
 * - `poll:MS`: the same with `pollInterval` MS (the SDK's default is 300 ms).
 */
export interface WorkerMode {
  name: string;
  kind: 'push' | 'poll';
  pollIntervalMs?: number;
}

export function parseModes(spec: string): WorkerMode[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((token) => {
      if (token === 'push') return { name: 'job push (streamJobs)', kind: 'push' };
      const match = /^poll(?::(\d+))?$/.exec(token);
      if (!match) throw new Error(`unknown worker mode "${token}" (push, poll or poll:MS)`);
      if (match[1] === undefined)
        return { name: 'polling (createWorker, SDK defaults)', kind: 'poll' };
      const pollIntervalMs = Number(match[1]);
      return { name: `polling (createWorker, ${pollIntervalMs} ms)`, kind: 'poll', pollIntervalMs };
    });
}

/** Starts a worker for the benchmark's `work` jobs that completes each one at once. */
export async function startWorker(
  zeebe: ZeebeGrpcClient,
  mode: WorkerMode,
  inFlight: number,
): Promise<{ close(): unknown }> {
  if (mode.kind === 'push') {
    return zeebe.streamJobs({
      type: 'work',
      worker: 'bench',
      timeout: 30_000,
      tenantIds: [],
      taskHandler: (job) => job.complete({ done: true }),
    });
  }
  return zeebe.createWorker({
    taskType: 'work',
    maxJobsToActivate: inFlight,
    ...(mode.pollIntervalMs === undefined ? {} : { pollInterval: mode.pollIntervalMs }),
    taskHandler: (job) => job.complete({ done: true }),
  });
}
