import type { RequestHandler } from 'express';
import type { RestContext } from '../context';
import { invalidArgument } from '../problem';
import { cursor, SearchError, toSql, type SearchSpec } from './search-query';
import type { Row } from './search-route';

/** Filters on one member of a list column, which the generic search (scalar columns) has not. */
const LIST_FILTERS = { candidateGroup: 'candidate_groups', candidateUser: 'candidate_users' };

/**
 * `POST /v2/user-tasks/search`: the generic search plus `candidateGroup` and `candidateUser`,
 * which match a task whose candidate list contains the value (plain or `{$eq}`).
 */
export function userTaskSearchHandler(
  context: RestContext,
  spec: SearchSpec,
  toItem: (row: Row) => unknown,
): RequestHandler {
  return async (req, res) => {
    let sql;
    const listClauses: Array<[string, string]> = [];
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const filter = body.filter;
      let rest = filter;
      if (typeof filter === 'object' && filter !== null && !Array.isArray(filter)) {
        const copy = { ...(filter as Record<string, unknown>) };
        for (const [name, column] of Object.entries(LIST_FILTERS)) {
          if (!(name in copy)) continue;
          const raw = copy[name];
          delete copy[name];
          const value =
            typeof raw === 'object' && raw !== null ? (raw as { $eq?: unknown }).$eq : raw;
          if (typeof value !== 'string')
            throw new SearchError(`The value for filter.${name} must be a string.`);
          listClauses.push([column, value]);
        }
        rest = copy;
      }
      sql = toSql(spec, { ...body, filter: rest });
    } catch (error) {
      if (error instanceof SearchError) return invalidArgument(req, res, error.message);
      throw error;
    }
    const params = [...sql.params];
    const clauses = listClauses.map(
      ([column, value]) => `$${params.push(value)} = ANY(s.${column})`,
    );
    const where = [sql.where.replace(/^WHERE /, ''), ...clauses].filter((c) => c !== '');
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await context.search.query<{ total: string }>(
      `SELECT count(*)::text AS total FROM ${spec.from} ${whereSql}`,
      params,
    );
    const rows = await context.search.query(
      `SELECT s.* FROM ${spec.from} ${whereSql} ORDER BY ${sql.order}
       LIMIT ${sql.limit} OFFSET ${sql.from}`,
      params,
    );
    res.json({
      items: rows.map(toItem),
      page: {
        totalItems: Number(count!.total),
        hasMoreTotalItems: false,
        startCursor: rows.length > 0 ? cursor(sql.from) : null,
        endCursor: rows.length > 0 ? cursor(sql.from + rows.length) : null,
      },
    });
  };
}
