/**
 * A job that cannot succeed by being tried again (a variable the contract requires is missing,
 * a demand that does not exist, an actor nobody knows): the runner fails it with no retries
 * left, so it shows as an incident for an operator instead of looping.
 */
export class JobInputError extends Error {
  override name = 'JobInputError';
}

/** Throws JobInputError unless `value` is a non-empty string. */
export function requiredText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new JobInputError(`variable ${name} is missing or empty`);
  }
  return value;
}

/** A string variable, or null when it is absent, null or blank. */
export function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
