import type { Camunda8 } from '@camunda8/sdk';
import type { Knex } from 'knex';
import type { Log } from '../../platform';
import { startWorkers } from '../../workers';

/** What `/health` reports about the job workers. */
export interface WorkersHealth {
  /** `ok`: running; `down`: stopped or failing. */
  status: 'ok' | 'down';
  [detail: string]: unknown;
}

export interface RunningWorkers {
  status(): WorkersHealth;
  stop(): Promise<void>;
}

/** The dependencies every worker gets: the one SDK client and the domain database. */
export interface WorkerDependencies {
  knex: Knex;
  camunda: Camunda8;
  log: Log;
}

/**
 * The shape of `workers/index.ts`'s `startWorkers(deps)`: `{ stop(), status() }`, where
 * `status()` tells at least whether they run (`running`) and may add their last job and error.
 */
export type StartWorkers = (deps: WorkerDependencies) => {
  stop(): Promise<void> | void;
  status(): { running?: unknown; [detail: string]: unknown };
};

/** Starts the job workers of `workers/` (or `start`, the same shape) and reports on them. */
export async function startJobWorkers(
  deps: WorkerDependencies,
  start: StartWorkers = startWorkers,
): Promise<RunningWorkers> {
  const started = start(deps);
  return {
    status: () => {
      try {
        const reported = started.status();
        return { ...reported, status: reported.running === false ? 'down' : 'ok' };
      } catch (error) {
        return { status: 'down', error: (error as Error).message };
      }
    },
    stop: async () => {
      await started.stop();
    },
  };
}
