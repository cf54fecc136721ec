/** One mistake in a policy file, named by its JSON path (`weights.resolution`). */
export interface PolicyFieldError {
  field: string;
  message: string;
}

export type PolicyObject = Record<string, unknown>;

export const isPolicyObject = (v: unknown): v is PolicyObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The checks the parsers of the editable policy files share. Each check records a mistake and
 * returns a harmless stand-in, so one pass names every bad field at once, not only the first;
 * the parser throws when `errors` is not empty.
 */
export function policyFieldReader() {
  const errors: PolicyFieldError[] = [];
  const fail = (field: string, message: string) => {
    errors.push({ field, message });
  };
  const section = (value: unknown, field: string): PolicyObject =>
    isPolicyObject(value) ? value : (fail(field, 'must be an object'), {});
  const number = (value: unknown, field: string, min: number, max: number): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      fail(field, `must be a number from ${min} to ${max}`);
      return min;
    }
    return value;
  };
  const whole = (value: unknown, field: string, min: number): number => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      fail(field, `must be a whole number of at least ${min}`);
      return min;
    }
    return value;
  };
  return { errors, fail, section, number, whole };
}
