import { invalidInput, type FieldError } from '../http';

/** A variable name Zeebe and FEEL can both address (no dots, spaces or leading digits). */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const MAX_VARIABLES = 100;

/**
 * The body of a retry: `{}` or `{"variables": {…}}`, an object of validly named variables
 * (null or absent: none). Every problem is reported at once; values are never repeated.
 */
export function parseRetryInput(body: unknown): { variables: Record<string, unknown> } {
  const errors: FieldError[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidInput([{ field: '', message: 'The body must be a JSON object.' }]);
  }
  const given = (body as Record<string, unknown>).variables;
  if (given === undefined || given === null) return { variables: {} };
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw invalidInput([{ field: 'variables', message: 'Must be a JSON object of variables.' }]);
  }
  const variables = given as Record<string, unknown>;
  const names = Object.keys(variables);
  if (names.length > MAX_VARIABLES) {
    errors.push({ field: 'variables', message: `At most ${MAX_VARIABLES} variables at once.` });
  }
  for (const name of names) {
    if (!VARIABLE_NAME.test(name)) {
      errors.push({
        field: `variables.${name.slice(0, 100)}`,
        message: 'A variable name starts with a letter or _ and holds only letters, digits and _.',
      });
    }
  }
  if (errors.length > 0) throw invalidInput(errors);
  return { variables };
}
