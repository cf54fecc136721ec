import knexFactory, { type Knex } from 'knex';

export interface KnexOptions {
  /** Largest number of pooled connections. Default 10. */
  poolMax?: number;
}

/**
 * A knex instance for PostgreSQL. `bigint` columns come back as strings (pg's default), which
 * is what we want: keys may exceed 2^53.
 */
export function createKnex(connectionString: string, options: KnexOptions = {}): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString, application_name: 'minsheng' },
    pool: { min: 0, max: options.poolMax ?? 10 },
  });
}
