/**
 * User tasks without `zeebe:userTask` (Camunda docs "User tasks", "Job worker implementation"):
 * Zeebe runs them as service tasks whose job has type `io.camunda.zeebe:userTask`, and hands the
 * task's data to the worker (a tasklist) as custom headers. Static values go into the headers
 * here; FEEL values become dynamic headers, evaluated when the job is created.
 */
import { toExpression } from './expression';
import type { DynamicHeader, Expression, JobDefinition } from './model';
import {
  children,
  extension,
  extensions,
  idOf,
  is,
  text,
  type BpmnProblem,
  type ModdleElement,
} from './moddle';

const JOB_TYPE = 'io.camunda.zeebe:userTask';
/** Zeebe's UserTaskTransformer gives these jobs one retry: a tasklist does not retry. */
const JOB_RETRIES = '1';
const HEADER = 'io.camunda.zeebe:';
/** Embedded forms: the key names a `zeebe:userTaskForm` of the same process. */
const EMBEDDED_FORM_PREFIX = 'camunda-forms:bpmn:';

export function jobBasedUserTaskOf(
  element: ModdleElement,
  problems: BpmnProblem[],
): JobDefinition | undefined {
  if (!is(element, 'bpmn:UserTask') || extension(element, 'zeebe:UserTask')) return undefined;
  const headers: Record<string, string> = {};
  for (const header of children(extension(element, 'zeebe:TaskHeaders'), 'values')) {
    const key = text(header, 'key');
    if (key !== undefined) headers[key] = text(header, 'value') ?? '';
  }
  const dynamicHeaders: Record<string, DynamicHeader> = {};
  const add = (
    owner: ModdleElement | undefined,
    attribute: string,
    format: DynamicHeader['format'],
  ) => {
    const value = text(owner, attribute);
    if (value === undefined || value === '') return;
    const expression: Expression = toExpression(value);
    const name = `${HEADER}${attribute}`;
    if (expression.kind === 'feel') dynamicHeaders[name] = { expression, format };
    else headers[name] = format === 'list' ? JSON.stringify(splitList(expression.value)) : value;
  };
  const assignment = extension(element, 'zeebe:AssignmentDefinition');
  const schedule = extension(element, 'zeebe:TaskSchedule');
  add(assignment, 'assignee', 'text');
  add(assignment, 'candidateGroups', 'list');
  add(assignment, 'candidateUsers', 'list');
  add(schedule, 'dueDate', 'date');
  add(schedule, 'followUpDate', 'date');
  const formKey = text(extension(element, 'zeebe:FormDefinition'), 'formKey');
  if (formKey) {
    // Zeebe passes the key on as written; an embedded form's key must name an existing form.
    headers[`${HEADER}formKey`] = formKey;
    checkEmbeddedForm(element, formKey, problems);
  }
  const result: JobDefinition = {
    type: toExpression(JOB_TYPE),
    retries: toExpression(JOB_RETRIES),
    headers,
  };
  if (Object.keys(dynamicHeaders).length > 0) result.dynamicHeaders = dynamicHeaders;
  return result;
}

/** Static candidate lists are comma-separated ids; the header is their JSON array. */
function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function checkEmbeddedForm(element: ModdleElement, formKey: string, problems: BpmnProblem[]): void {
  if (!formKey.startsWith(EMBEDDED_FORM_PREFIX)) return;
  const formId = formKey.slice(EMBEDDED_FORM_PREFIX.length);
  const process = processOf(element);
  const forms = process ? extensions(process, 'zeebe:UserTaskForm') : [];
  if (forms.some((form) => idOf(form) === formId)) return;
  const id = idOf(element);
  problems.push({
    elementId: id,
    message: `Element '${id}': formKey '${formKey}' references no zeebe:userTaskForm with id '${formId}' in the process`,
  });
}

/** The process holding the element: embedded forms live in its extension elements. */
function processOf(element: ModdleElement): ModdleElement | undefined {
  let current: ModdleElement | undefined = element.$parent as ModdleElement | undefined;
  while (current && !is(current, 'bpmn:Process')) {
    current = current.$parent as ModdleElement | undefined;
  }
  return current;
}
