import { Router, type Request, type Response } from 'express';
import { UserTaskService } from '../../../service/user-tasks';
import { isDateTime } from '../../../runtime/behaviors/user-tasks';
import type { UserTaskChangeset } from '../../../runtime/commands';
import type { RestContext } from '../context';
import { invalidArgument, sendRejection } from '../problem';
import type { SearchSpec } from './search-query';
import {
  elementNameSql,
  findByKey,
  isoDate,
  keyParam,
  processNameSql,
  searchHandler,
  type Row,
} from './search-route';
import { userTaskSearchHandler } from './user-task-search';
import { variableItem, visibleVariables } from './variables';

/**
 * A user task's name is its element's name in the deployed model, or the element id when it
 * has none; its process name the process's name, or the process id (as Camunda answers).
 */
export const USER_TASKS: SearchSpec = {
  from: `(SELECT t.*, ${elementNameSql('t')} AS name, ${processNameSql('t')} AS process_name
          FROM engine.user_tasks t
          LEFT JOIN engine.process_definitions d ON d.key = t.process_definition_key) s`,
  key: 'key',
  fields: {
    userTaskKey: { column: 'key', kind: 'key' },
    state: { column: 'state', kind: 'string' },
    assignee: { column: 'assignee', kind: 'string' },
    priority: { column: 'priority', kind: 'number' },
    elementId: { column: 'element_id', kind: 'string' },
    name: { column: 'name', kind: 'string' },
    elementInstanceKey: { column: 'element_instance_key', kind: 'key' },
    processInstanceKey: { column: 'process_instance_key', kind: 'key' },
    processDefinitionKey: { column: 'process_definition_key', kind: 'key' },
    processDefinitionId: { column: 'bpmn_process_id', kind: 'string' },
    creationDate: { column: 'creation_date', kind: 'date' },
    completionDate: { column: 'completion_date', kind: 'date' },
    dueDate: { column: 'due_date', kind: 'date' },
    followUpDate: { column: 'follow_up_date', kind: 'date' },
    tenantId: { column: 'tenant_id', kind: 'string' },
  },
};

/** Camunda 8.8's UserTaskResult. */
export function userTaskItem(row: Row) {
  return {
    userTaskKey: row.key,
    name: row.name,
    state: row.state,
    assignee: row.assignee ?? null,
    elementId: row.element_id,
    elementInstanceKey: row.element_instance_key,
    candidateGroups: row.candidate_groups,
    candidateUsers: row.candidate_users,
    processDefinitionId: row.bpmn_process_id,
    processName: row.process_name,
    processDefinitionKey: row.process_definition_key,
    processDefinitionVersion: row.process_definition_version,
    processInstanceKey: row.process_instance_key,
    formKey: row.form_key ?? null,
    externalFormReference: row.external_form_reference ?? null,
    creationDate: isoDate(row.creation_date),
    completionDate: isoDate(row.completion_date),
    dueDate: isoDate(row.due_date),
    followUpDate: isoDate(row.follow_up_date),
    priority: row.priority,
    customHeaders: {},
    tenantId: row.tenant_id,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isStringList = (value: unknown) =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Camunda's UserTaskRequestValidator for PATCH: a problem's detail, or the changeset. */
function parseChangeset(body: Record<string, unknown>): string | UserTaskChangeset {
  const changeset = body.changeset ?? {};
  if (!isObject(changeset)) return 'The value for changeset must be an object.';
  if (body.changeset === undefined && body.action === undefined) return 'No update data provided.';
  for (const name of ['dueDate', 'followUpDate'] as const) {
    const value = changeset[name];
    // An empty string clears the date, as in Camunda.
    if (
      value !== undefined &&
      value !== null &&
      (typeof value !== 'string' || (value !== '' && !isDateTime(value)))
    )
      return `The provided ${name} '${String(value)}' cannot be parsed as a date according to RFC 3339, section 5.6.`;
  }
  for (const name of ['candidateGroups', 'candidateUsers'] as const) {
    const value = changeset[name];
    if (value !== undefined && value !== null && !isStringList(value))
      return `The value for ${name} must be an array of strings.`;
  }
  const priority = changeset.priority;
  if (priority !== undefined && priority !== null) {
    if (
      typeof priority !== 'number' ||
      !Number.isInteger(priority) ||
      priority < 0 ||
      priority > 100
    )
      return `The value for priority is '${String(priority)}' but must be within the [0,100] range.`;
  }
  return changeset as UserTaskChangeset;
}

/**
 * Camunda 8.8 REST user tasks: search and get (search table), assignment, unassignment,
 * update and completion (USER_TASK commands; 204 once the transition is done, its task
 * listeners included), and the linked form.
 */
export function userTasksRouter(context: RestContext): Router {
  const router = Router();
  const tasks = new UserTaskService(context.service);
  /** Runs a command for the task in the path; 204 when the engine accepts it. */
  const command =
    (run: (key: string, body: Record<string, unknown>) => Promise<{ ok: boolean }> | string) =>
    async (req: Request, res: Response) => {
      const key = keyParam(req, res, 'userTaskKey');
      if (key === undefined) return;
      const body: unknown = req.body ?? {};
      if (!isObject(body))
        return invalidArgument(req, res, 'The request body must be a JSON object.');
      const result = run(key, body);
      if (typeof result === 'string') return invalidArgument(req, res, result);
      const outcome = (await result) as Awaited<ReturnType<UserTaskService['unassign']>>;
      if (!outcome.ok) return sendRejection(req, res, outcome);
      res.status(204).end();
    };
  const action = (body: Record<string, unknown>) =>
    typeof body.action === 'string' ? body.action : '';

  router.post('/user-tasks/search', userTaskSearchHandler(context, USER_TASKS, userTaskItem));
  router.get('/user-tasks/:userTaskKey', async (req, res) => {
    const key = keyParam(req, res, 'userTaskKey');
    if (key === undefined) return;
    const row = await findByKey(context, req, res, USER_TASKS, 'User task', key);
    if (row) res.json(userTaskItem(row));
  });
  router.post('/user-tasks/:userTaskKey/variables/search', async (req, res, next) => {
    const key = keyParam(req, res, 'userTaskKey');
    if (key === undefined) return;
    const row = await findByKey(context, req, res, USER_TASKS, 'User task', key);
    if (!row) return;
    const truncate = req.query.truncateValues !== 'false';
    const spec = visibleVariables(String(row.element_instance_key));
    return searchHandler(context, spec, (item) => variableItem(item, truncate))(req, res, next);
  });
  router.get('/user-tasks/:userTaskKey/form', async (req, res) => {
    const key = keyParam(req, res, 'userTaskKey');
    if (key === undefined) return;
    const row = await findByKey(context, req, res, USER_TASKS, 'User task', key);
    if (!row) return;
    const form = row.form_key ? tasks.form(String(row.form_key)) : undefined;
    if (!form) return void res.status(204).end();
    res.json({
      formKey: form.key,
      formId: form.formId,
      version: form.version,
      schema: form.schema,
      tenantId: row.tenant_id,
    });
  });
  router.post(
    '/user-tasks/:userTaskKey/assignment',
    command((key, body) => {
      if (typeof body.assignee !== 'string' || body.assignee === '') return 'No assignee provided.';
      if (body.allowOverride !== undefined && typeof body.allowOverride !== 'boolean')
        return 'The value for allowOverride must be a boolean.';
      // Camunda's default: an assigned task is reassigned unless allowOverride is false.
      return tasks.assign(key, body.assignee, body.allowOverride !== false, action(body));
    }),
  );
  router.delete(
    '/user-tasks/:userTaskKey/assignee',
    command((key) => tasks.unassign(key)),
  );
  router.patch(
    '/user-tasks/:userTaskKey',
    command((key, body) => {
      const changeset = parseChangeset(body);
      return typeof changeset === 'string' ? changeset : tasks.update(key, changeset, action(body));
    }),
  );
  router.post(
    '/user-tasks/:userTaskKey/completion',
    command((key, body) => {
      const variables = body.variables ?? {};
      if (!isObject(variables)) return 'The value for variables must be a JSON object.';
      return tasks.complete(key, variables, action(body));
    }),
  );
  return router;
}
