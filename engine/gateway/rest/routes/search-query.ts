/**
 * The search request of Camunda 8.8's REST API (`{filter, sort, page}`) translated into SQL
 * over one search table. Filters take a plain value (equality) or an advanced filter object
 * (`$eq`, `$neq`, `$in`, `$notIn`, `$exists`, `$like`, `$gt`, `$gte`, `$lt`, `$lte`).
 */
export type FieldKind = 'key' | 'string' | 'number' | 'boolean' | 'date';

export interface SearchSpec {
  /** A FROM item yielding the columns the fields name (a table or a subquery), aliased `s`. */
  from: string;
  fields: Record<string, { column: string; kind: FieldKind }>;
  /** Column that orders ties and the default order. */
  key: string;
}

export interface SqlSearch {
  where: string;
  order: string;
  params: unknown[];
  limit: number;
  from: number;
}

const MAX_LIMIT = 10_000;
const OPERATORS = new Set([
  '$eq',
  '$neq',
  '$in',
  '$notIn',
  '$exists',
  '$like',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
]);
const COMPARE: Record<string, string> = {
  $eq: '=',
  $neq: '<>',
  $gt: '>',
  $gte: '>=',
  $lt: '<',
  $lte: '<=',
};

export class SearchError extends Error {}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkValue(field: string, kind: FieldKind, value: unknown): unknown {
  const ok =
    kind === 'key'
      ? typeof value === 'string' && /^-?\d{1,19}$/.test(value)
      : kind === 'number'
        ? typeof value === 'number' && Number.isInteger(value)
        : kind === 'boolean'
          ? typeof value === 'boolean'
          : kind === 'date'
            ? typeof value === 'string' && !Number.isNaN(Date.parse(value))
            : typeof value === 'string';
  if (!ok) {
    const expected = {
      key: 'a key (decimal string)',
      number: 'an integer',
      boolean: 'a boolean',
      date: 'a date-time string',
      string: 'a string',
    }[kind];
    throw new SearchError(
      `The value for filter.${field} is '${JSON.stringify(value)}' but must be ${expected}.`,
    );
  }
  return kind === 'date' ? new Date(value as string) : value;
}

/** The AND-ed conditions of one filter object; values are pushed onto `params`. */
export function filterClauses(spec: SearchSpec, filter: unknown, params: unknown[]): string[] {
  if (filter === undefined || filter === null) return [];
  if (!isObject(filter)) throw new SearchError('The filter must be an object.');
  const clauses: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  for (const [name, raw] of Object.entries(filter)) {
    const field = spec.fields[name];
    if (!field) throw new SearchError(`Unknown filter field 'filter.${name}'.`);
    const col = `s.${field.column}`;
    const conditions = isObject(raw) ? raw : { $eq: raw };
    for (const [op, value] of Object.entries(conditions)) {
      if (!OPERATORS.has(op)) throw new SearchError(`Unknown operator '${op}' in filter.${name}.`);
      if (op === '$exists') {
        if (typeof value !== 'boolean')
          throw new SearchError(`filter.${name}.$exists must be a boolean.`);
        clauses.push(`${col} IS ${value ? 'NOT ' : ''}NULL`);
      } else if (op === '$in' || op === '$notIn') {
        if (!Array.isArray(value)) throw new SearchError(`filter.${name}.${op} must be an array.`);
        const values = value.map((v) => checkValue(name, field.kind, v));
        clauses.push(`${op === '$in' ? '' : 'NOT '}${col} = ANY(${param(values)})`);
      } else if (op === '$like') {
        if (field.kind !== 'string')
          throw new SearchError(`filter.${name} does not support $like.`);
        // Camunda's wildcards are * and ?; SQL's are % and _.
        const pattern = String(checkValue(name, 'string', value)).replace(/[%_\\]/g, '\\$&');
        clauses.push(`${col} LIKE ${param(pattern.replace(/\*/g, '%').replace(/\?/g, '_'))}`);
      } else {
        clauses.push(`${col} ${COMPARE[op]} ${param(checkValue(name, field.kind, value))}`);
      }
    }
  }
  return clauses;
}

function orderBy(spec: SearchSpec, sort: unknown): string {
  if (sort === undefined || sort === null) return `s.${spec.key} ASC`;
  if (!Array.isArray(sort)) throw new SearchError('The sort must be an array.');
  const parts = sort.map((entry: unknown, i) => {
    if (!isObject(entry) || typeof entry.field !== 'string')
      throw new SearchError(`No sort field provided in sort[${i}].`);
    const field = spec.fields[entry.field];
    if (!field) throw new SearchError(`Unknown sort field 'sort[${i}].field': '${entry.field}'.`);
    const order = entry.order === undefined ? 'ASC' : String(entry.order).toUpperCase();
    if (order !== 'ASC' && order !== 'DESC')
      throw new SearchError(`Unknown sortOrder '${String(entry.order)}' in sort[${i}].order.`);
    return `s.${field.column} ${order} NULLS ${order === 'ASC' ? 'LAST' : 'FIRST'}`;
  });
  return [...parts, `s.${spec.key} ASC`].join(', ');
}

/** Cursors are opaque to clients; here they carry the offset they stand for. */
export function cursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function fromCursor(value: unknown, name: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(String(value), 'base64url').toString()) as {
      offset?: unknown;
    };
    const offset = decoded.offset;
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error below
  }
  throw new SearchError(`The value for page.${name} is not a valid cursor.`);
}

function paging(page: unknown): { limit: number; from: number } {
  if (page === undefined || page === null) return { limit: 100, from: 0 };
  if (!isObject(page)) throw new SearchError('The page must be an object.');
  const limit = page.limit ?? 100;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new SearchError(
      `The value for page.limit is '${String(limit)}' but must be between 1 and ${MAX_LIMIT}.`,
    );
  for (const name of Object.keys(page)) {
    if (!['limit', 'from', 'after', 'before'].includes(name))
      throw new SearchError(`Unknown page field 'page.${name}'.`);
  }
  if (page.after !== undefined) return { limit, from: fromCursor(page.after, 'after') };
  if (page.before !== undefined)
    return { limit, from: Math.max(0, fromCursor(page.before, 'before') - limit) };
  const from = page.from ?? 0;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0)
    throw new SearchError(
      `The value for page.from is '${String(from)}' but must be a non-negative integer.`,
    );
  return { limit, from };
}

/** Throws SearchError (a 400) naming the offending field. */
export function toSql(spec: SearchSpec, body: unknown): SqlSearch {
  const request = body ?? {};
  if (!isObject(request)) throw new SearchError('The search request must be a JSON object.');
  const params: unknown[] = [];
  const clauses = filterClauses(spec, request.filter, params);
  return {
    where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '',
    order: orderBy(spec, request.sort),
    params,
    ...paging(request.page),
  };
}
