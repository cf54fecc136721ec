import type { Knex } from 'knex';
import { migrateToLatest } from '../../migrations';
import { createKnex, loadPlatformConfig, openDatabaseServer } from '../../platform';

/**
 * Runs `work` against the database `npm start` uses, reached with the same environment
 * (`DATABASE_URL`, or the embedded server under `DATA_DIR` on `PGPORT`), migrated first.
 * Progress of the embedded server goes to stderr, so a command's stdout stays its answer.
 */
export async function withAppDatabase<T>(work: (knex: Knex) => Promise<T>): Promise<T> {
  const log = (message: string) => console.error(`[postgres] ${message}`);
  const server = await openDatabaseServer(loadPlatformConfig(), log);
  try {
    const knex = createKnex(server.url, { poolMax: 2 });
    try {
      await migrateToLatest(knex);
      return await work(knex);
    } finally {
      await knex.destroy();
    }
  } finally {
    await server.stop();
  }
}

/** Exit codes shared by the commands: 0 done, 1 refused (reason on stderr), 2 bad usage. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** A refusal the command explains on stderr and ends with exit code 1. */
export class CliRefusal extends Error {
  override name = 'CliRefusal';
}

/** Runs a command's main function and turns its outcome into the process exit code. */
export function runCli(main: (args: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof CliRefusal) {
        console.error(error.message);
      } else {
        console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      }
      process.exitCode = EXIT.refused;
    },
  );
}
