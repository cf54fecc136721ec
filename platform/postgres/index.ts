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
  /**
   * Whether this process started the embedded server (and so stops it). False for an external
   * server and for an embedded one that another process of ours started first.
   */
  owned: boolean;
  /**
   * Resolves when the embedded server has gone for whatever reason (stopped, crashed, killed);
   * never for an external server, which reconnecting clients simply wait for.
   */
  exited: Promise<void>;
  /** Stops the embedded server if this process started it; otherwise only lets go of it. */
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
      owned: false,
      exited: new Promise<void>(() => undefined),
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
  return {
    url,
    displayUrl: redactDatabaseUrl(url),
    embedded: true,
    owned: server.owned,
    exited: server.exited,
    stop: server.stop,
  };
}
