import knexFactory, { type Knex } from 'knex';
import type { Log } from '../log';

export interface KnexOptions {
  /** Largest number of pooled connections. Default 10. */
  poolMax?: number;
  /** Where knex's own warnings go (pool errors, deprecations). Default: stderr. */
  log?: Log;
}

/**
 * A knex instance for PostgreSQL. `bigint` columns come back as strings (pg's default), which
 * is what we want: keys may exceed 2^53.
 */
export function createKnex(connectionString: string, options: KnexOptions = {}): Knex {
  const log = options.log ?? ((message: string) => console.warn(message));
  const write = (message: unknown) => log(String(message));
  return knexFactory({
    client: 'pg',
    connection: { connectionString, application_name: 'minsheng' },
    pool: { min: 0, max: options.poolMax ?? 10 },
    log: { warn: write, error: write, deprecate: write, debug: write },
  });
}
