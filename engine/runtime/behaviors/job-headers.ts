/**
 * A job's custom headers at creation: the static ones as parsed, plus the dynamic ones (FEEL,
 * e.g. a job-based user task's assignee or due date) evaluated in the task's scope. Lists are
 * JSON array text, as Zeebe writes `io.camunda.zeebe:candidateGroups`.
 */
import type { JobDefinition } from '../../bpmn/model';
import { evaluateDate, evaluateList, evaluateText } from './user-tasks';

type Evaluated = { ok: true; value: Record<string, string> } | { ok: false; message: string };

export function evaluateHeaders(
  definition: JobDefinition,
  variables: Record<string, unknown>,
): Evaluated {
  if (!definition.dynamicHeaders) return { ok: true, value: definition.headers };
  const headers = { ...definition.headers };
  for (const [name, { expression, format }] of Object.entries(definition.dynamicHeaders)) {
    const what = name.slice(name.lastIndexOf(':') + 1);
    if (format === 'list') {
      const list = evaluateList(expression, variables, what);
      if (!list.ok) return list;
      headers[name] = JSON.stringify(list.value);
      continue;
    }
    const value =
      format === 'date'
        ? evaluateDate(expression, variables, what)
        : evaluateText(expression, variables);
    if (!value.ok) return value;
    // An empty result (null) leaves the header out, as an absent attribute would.
    if (value.value !== '') headers[name] = value.value;
  }
  return { ok: true, value: headers };
}
