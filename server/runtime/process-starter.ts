import path from 'node:path';
import type { Camunda8 } from '@camunda8/sdk';
import type { Knex } from 'knex';
import type { Log } from '../../platform';
import { loadOptionalModule } from './optional-module';

/** Starts a process instance for every stored demand (the intake outbox), until stopped. */
export interface RunningProcessStarter {
  stop(): Promise<void>;
}

interface IntakeModule {
  startProcessStarter(deps: {
    knex: Knex;
    camunda: Camunda8;
    log: Log;
  }): Promise<{ stop(): Promise<void> | void }> | { stop(): Promise<void> | void };
}

const INTAKE_DIR = path.resolve(__dirname, '../intake');

/**
 * Starts `server/intake`'s process starter; while that module exports none, demands are
 * stored without starting their process, and the system says so once at start.
 */
export async function startIntakeProcessStarter(
  deps: { knex: Knex; camunda: Camunda8; log: Log },
  dir = INTAKE_DIR,
): Promise<RunningProcessStarter> {
  const module = (await loadOptionalModule(dir)) as Partial<IntakeModule> | undefined;
  if (typeof module?.startProcessStarter !== 'function') {
    deps.log(`no process starter installed (${dir} exports no startProcessStarter)`);
    return { stop: async () => undefined };
  }
  const started = await module.startProcessStarter(deps);
  return { stop: async () => void (await started.stop()) };
}
