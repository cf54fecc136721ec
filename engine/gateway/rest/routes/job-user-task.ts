/**
 * Camunda 8.8's `userTask` of an activated task listener job (ActivatedJobResult, "Accessing
 * user task data"): the task as the listener sees it, read from the reserved
 * `io.camunda.zeebe:*` headers the engine gives the job.
 */
export function userTaskProperties(headers: Record<string, string>) {
  const text = (name: string) => headers[`io.camunda.zeebe:${name}`] ?? '';
  const orNull = (value: string) => (value === '' ? null : value);
  const list = (name: string): string[] => {
    const raw = text(name);
    return raw === '' ? [] : (JSON.parse(raw) as string[]);
  };
  const formKey = text('formKey');
  return {
    action: text('action'),
    assignee: orNull(text('assignee')),
    candidateGroups: list('candidateGroups'),
    candidateUsers: list('candidateUsers'),
    changedAttributes: list('changedAttributes'),
    dueDate: orNull(text('dueDate')),
    followUpDate: orNull(text('followUpDate')),
    formKey: formKey === '' || formKey === '-1' ? null : formKey,
    priority: Number(text('priority') || '50'),
    userTaskKey: text('userTaskKey'),
  };
}
