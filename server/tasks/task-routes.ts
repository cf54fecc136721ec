import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { FieldCipher } from '../../domain/pii';
import { staffOf, type StaffGuards } from '../auth';
import { demandDetail, loadViewer, type ViewContext } from '../demands';
import {
  auditAs,
  HttpProblem,
  invalidInput,
  jsonBody,
  noteAudit,
  PROBLEM_TYPES,
  route,
} from '../http';
import { formRules } from './form-fields';
import { referencedVariables } from './form-references';
import { suggestedValues } from './suggested-values';
import { actionableTask, claimTask, completeTask, unclaimTask } from './task-actions';
import { engineUnavailable } from '../camunda';
import type { EngineTask, TaskEngine } from './task-engine';
import { parseTaskListQuery, listTasks } from './task-list';
import { visibleTaskVariables } from './task-variables';
import {
  DEMAND_CODE_VARIABLE,
  demandsByCode,
  inReadScope,
  isOfferedTo,
  taskItem,
} from './task-view';

export interface TaskRoutesOptions {
  knex: Knex;
  cipher: FieldCipher;
  guards: StaffGuards;
  clock: () => Date;
  jsonBodyLimit: string;
  /** Absent: every task route answers 503 `engine-unavailable`. */
  engine: TaskEngine | undefined;
}

/**
 * The task list (API.md "Staff: tasks"): `GET /tasks`, `GET /tasks/{key}`,
 * `POST|DELETE /tasks/{key}/assignment` and `POST /tasks/{key}/completion`.
 */
export function taskRouter(options: TaskRoutesOptions): Router {
  const { knex, cipher, guards, clock } = options;
  const router = Router();

  const engineOf = (): TaskEngine => {
    if (!options.engine) throw engineUnavailable();
    return options.engine;
  };
  const context = async (res: Response): Promise<ViewContext> => ({
    viewer: await loadViewer(knex, staffOf(res)),
    cipher,
  });

  const list = async (req: Request, res: Response) => {
    const query = parseTaskListQuery(req.query as Record<string, unknown>);
    const engine = engineOf();
    res.json(await listTasks(knex, engine, await context(res), query, clock()));
  };

  const detail = async (req: Request, res: Response) => {
    const engine = engineOf();
    const view = await context(res);
    const notFound = new HttpProblem({ status: 404, detail: 'There is no such task.' });
    const task = await engine.get(String(req.params.key));
    if (!task) throw notFound;
    const variables = (await visibleTaskVariables(engine, [task])).get(task.key) ?? {};
    const code =
      typeof variables[DEMAND_CODE_VARIABLE] === 'string'
        ? (variables[DEMAND_CODE_VARIABLE] as string)
        : null;
    const demand =
      code === null ? undefined : (await demandsByCode(knex, [code], clock())).get(code);
    const visible = view.viewer.scope.readOnly
      ? inReadScope(view, demand)
      : isOfferedTo(view.viewer.user, task);
    if (!visible) throw notFound;
    const form = task.formKey === null ? null : await engine.form(task.key);
    const suggested = form
      ? suggestedValues(formRules(form.schema).names, variables, demand?.suggestion ?? null)
      : { values: {}, fields: [] };
    res.json({
      ...taskItem(task, code, undefined),
      demand: demand ? await demandDetail(knex, view, demand) : code === null ? null : { code },
      form,
      variables: form ? { ...prefill(form.schema, variables), ...suggested.values } : {},
      suggestedFields: suggested.fields,
    });
  };

  /** Actions: read-only roles are refused before the task is even looked up. */
  const acting =
    (run: (engine: TaskEngine, res: Response, req: Request, task: EngineTask) => Promise<void>) =>
    async (req: Request, res: Response) => {
      const user = staffOf(res);
      const key = String(req.params.key);
      noteAudit(res, { entityId: key });
      const view = await context(res);
      if (view.viewer.scope.readOnly) {
        throw new HttpProblem({
          status: 403,
          type: PROBLEM_TYPES.forbidden,
          detail: 'Your role reads tasks; it does not work on them.',
        });
      }
      const engine = engineOf();
      const task = await actionableTask(engine, user, key);
      noteAudit(res, { details: { elementId: task.elementId } });
      await run(engine, res, req, task);
      res.status(204).end();
    };

  /** Claiming and giving back take no body (an empty JSON object is tolerated). */
  const emptyBody = (req: Request, _res: Response, next: NextFunction) => {
    const body: unknown = req.body;
    const empty =
      body === undefined ||
      (typeof body === 'object' &&
        body !== null &&
        !Array.isArray(body) &&
        Object.keys(body).length === 0);
    if (!empty) throw invalidInput([{ field: '', message: 'This request takes no body.' }]);
    next();
  };

  const write = (action: string) => [
    auditAs(action, 'user_task'),
    guards.requireStaff,
    guards.requireCsrf,
    ...jsonBody(options.jsonBodyLimit),
  ];

  route(router, '/tasks', { get: [guards.requireStaff, list] });
  route(router, '/tasks/:key', { get: [guards.requireStaff, detail] });
  route(router, '/tasks/:key/assignment', {
    post: [
      ...write('task.claim'),
      emptyBody,
      acting((engine, res, _req, task) => claimTask(engine, staffOf(res), task)),
    ],
    delete: [
      ...write('task.unclaim'),
      emptyBody,
      acting((engine, res, _req, task) => unclaimTask(engine, staffOf(res), task)),
    ],
  });
  route(router, '/tasks/:key/completion', {
    post: [
      ...write('task.complete'),
      acting((engine, res, req, task) => completeTask(engine, staffOf(res), task, req.body)),
    ],
  });
  return router;
}

/**
 * The current values of the form's fields, for filling the form in, and of the variables its
 * texts and conditions name, for rendering it.
 */
function prefill(schema: unknown, variables: Record<string, unknown>): Record<string, unknown> {
  const names = new Set([...formRules(schema).names, ...referencedVariables(schema)]);
  return Object.fromEntries(Object.entries(variables).filter(([name]) => names.has(name)));
}
