import type { FieldProblem } from '../api/http';

interface Component {
  id?: string;
  key?: string;
  label?: string;
  components?: Component[];
}

/** Every component of a form-js schema, nested groups included. */
function components(schema: unknown): Component[] {
  const found: Component[] = [];
  const walk = (node: unknown) => {
    const children = (node as Component | null)?.components;
    if (!Array.isArray(children)) return;
    for (const child of children) {
      found.push(child);
      walk(child);
    }
  };
  walk(schema);
  return found;
}

/**
 * The API's field errors (`errors[].field` is a form key) as form-js holds errors: by the
 * component's id. Errors naming no field of the form are left out (the page lists them all).
 */
export function placeFieldErrors(
  schema: unknown,
  problems: FieldProblem[],
  describe: (problem: FieldProblem) => string,
): { byId: Record<string, string[]> } {
  const byKey = new Map(
    components(schema)
      .filter((c) => c.key)
      .map((c) => [c.key!, c]),
  );
  const byId: Record<string, string[]> = {};
  for (const problem of problems) {
    const component = byKey.get(problem.field);
    if (component?.id) (byId[component.id] ??= []).push(describe(problem));
  }
  return { byId };
}

/** The label of a form key, for messages that name a field. */
export function labelOf(schema: unknown, key: string): string {
  return components(schema).find((c) => c.key === key)?.label ?? key;
}
