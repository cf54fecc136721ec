import type { EngineTask, ScopedVariable, TaskEngine } from './task-engine';

/** How many tasks' scope chains are read from the engine at once. */
const PARALLEL_READS = 8;

const byKey = (a: string, b: string) =>
  a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;

/**
 * The values of variables read along one scope chain, innermost winning. A scope is activated
 * after the scope it runs in, and the engine hands out keys in increasing order, so within one
 * process instance the inner scope has the larger key.
 */
function innermostWins(variables: ScopedVariable[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const variable of [...variables].sort((a, b) => byKey(a.scopeKey, b.scopeKey))) {
    values[variable.name] = variable.value;
  }
  return values;
}

/**
 * The variables each task sees, by task key: those of its own element instance and of every
 * scope it runs in up to the process instance, the innermost winning (Zeebe's visibility): a
 * spot-check visit inside a multi-instance sub-process sees the `demandCode` of its own
 * iteration. One search reads the variables of all the tasks' process instances; a task whose
 * instance keeps some of them below the root scope has its own chain read (one search per such
 * task, whatever its depth), since which of those scopes hold the task only the engine knows.
 */
export async function visibleTaskVariables(
  engine: Pick<TaskEngine, 'scopedVariables' | 'userTaskVariables'>,
  tasks: EngineTask[],
  variableNames?: string[],
): Promise<Map<string, Record<string, unknown>>> {
  const byInstance = await engine.scopedVariables(
    tasks.map((task) => task.processInstanceKey),
    variableNames,
  );
  const visible = new Map<string, Record<string, unknown>>();
  const nested: EngineTask[] = [];
  for (const task of tasks) {
    const variables = byInstance.get(task.processInstanceKey) ?? [];
    if (variables.every((variable) => variable.scopeKey === task.processInstanceKey)) {
      visible.set(task.key, innermostWins(variables));
    } else {
      nested.push(task);
    }
  }
  for (let at = 0; at < nested.length; at += PARALLEL_READS) {
    const chunk = nested.slice(at, at + PARALLEL_READS);
    const chains = await Promise.all(
      chunk.map((task) => engine.userTaskVariables(task.key, variableNames)),
    );
    chunk.forEach((task, i) => visible.set(task.key, innermostWins(chains[i]!)));
  }
  return visible;
}
