import type { Knex } from 'knex';
import { candidateGroupOf } from '../auth';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  positiveInteger,
  single,
  type ViewContext,
} from '../demands';
import { invalidInput, parseIsoWithOffset, type FieldError } from '../http';
import type { EngineTask, TaskEngine, TaskFilter, TaskSort } from './task-engine';
import { visibleTaskVariables } from './task-variables';
import { DEMAND_CODE_VARIABLE, demandsByCode, inReadScope, summaryOf, taskItem } from './task-view';

const STATES = { created: 'CREATED', completed: 'COMPLETED', canceled: 'CANCELED' } as const;
const ASSIGNED = ['me', 'unassigned', 'all'] as const;
const SORTS: Record<string, TaskSort> = {
  createdAt: { field: 'creationDate', order: 'ASC' },
  '-createdAt': { field: 'creationDate', order: 'DESC' },
  dueDate: { field: 'dueDate', order: 'ASC' },
  '-dueDate': { field: 'dueDate', order: 'DESC' },
  priority: { field: 'priority', order: 'ASC' },
  '-priority': { field: 'priority', order: 'DESC' },
};

/** `GET /api/tasks` parameters, checked once. */
export interface TaskListQuery {
  state: (typeof STATES)[keyof typeof STATES];
  assigned: (typeof ASSIGNED)[number];
  dueBefore: Date | null;
  sort: TaskSort;
  page: number;
  pageSize: number;
}

export function parseTaskListQuery(query: Record<string, unknown>): TaskListQuery {
  const errors: FieldError[] = [];
  const state = single(query, 'state', errors) ?? 'created';
  if (!(state in STATES))
    errors.push({ field: 'state', message: 'created, completed or canceled.' });
  const assigned = single(query, 'assigned', errors) ?? 'all';
  if (!(ASSIGNED as readonly string[]).includes(assigned)) {
    errors.push({ field: 'assigned', message: 'me, unassigned or all.' });
  }
  const rawDue = single(query, 'dueBefore', errors);
  const dueBefore = rawDue === undefined ? null : (parseIsoWithOffset(rawDue) ?? null);
  if (rawDue !== undefined && dueBefore === null) {
    errors.push({ field: 'dueBefore', message: 'A time with offset (2026-03-02T18:00:00+08:00).' });
  }
  const sort = single(query, 'sort', errors) ?? '-createdAt';
  if (!(sort in SORTS)) {
    errors.push({ field: 'sort', message: `One of ${Object.keys(SORTS).join(', ')}.` });
  }
  const page = positiveInteger(query, 'page', 1, 1_000_000, errors);
  const pageSize = positiveInteger(query, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, errors);
  if (errors.length > 0) throw invalidInput(errors);
  return {
    state: STATES[state as keyof typeof STATES],
    assigned: assigned as TaskListQuery['assigned'],
    dueBefore,
    sort: SORTS[sort]!,
    page,
    pageSize,
  };
}

const SORT_VALUE: Record<TaskSort['field'], (task: EngineTask) => number | null> = {
  creationDate: (task) => (task.creationDate ? Date.parse(task.creationDate) : null),
  dueDate: (task) => (task.dueDate ? Date.parse(task.dueDate) : null),
  priority: (task) => task.priority,
};

/** The engine's order, for lists merged from several searches: empty values last. */
function byTaskSort(sort: TaskSort) {
  const value = SORT_VALUE[sort.field];
  return (a: EngineTask, b: EngineTask) => {
    const x = value(a);
    const y = value(b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return sort.order === 'ASC' ? x - y : y - x;
    }
    return a.key.localeCompare(b.key, 'en', { numeric: true });
  };
}

/**
 * The searches whose union is the caller's list. Staff see their own tasks and those offered
 * to their group (or to them by name); `unassigned` is what they could claim. Read-only roles
 * see every task and narrow by assignee only.
 */
function searchesFor(context: ViewContext, query: TaskListQuery): TaskFilter[] {
  const base: TaskFilter = { state: query.state };
  if (query.dueBefore) base.dueDate = { $lt: query.dueBefore.toISOString() };
  const { user } = context.viewer;
  const me = { assignee: user.username };
  const free = { assignee: { $exists: false } };
  if (context.viewer.scope.readOnly) {
    return [
      { ...base, ...(query.assigned === 'me' ? me : query.assigned === 'unassigned' ? free : {}) },
    ];
  }
  const offered = [{ candidateGroup: candidateGroupOf(user) }, { candidateUser: user.username }];
  if (query.assigned === 'me') return [{ ...base, ...me }];
  if (query.assigned === 'unassigned')
    return offered.map((filter) => ({ ...base, ...filter, ...free }));
  return [...offered, me].map((filter) => ({ ...base, ...filter }));
}

async function withDemands(
  knex: Knex,
  engine: TaskEngine,
  context: ViewContext,
  tasks: EngineTask[],
  now: Date,
) {
  // The demand a task is about may be set in its own scope (a spot-check visit's iteration).
  const variables = await visibleTaskVariables(engine, tasks, [DEMAND_CODE_VARIABLE]);
  const codeOf = (task: EngineTask) => {
    const code = variables.get(task.key)?.[DEMAND_CODE_VARIABLE];
    return typeof code === 'string' ? code : null;
  };
  const demands = await demandsByCode(
    knex,
    tasks.map(codeOf).filter((code): code is string => code !== null),
    now,
  );
  return tasks.map((task) => {
    const code = codeOf(task);
    return { task, code, demand: code === null ? undefined : demands.get(code) };
  });
}

/**
 * `GET /api/tasks`: one page of the tasks the caller may see, each with its demand (the
 * complainant rule applied), and the exact total. An auditor's or administrator's list is paged
 * by the engine; every other list is the union of a few searches (at most
 * `MAX_TASKS_PER_LIST` tasks each), merged, ordered and paged here.
 */
export async function listTasks(
  knex: Knex,
  engine: TaskEngine,
  context: ViewContext,
  query: TaskListQuery,
  now: Date,
) {
  const { page, pageSize } = query;
  const offset = (page - 1) * pageSize;
  const searches = searchesFor(context, query);
  let pageTasks: EngineTask[];
  let total: number;
  let scoped: Awaited<ReturnType<typeof withDemands>> | undefined;

  if (context.viewer.scope.kind === 'all') {
    const found = await engine.searchPage(searches[0]!, [query.sort], offset, pageSize);
    pageTasks = found.items;
    total = found.total;
  } else {
    const merged = new Map<string, EngineTask>();
    for (const filter of searches) {
      for (const task of await engine.searchAll(filter)) merged.set(task.key, task);
    }
    let tasks = [...merged.values()].sort(byTaskSort(query.sort));
    if (context.viewer.scope.readOnly) {
      // A process owner sees the tasks of their district's demands only.
      scoped = (await withDemands(knex, engine, context, tasks, now)).filter((entry) =>
        inReadScope(context, entry.demand),
      );
      tasks = scoped.map((entry) => entry.task);
    }
    total = tasks.length;
    pageTasks = tasks.slice(offset, offset + pageSize);
  }

  const entries = scoped
    ? scoped.slice(offset, offset + pageSize)
    : await withDemands(knex, engine, context, pageTasks, now);
  return {
    items: entries.map((entry) =>
      taskItem(entry.task, entry.code, summaryOf(context, entry.demand)),
    ),
    page: { total, page, pageSize },
  };
}
