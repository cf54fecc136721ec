import path from 'node:path';
import type { Camunda8 } from '@camunda8/sdk';
import type { Knex } from 'knex';
import type { Log } from '../../platform';
import { loadOptionalModule } from './optional-module';

/** What `/health` reports about the job workers. */
export interface WorkersHealth {
  /** `ok`: running; `down`: stopped or failing; `none`: no workers are installed. */
  status: 'ok' | 'down' | 'none';
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
 * The shape `workers/index.ts` exports: `startWorkers(deps)` returning `{ stop(), status() }`,
 * where `status()` tells at least whether they run (`running`) and may add when they last
 * polled and their last error.
 */
interface WorkersModule {
  startWorkers(deps: WorkerDependencies): Promise<StartedWorkers> | StartedWorkers;
}
interface StartedWorkers {
  stop(): Promise<void> | void;
  status(): { running?: unknown; [detail: string]: unknown };
}

const WORKERS_DIR = path.resolve(__dirname, '../../workers');

/**
 * Starts the job workers of `workers/`. While that folder exports no `startWorkers`, the
 * system runs without them (automated steps wait) and says so once at start.
 */
export async function startJobWorkers(
  deps: WorkerDependencies,
  dir = WORKERS_DIR,
): Promise<RunningWorkers> {
  const module = (await loadOptionalModule(dir)) as Partial<WorkersModule> | undefined;
  if (typeof module?.startWorkers !== 'function') {
    deps.log(
      `no job workers installed (${dir} exports no startWorkers): automated steps will wait`,
    );
    return { status: () => ({ status: 'none' }), stop: async () => undefined };
  }
  const started = await module.startWorkers(deps);
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
