import type { RequestHandler } from 'express';
import type { RestContext } from '../context';
import { invalidArgument } from '../problem';
import {
  cursor,
  filterClauses,
  isObject,
  SearchError,
  toSql,
  type SearchSpec,
} from './search-query';
import type { Row } from './search-route';

/** Filters on one member of a list column, which the generic search (scalar columns) has not. */
const LIST_FILTERS = { candidateGroup: 'candidate_groups', candidateUser: 'candidate_users' };

/**
 * The conditions of a user-task filter: the generic fields, `candidateGroup`/`candidateUser`
 * as array containment (`@>`, which the GIN indexes on those columns serve), and at the top
 * level `$or`, a list of alternative filters of which one must match (Camunda 8.8's `$or` of
 * the process-instance search). A staff list is "offered to my group, or to me, or mine":
 * one `$or` search lets the engine order and page it.
 */
function userTaskClauses(
  spec: SearchSpec,
  filter: unknown,
  params: unknown[],
  path: string,
): string[] {
  if (filter === undefined || filter === null) return [];
  if (!isObject(filter)) throw new SearchError(`The ${path} must be an object.`);
  const generic = { ...filter };
  const lists: string[] = [];
  for (const [name, column] of Object.entries(LIST_FILTERS)) {
    if (!(name in generic)) continue;
    const raw = generic[name];
    delete generic[name];
    const value = isObject(raw) ? raw.$eq : raw;
    if (typeof value !== 'string')
      throw new SearchError(`The value for ${path}.${name} must be a string.`);
    lists.push(`s.${column} @> ARRAY[$${params.push(value)}]::text[]`);
  }
  const alternatives = generic.$or;
  delete generic.$or;
  const clauses = [...filterClauses(spec, generic, params), ...lists];
  if (alternatives === undefined) return clauses;
  if (path !== 'filter') throw new SearchError(`${path}.$or is not supported.`);
  if (!Array.isArray(alternatives) || alternatives.length === 0)
    throw new SearchError('filter.$or must be a non-empty array of filters.');
  const any = alternatives.map((alternative, i) => {
    const each = userTaskClauses(spec, alternative, params, `filter.$or[${i}]`);
    return each.length > 0 ? `(${each.join(' AND ')})` : 'TRUE';
  });
  return [...clauses, `(${any.join(' OR ')})`];
}

/**
 * `POST /v2/user-tasks/search`: the generic search plus `candidateGroup` and `candidateUser`,
 * which match a task whose candidate list contains the value (plain or `{$eq}`), and `$or`.
 */
export function userTaskSearchHandler(
  context: RestContext,
  spec: SearchSpec,
  toItem: (row: Row) => unknown,
): RequestHandler {
  return async (req, res) => {
    let sql;
    let where: string[];
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      sql = toSql(spec, { ...body, filter: undefined });
      where = userTaskClauses(spec, body.filter, sql.params, 'filter');
    } catch (error) {
      if (error instanceof SearchError) return invalidArgument(req, res, error.message);
      throw error;
    }
    const params = sql.params;
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
