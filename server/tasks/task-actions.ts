import type { StaffUser } from '../auth';
import { HttpProblem, invalidInput, PROBLEM_TYPES } from '../http';
import { formRules, type FormRules } from './form-fields';
import { validateAgainstForm } from './form-validation';
import { EngineRefusal } from '../camunda';
import type { EngineTask, TaskEngine } from './task-engine';
import { isOfferedTo } from './task-view';
import { visibleTaskVariables } from './task-variables';

/**
 * Claim, unclaim and complete, as Camunda Tasklist does them: a task is claimed before it is
 * completed (completing a task that is not assigned to the caller is refused with 409 rather
 * than claimed on the way), claiming never takes a task from someone else, and only the
 * assignee gives a task back. Every refusal is decided before the engine is asked to change
 * anything.
 */

function conflict(detail: string): HttpProblem {
  return new HttpProblem({ status: 409, type: PROBLEM_TYPES.conflict, title: 'Conflict', detail });
}

function notFound(): HttpProblem {
  return new HttpProblem({ status: 404, detail: 'There is no such task.' });
}

/** The open task `key` if the caller may act on it: 404 unknown, 403 not theirs, 409 closed. */
export async function actionableTask(
  engine: TaskEngine,
  user: StaffUser,
  key: string,
): Promise<EngineTask> {
  const task = await engine.get(key);
  if (!task) throw notFound();
  if (!isOfferedTo(user, task)) {
    throw new HttpProblem({
      status: 403,
      type: PROBLEM_TYPES.forbidden,
      detail: 'This task is not offered to your role and unit.',
    });
  }
  if (task.state !== 'CREATED') throw conflict('This task is no longer open.');
  return task;
}

/** The engine's own 404/409 (the task changed meanwhile) in the API's words. */
function engineRefused(error: unknown): never {
  if (error instanceof EngineRefusal) {
    throw error.status === 404 ? notFound() : conflict('The task changed meanwhile; reload it.');
  }
  throw error;
}

export async function claimTask(engine: TaskEngine, user: StaffUser, task: EngineTask) {
  if (task.assignee === user.username) return;
  if (task.assignee !== null) throw conflict('The task is assigned to someone else.');
  await engine.assign(task.key, user.username).catch(engineRefused);
}

export async function unclaimTask(engine: TaskEngine, user: StaffUser, task: EngineTask) {
  if (task.assignee !== user.username) {
    throw conflict(
      task.assignee === null
        ? 'The task is not assigned.'
        : 'The task is assigned to someone else.',
    );
  }
  await engine.unassign(task.key).catch(engineRefused);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Completes the caller's task with the variables of its form, plus `actor` (the username,
 * processes/README.md). The variables are checked against the task's Camunda form first; a
 * task without a form takes no variables.
 */
export async function completeTask(
  engine: TaskEngine,
  user: StaffUser,
  task: EngineTask,
  body: unknown,
) {
  const input = body === undefined ? {} : body;
  if (!isObject(input) || (input.variables !== undefined && !isObject(input.variables))) {
    throw invalidInput([{ field: 'variables', message: 'An object of the form’s fields.' }]);
  }
  const variables = (input.variables ?? {}) as Record<string, unknown>;
  if (task.assignee !== user.username) throw conflict('Claim the task before completing it.');

  const form = task.formKey === null ? null : await engine.form(task.key);
  let leftOut: Record<string, null> = {};
  if (form === null) {
    if (Object.keys(variables).length > 0) {
      throw invalidInput(
        Object.keys(variables).map((name) => ({ field: name, message: 'This task has no form.' })),
      );
    }
  } else {
    const rules = formRules(form.schema);
    const known = (await visibleTaskVariables(engine, [task])).get(task.key) ?? {};
    const errors = validateAgainstForm(rules, variables, known);
    if (errors.length > 0) {
      throw invalidInput(
        errors,
        `The variables do not fit the form ${rules.formId ?? ''}.`.replace(' .', '.'),
      );
    }
    leftOut = clearedFields(rules, variables);
  }
  await engine
    .complete(task.key, { ...leftOut, ...variables, actor: user.username })
    .catch(engineRefused);
}

/**
 * The form's writable fields the caller left out, as null. Process variables outlive the task
 * that set them, and a step done again (a second `handle`, the next sign-off) shows the same
 * fields: without this, a note or statement left out would keep the value of the earlier round,
 * and the worker recording this completion would write it down again as this one's.
 */
function clearedFields(rules: FormRules, variables: Record<string, unknown>): Record<string, null> {
  const writable = rules.rules.filter((rule) => rule.kind === 'list' || rule.readonly === false);
  const names = new Set(writable.map((rule) => rule.path[0]).filter((n): n is string => !!n));
  return Object.fromEntries(
    [...names].filter((name) => !Object.hasOwn(variables, name)).map((name) => [name, null]),
  );
}
