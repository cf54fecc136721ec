/**
 * `zeebe:userTask` elements' extension elements → `UserTaskDefinition` (Camunda docs, "User
 * tasks"): assignment, schedule, priority and the form. Values stay expressions; the runtime
 * evaluates them in the task's scope when the task is activated.
 */
import { toExpression } from './expression';
import { bindingOf } from './parse-binding';
import type { UserTaskDefinition } from './model';
import { extension, idOf, is, text, type BpmnProblem, type ModdleElement } from './moddle';

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
