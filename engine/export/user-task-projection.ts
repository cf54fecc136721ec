import type { LoggedRecord } from '../protocol/records';
import type { UserTaskRecordValue } from '../state/user-task';
import type { Row, TableRows } from './table-rows';

/**
 * The `engine.user_tasks` search table (what Camunda's exporters write for the user task
 * search): one row per task, its latest values, with the state a search reports: a …ING
 * state while task listeners hold the transition (without listeners, the transition ends in
 * the same batch).
 */
export const USER_TASK_STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS engine.user_tasks (
     key bigint PRIMARY KEY,
     state text NOT NULL,
     assignee text,
     candidate_groups text[] NOT NULL,
     candidate_users text[] NOT NULL,
     due_date timestamptz,
     follow_up_date timestamptz,
     priority int NOT NULL,
     form_key bigint,
     external_form_reference text,
     element_id text NOT NULL,
     element_instance_key bigint NOT NULL,
     process_instance_key bigint NOT NULL,
     process_definition_key bigint NOT NULL,
     bpmn_process_id text NOT NULL,
     process_definition_version int NOT NULL,
     creation_date timestamptz NOT NULL,
     completion_date timestamptz,
     tenant_id text NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS user_tasks_pi ON engine.user_tasks (process_instance_key)`,
  // Staff lists search the open tasks offered to a group or a user, or held by an assignee,
  // over and over; the finished ones pile up beside them and are searched rarely.
  `CREATE INDEX IF NOT EXISTS user_tasks_open_groups ON engine.user_tasks
     USING gin (candidate_groups) WHERE state = 'CREATED'`,
  `CREATE INDEX IF NOT EXISTS user_tasks_open_users ON engine.user_tasks
     USING gin (candidate_users) WHERE state = 'CREATED'`,
  `CREATE INDEX IF NOT EXISTS user_tasks_open_assignee ON engine.user_tasks (assignee)
     WHERE state = 'CREATED'`,
];

const STATE: Record<string, string> = {
  CREATED: 'CREATED',
  ASSIGNED: 'CREATED',
  UPDATED: 'CREATED',
  MIGRATED: 'CREATED',
  // While task listeners run, and after one of them denied the change.
  CREATING: 'CREATING',
  ASSIGNING: 'ASSIGNING',
  UPDATING: 'UPDATING',
  COMPLETING: 'COMPLETING',
  CANCELING: 'CANCELING',
  ASSIGNMENT_DENIED: 'CREATED',
  UPDATE_DENIED: 'CREATED',
  COMPLETION_DENIED: 'CREATED',
  COMPLETED: 'COMPLETED',
  CANCELED: 'CANCELED',
};

const COLUMNS = [
  'key',
  'state',
  'assignee',
  'candidate_groups',
  'candidate_users',
  'due_date',
  'follow_up_date',
  'priority',
  'form_key',
  'external_form_reference',
  'element_id',
  'element_instance_key',
  'process_instance_key',
  'process_definition_key',
  'bpmn_process_id',
  'process_definition_version',
  'creation_date',
  'completion_date',
  'tenant_id',
];

/** Every column but the key and the creation date takes the newest value. */
const ON_CONFLICT = COLUMNS.filter((c) => c !== 'key' && c !== 'creation_date')
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ');

const dateOrNull = (text: string) => (text === '' ? null : new Date(text));

export function projectUserTasks(records: LoggedRecord[]): TableRows {
  const rows = new Map<string, Row>();
  for (const record of records) {
    const state = STATE[record.intent];
    if (record.recordType !== 'EVENT' || record.valueType !== 'USER_TASK' || !state) continue;
    const v = record.value as UserTaskRecordValue;
    rows.set(record.key, {
      key: record.key,
      state,
      assignee: v.assignee === '' ? null : v.assignee,
      candidate_groups: v.candidateGroupsList,
      candidate_users: v.candidateUsersList,
      due_date: dateOrNull(v.dueDate),
      follow_up_date: dateOrNull(v.followUpDate),
      priority: v.priority,
      form_key: v.formKey === '-1' ? null : v.formKey,
      external_form_reference: v.externalFormReference === '' ? null : v.externalFormReference,
      element_id: v.elementId,
      element_instance_key: v.elementInstanceKey,
      process_instance_key: v.processInstanceKey,
      process_definition_key: v.processDefinitionKey,
      bpmn_process_id: v.bpmnProcessId,
      process_definition_version: v.processDefinitionVersion,
      creation_date: new Date(v.creationTimestamp),
      completion_date:
        state === 'COMPLETED' || state === 'CANCELED' ? new Date(record.timestamp) : null,
      tenant_id: v.tenantId,
    });
  }
  return { table: 'user_tasks', columns: COLUMNS, onConflict: ON_CONFLICT, rows };
}
