import path from 'node:path';
import type { PlatformConfig } from '../config';
import { redactDatabaseUrl } from '../config';
import { ensureDatabase, withDatabase } from './database';
import { startEmbeddedPostgres } from './embedded';

export { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';
export { ensureDatabase, withDatabase } from './database';
export { createKnex, type KnexOptions } from './knex';

export interface DatabaseServer {
  /** Connection string of the application database. */
  url: string;
  /** Printable form of `url` (no password). */
  displayUrl: string;
  embedded: boolean;
  /** Stops the embedded server; a no-op for an external one. */
  stop(): Promise<void>;
}

const APP_DATABASE = 'minsheng';

/**
 * The application's database: the server named by DATABASE_URL, or else an embedded server
 * under `<dataDir>/postgres` with a `minsheng` database in it.
 */
export async function openDatabaseServer(
  config: PlatformConfig,
  log: (message: string) => void,
): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    return {
      url: config.databaseUrl,
      displayUrl: redactDatabaseUrl(config.databaseUrl),
      embedded: false,
      stop: async () => undefined,
    };
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'postgres'),
    port: config.embeddedPgPort,
    log,
  });
  try {
    await ensureDatabase(server.adminUrl, APP_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const url = withDatabase(server.adminUrl, APP_DATABASE);
  return { url, displayUrl: redactDatabaseUrl(url), embedded: true, stop: server.stop };
}
