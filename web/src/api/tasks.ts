import { queryString, request } from './http';
import type { TaskDetail, TaskPage } from './types';

export interface TaskQuery {
  assigned?: 'me' | 'unassigned' | 'all';
  dueBefore?: string;
  sort?: string;
  page?: number;
  pageSize?: number;
}

/** `GET /api/tasks`: the open tasks the caller may see. */
export function listTasks(query: TaskQuery): Promise<TaskPage> {
  return request<TaskPage>('GET', `/tasks${queryString({ state: 'created', ...query })}`);
}

/** `GET /api/tasks/{key}`: the task, its form, prefilled values and its demand. */
export function getTask(key: string): Promise<TaskDetail> {
  return request<TaskDetail>('GET', `/tasks/${encodeURIComponent(key)}`);
}

export function claimTask(key: string): Promise<void> {
  return request<void>('POST', `/tasks/${encodeURIComponent(key)}/assignment`);
}

export function unclaimTask(key: string): Promise<void> {
  return request<void>('DELETE', `/tasks/${encodeURIComponent(key)}/assignment`);
}

export function completeTask(key: string, variables: Record<string, unknown>): Promise<void> {
  return request<void>('POST', `/tasks/${encodeURIComponent(key)}/completion`, { variables });
}
