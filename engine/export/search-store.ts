import type pg from 'pg';

/** Read access to the search tables, for the REST search and get endpoints. */
export class SearchStore {
  constructor(private readonly pool: pg.Pool) {}

  async query<R extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
  ): Promise<R[]> {
    return (await this.pool.query<R>(sql, params)).rows;
  }
}
