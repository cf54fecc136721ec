/** FEEL's words, never variable names. */
const FEEL_WORDS = new Set([
  ...['null', 'true', 'false', 'and', 'or', 'not', 'if', 'then', 'else', 'for', 'in', 'return'],
  ...['some', 'every', 'satisfies', 'instance', 'of', 'between', 'function'],
]);

/**
 * The variables a Camunda form shows or decides on besides its own fields: the names in its text
 * templates (`异议理由：{{objectionReason}}`) and in its FEEL expressions
 * (`=signoffRejectionReason = null`). Tasklist hands form-js every variable of the task; the task
 * detail hands over these, so a page renders the form as designed (the objection reason, the
 * extension asked for, a sign-off's refusal) and no other variable leaves the engine.
 */
export function referencedVariables(schema: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const expressions = [...value.matchAll(/\{\{([^}]*)\}\}/g)].map((match) => match[1] ?? '');
      if (value.startsWith('=')) expressions.push(value.slice(1));
      for (const expression of expressions) {
        // String literals name nothing; a path (`demand.code`) starts with its variable.
        const code = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
        for (const [name] of code.matchAll(/(?<![\w$.])[A-Za-z_$][\w$]*/g)) {
          if (!FEEL_WORDS.has(name)) names.add(name);
        }
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(visit);
    }
  };
  visit(schema);
  return names;
}
