/**
 * `zeebe:userTask` elements' extension elements → `UserTaskDefinition` (Camunda docs, "User
 * tasks"): assignment, schedule, priority and the form. Values stay expressions; the runtime
 * evaluates them in the task's scope when the task is activated.
 */
import { toExpression } from './expression';
import { bindingOf } from './parse-binding';
import type { TaskListener, UserTaskDefinition } from './model';
import {
  children,
  extension,
  idOf,
  is,
  text,
  type BpmnProblem,
  type ModdleElement,
} from './moddle';

export function userTaskOf(
  element: ModdleElement,
  problems: BpmnProblem[],
): UserTaskDefinition | undefined {
  if (!is(element, 'bpmn:UserTask') || !extension(element, 'zeebe:UserTask')) return undefined;
  const result: UserTaskDefinition = {};
  const expression = (owner: ModdleElement | undefined, name: string) => {
    const value = text(owner, name);
    return value === undefined || value === '' ? undefined : toExpression(value);
  };
  const assignment = extension(element, 'zeebe:AssignmentDefinition');
  const schedule = extension(element, 'zeebe:TaskSchedule');
  const fields = {
    assignee: expression(assignment, 'assignee'),
    candidateGroups: expression(assignment, 'candidateGroups'),
    candidateUsers: expression(assignment, 'candidateUsers'),
    dueDate: expression(schedule, 'dueDate'),
    followUpDate: expression(schedule, 'followUpDate'),
    priority: expression(extension(element, 'zeebe:PriorityDefinition'), 'priority'),
  };
  for (const [name, value] of Object.entries(fields)) {
    if (value) result[name as keyof typeof fields] = value;
  }
  const form = extension(element, 'zeebe:FormDefinition');
  const formId = text(form, 'formId');
  const externalReference = expression(form, 'externalReference');
  if (formId) {
    result.formId = formId;
    result.formBinding = bindingOf(element, form, problems);
  }
  if (externalReference) result.externalReference = externalReference;
  const listeners = taskListenersOf(element);
  if (listeners.length > 0) result.taskListeners = listeners;
  if (text(form, 'formKey')) {
    // Embedded forms (zeebe:userTaskForm + formKey) are not implemented: refuse, never ignore.
    const id = idOf(element);
    problems.push({
      elementId: id,
      message: `Element '${id}': embedded forms (zeebe:formDefinition formKey) are not supported by the embedded engine yet; link a deployed form with formId`,
    });
  }
  return result;
}

/** Older (8.7 alpha) event type names the Modeler may still write, by their 8.8 names. */
const EVENT_TYPES: Record<string, TaskListener['eventType']> = {
  create: 'creating',
  assignment: 'assigning',
  update: 'updating',
  complete: 'completing',
  cancel: 'canceling',
};

/**
 * `zeebe:taskListeners` (Camunda 8.8, "User task listeners"): job-based listeners run in model
 * order when the task is created, assigned, updated, completed or canceled; `type` and
 * `retries` may be FEEL, retries default to 3.
 */
export function taskListenersOf(element: ModdleElement): TaskListener[] {
  return children(extension(element, 'zeebe:TaskListeners'), 'listeners').map((listener) => {
    const eventType = text(listener, 'eventType') ?? '';
    return {
      eventType: EVENT_TYPES[eventType] ?? (eventType as TaskListener['eventType']),
      type: toExpression(text(listener, 'type') ?? ''),
      retries: toExpression(text(listener, 'retries') ?? '3'),
    };
  });
}
