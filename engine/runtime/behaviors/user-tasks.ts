import type { Expression, UserTaskDefinition } from '../../bpmn/model';
import { evaluateExpression } from '../../feel';
import type { IncidentErrorType } from '../../state/types';
import type { UserTaskRecordValue } from '../../state/user-task';
import type { ElementContext } from '../element-context';
import { boundForm } from './form-binding';

type Failure = { ok: false; errorType: IncidentErrorType; message: string };
type Evaluated<T> = { ok: true; value: T } | Failure;

const extractFailure = (message: string): Failure => ({
  ok: false,
  errorType: 'EXTRACT_VALUE_ERROR',
  message,
});

/** ISO 8601 date-time as Zeebe accepts for dueDate/followUpDate: a date alone is not enough. */
export function isDateTime(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) && !Number.isNaN(Date.parse(text));
}

/** A list attribute: static text is comma-separated ids, FEEL must give a list of strings. */
export function evaluateList(
  expression: Expression | undefined,
  variables: Record<string, unknown>,
  what: string,
): Evaluated<string[]> {
  if (!expression) return { ok: true, value: [] };
  if (expression.kind === 'static') {
    const value = expression.value.split(',').map((s) => s.trim());
    return { ok: true, value: value.filter((s) => s !== '') };
  }
  const result = evaluateExpression(expression, variables, 'array');
  if (!result.ok) return extractFailure(result.message);
  const list = result.value as unknown[];
  if (!list.every((item) => typeof item === 'string')) {
    return extractFailure(
      `Expected result of the expression '${expression.source}' (${what}) to be a list of strings, but was '${JSON.stringify(list)}'`,
    );
  }
  return { ok: true, value: list as string[] };
}

export function evaluateText(
  expression: Expression | undefined,
  variables: Record<string, unknown>,
): Evaluated<string> {
  if (!expression) return { ok: true, value: '' };
  const result = evaluateExpression(expression, variables, 'any');
  if (!result.ok) return extractFailure(result.message);
  return { ok: true, value: result.value === null ? '' : String(result.value) };
}

export function evaluateDate(
  expression: Expression | undefined,
  variables: Record<string, unknown>,
  what: string,
): Evaluated<string> {
  const text = evaluateText(expression, variables);
  if (!text.ok || text.value === '' || isDateTime(text.value)) return text;
  return extractFailure(
    `Invalid date-time format '${text.value}' for '${what}'. Expected ISO 8601 date-time, e.g. '2025-01-31T12:00:00+01:00'`,
  );
}

function evaluatePriority(
  expression: Expression | undefined,
  variables: Record<string, unknown>,
): Evaluated<number> {
  if (!expression) return { ok: true, value: 50 }; // Zeebe's default priority
  const result = evaluateExpression(expression, variables, 'number');
  if (!result.ok) return extractFailure(result.message);
  const priority = result.value as number;
  if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
    return extractFailure(
      `Expected priority to be an integer between 0 and 100, but was '${String(priority)}'`,
    );
  }
  return { ok: true, value: priority };
}

/**
 * Evaluates the task's definition in its scope (Zeebe's UserTaskBehavior#evaluateUserTaskExpressions):
 * the first failure becomes the incident; a linked form must be deployed (FORM_NOT_FOUND).
 */
export function evaluateUserTask(
  ec: ElementContext,
  definition: UserTaskDefinition,
): Evaluated<UserTaskRecordValue> {
  const variables = ec.ctx.state.visibleVariables(ec.key);
  const assignee = evaluateText(definition.assignee, variables);
  const groups = evaluateList(definition.candidateGroups, variables, 'candidateGroups');
  const users = evaluateList(definition.candidateUsers, variables, 'candidateUsers');
  const dueDate = evaluateDate(definition.dueDate, variables, 'dueDate');
  const followUpDate = evaluateDate(definition.followUpDate, variables, 'followUpDate');
  const priority = evaluatePriority(definition.priority, variables);
  const external = evaluateText(definition.externalReference, variables);
  if (!assignee.ok) return assignee;
  if (!groups.ok) return groups;
  if (!users.ok) return users;
  if (!dueDate.ok) return dueDate;
  if (!followUpDate.ok) return followUpDate;
  if (!priority.ok) return priority;
  if (!external.ok) return external;
  let formKey = '-1';
  if (definition.formId) {
    const binding = definition.formBinding ?? { bindingType: 'latest' };
    const caller = ec.ctx.state.processes.get(ec.value.processDefinitionKey)!;
    const form = boundForm(ec.ctx.state, definition.formId, binding, caller);
    if (!form.ok) return { ok: false, errorType: 'FORM_NOT_FOUND', message: form.message };
    formKey = form.form.key;
  }
  return {
    ok: true,
    value: {
      userTaskKey: '-1',
      assignee: assignee.value,
      candidateGroupsList: groups.value,
      candidateUsersList: users.value,
      dueDate: dueDate.value,
      followUpDate: followUpDate.value,
      formKey,
      externalFormReference: external.value,
      priority: priority.value,
      changedAttributes: [],
      variables: {},
      action: '',
      customHeaders: {},
      elementId: ec.value.elementId,
      elementInstanceKey: ec.key,
      processInstanceKey: ec.value.processInstanceKey,
      processDefinitionKey: ec.value.processDefinitionKey,
      bpmnProcessId: ec.value.bpmnProcessId,
      processDefinitionVersion: ec.value.version,
      creationTimestamp: ec.ctx.now,
      tenantId: ec.value.tenantId,
    },
  };
}
