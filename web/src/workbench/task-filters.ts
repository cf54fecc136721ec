import type { TaskQuery } from '../api/tasks';
import type { StaffUser, TaskItem } from '../api/types';

export type TaskFilter = 'mine' | 'groups' | 'unassigned' | 'dueSoon' | 'overdue';
export type TaskSort = 'dueDate' | 'priority' | 'createdAt';

export const FILTERS: TaskFilter[] = ['mine', 'groups', 'unassigned', 'dueSoon', 'overdue'];
export const SORTS: TaskSort[] = ['dueDate', 'priority', 'createdAt'];

/** "Due soon": due within this long from now, as the task list's warning. */
export const DUE_SOON_MS = 2 * 24 * 3_600_000;

/** The server's sort parameter: earliest due first, highest priority first, newest first. */
const SORT_PARAMETER: Record<TaskSort, string> = {
  dueDate: 'dueDate',
  priority: '-priority',
  createdAt: '-createdAt',
};

/** The task group the server maps the user to (DESIGN.md: `ROLE:UNITCODE`). */
export const groupOf = (user: StaffUser) => `${user.role}:${user.unit.code}`;

/** What `GET /api/tasks` is asked for a filter at `now`. */
export function queryOf(filter: TaskFilter, sort: TaskSort, now: Date): TaskQuery {
  const base: TaskQuery = { sort: SORT_PARAMETER[sort], pageSize: 100 };
  switch (filter) {
    case 'mine':
      return { ...base, assigned: 'me' };
    case 'unassigned':
      return { ...base, assigned: 'unassigned' };
    case 'groups':
      return { ...base, assigned: 'all' };
    case 'dueSoon':
      return {
        ...base,
        assigned: 'all',
        dueBefore: new Date(now.getTime() + DUE_SOON_MS).toISOString(),
      };
    case 'overdue':
      return { ...base, assigned: 'all', dueBefore: now.toISOString() };
  }
}

/**
 * What the server's answer holds beyond the filter: "my groups" are the tasks offered to the
 * user's group (not only to them by name); "due soon" excludes what is already overdue.
 */
export function keeps(filter: TaskFilter, user: StaffUser, now: Date) {
  return (task: TaskItem): boolean => {
    const due = task.dueDate ? Date.parse(task.dueDate) : null;
    switch (filter) {
      case 'groups':
        return task.candidateGroups.includes(groupOf(user));
      case 'dueSoon':
        return due !== null && due >= now.getTime() && due < now.getTime() + DUE_SOON_MS;
      case 'overdue':
        return due !== null && due < now.getTime();
      default:
        return true;
    }
  };
}
