import type { Request, RequestHandler, Response } from 'express';
import type { RestContext } from '../context';
import { invalidArgument, problem, sendProblem } from '../problem';
import { cursor, SearchError, toSql, type SearchSpec } from './search-query';

export type Row = Record<string, unknown>;

/** `POST /v2/<resource>/search`: `{items, page: {totalItems, startCursor, endCursor, ...}}`. */
export function searchHandler(
  context: RestContext,
  spec: SearchSpec,
  toItem: (row: Row) => unknown,
): RequestHandler {
  return async (req, res) => {
    let sql;
    try {
      sql = toSql(spec, req.body);
    } catch (error) {
      if (error instanceof SearchError) return invalidArgument(req, res, error.message);
      throw error;
    }
    const [count] = await context.search.query<{ total: string }>(
      `SELECT count(*)::text AS total FROM ${spec.from} ${sql.where}`,
      sql.params,
    );
    const rows = await context.search.query(
      `SELECT s.* FROM ${spec.from} ${sql.where} ORDER BY ${sql.order}
       LIMIT ${sql.limit} OFFSET ${sql.from}`,
      sql.params,
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

/** Validates a key path parameter; answers 400 and returns undefined when it is not one. */
export function keyParam(req: Request, res: Response, name: string): string | undefined {
  const value = String(req.params[name]);
  if (/^\d{1,19}$/.test(value)) return value;
  invalidArgument(req, res, `The provided ${name} '${value}' is not a valid key.`);
  return undefined;
}

/** One row of the search table by key, or a 404 problem naming what was not found. */
export async function findByKey(
  context: RestContext,
  req: Request,
  res: Response,
  spec: SearchSpec,
  what: string,
  key: string,
): Promise<Row | undefined> {
  const [row] = await context.search.query(
    `SELECT s.* FROM ${spec.from} WHERE s.${spec.key} = $1`,
    [key],
  );
  if (!row) {
    sendProblem(
      res,
      problem(404, 'NOT_FOUND', `${what} with key '${key}' not found`, req.originalUrl),
    );
  }
  return row;
}

/**
 * SQL for the name of the element of `alias.element_id` in the process definition joined as
 * `d`, falling back to the element id (Camunda's process cache does the same).
 */
export function elementNameSql(alias: string): string {
  return `COALESCE(NULLIF(d.element_names ->> ${alias}.element_id, ''), ${alias}.element_id)`;
}

/** SQL for the process name of the definition joined as `d`, falling back to its id. */
export function processNameSql(alias: string): string {
  return `COALESCE(NULLIF(d.name, ''), ${alias}.bpmn_process_id)`;
}

export function isoDate(value: unknown): string | null {
  return value instanceof Date ? value.toISOString() : null;
}
