import type { Knex } from 'knex';
import { candidateGroupOf, isInScope, type StaffUser } from '../auth';
import {
  demandSummary,
  findDemandRows,
  placementOf,
  type DemandRow,
  type ViewContext,
} from '../demands';
import { isoWithOffset } from '../http';
import type { EngineTask } from './task-engine';

/**
 * The server's candidate-group rule (processes/README.md): a task is offered to a user when it
 * is assigned to them, names them as a candidate user, or names their `ROLE:UNITCODE` group.
 * Enforced on every task read and action, not only used to filter the list.
 */
export function isOfferedTo(user: StaffUser, task: EngineTask): boolean {
  return (
    task.assignee === user.username ||
    task.candidateUsers.includes(user.username) ||
    task.candidateGroups.includes(candidateGroupOf(user))
  );
}

/** The variable carrying a task's demand (processes/README.md "Start"). */
export const DEMAND_CODE_VARIABLE = 'demandCode';

const iso = (value: string | null) => (value === null ? null : isoWithOffset(new Date(value)));

/** A task as the task list shows it, with its demand (`{code}` alone when it is not stored). */
export function taskItem(
  task: EngineTask,
  demandCode: string | null,
  demand: ReturnType<typeof demandSummary> | undefined,
) {
  return {
    key: task.key,
    name: task.name,
    elementId: task.elementId,
    state: task.state,
    demand: demandCode === null ? null : (demand ?? { code: demandCode }),
    assignee: task.assignee,
    candidateGroups: task.candidateGroups,
    dueDate: iso(task.dueDate),
    followUpDate: iso(task.followUpDate),
    priority: task.priority,
    createdAt: iso(task.creationDate),
    completedAt: iso(task.completionDate),
    processInstanceKey: task.processInstanceKey,
    processDefinitionId: task.processDefinitionId,
  };
}

/** The stored demands of these codes, by code. */
export async function demandsByCode(
  knex: Knex,
  codes: string[],
  now: Date,
): Promise<Map<string, DemandRow>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await findDemandRows(knex, now, (query) => query.whereIn('d.code', unique));
  return new Map(rows.map((row) => [row.code, row]));
}

/** Whether a read-only viewer's scope holds the task's demand (auditors: every task). */
export function inReadScope(context: ViewContext, demand: DemandRow | undefined): boolean {
  if (context.viewer.scope.kind === 'all') return true;
  return demand !== undefined && isInScope(context.viewer.scope, placementOf(demand));
}

export function summaryOf(context: ViewContext, demand: DemandRow | undefined) {
  return demand ? demandSummary(context, demand) : undefined;
}
