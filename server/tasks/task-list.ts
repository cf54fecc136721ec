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

/**
 * The search of the caller's list. Staff see their own tasks and those offered to their group
 * (or to them by name), as one `$or` search the engine orders and pages; `unassigned` is what
 * they could claim. Read-only roles see every task and narrow by assignee only.
 */
function searchFor(context: ViewContext, query: TaskListQuery): TaskFilter {
  const base: TaskFilter = { state: query.state };
  if (query.dueBefore) base.dueDate = { $lt: query.dueBefore.toISOString() };
  const { user } = context.viewer;
  const me = { assignee: user.username };
  const free = { assignee: { $exists: false } };
  if (context.viewer.scope.readOnly) {
    return {
      ...base,
      ...(query.assigned === 'me' ? me : query.assigned === 'unassigned' ? free : {}),
    };
  }
  const offered = [{ candidateGroup: candidateGroupOf(user) }, { candidateUser: user.username }];
  if (query.assigned === 'me') return { ...base, ...me };
  if (query.assigned === 'unassigned') return { ...base, ...free, $or: offered };
  return { ...base, $or: [...offered, me] };
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
 * complainant rule applied), and the exact total. The engine orders and pages every list but a
 * process owner's, whose tasks are narrowed to their district's demands here (at most
 * `MAX_TASKS_PER_LIST` of them).
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
  const filter = searchFor(context, query);
  let entries: Awaited<ReturnType<typeof withDemands>>;
  let total: number;

  if (context.viewer.scope.readOnly && context.viewer.scope.kind !== 'all') {
    const tasks = await engine.searchAll(filter, [query.sort]);
    const scoped = (await withDemands(knex, engine, context, tasks, now)).filter((entry) =>
      inReadScope(context, entry.demand),
    );
    total = scoped.length;
    entries = scoped.slice(offset, offset + pageSize);
  } else {
    const found = await engine.searchPage(filter, [query.sort], offset, pageSize);
    total = found.total;
    entries = await withDemands(knex, engine, context, found.items, now);
  }
  return {
    items: entries.map((entry) =>
      taskItem(entry.task, entry.code, summaryOf(context, entry.demand)),
    ),
    page: { total, page, pageSize },
  };
}
