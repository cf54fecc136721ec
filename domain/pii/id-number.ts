import { beijingDateOf, isCalendarDate } from '../calendar';
import type { Validation } from './validation';

export type IdNumberProblem = 'length' | 'format' | 'birthdate' | 'checksum';

// GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;
const EARLIEST_BIRTH = '1900-01-01';

/** The check character GB 11643-1999 prescribes for 17 leading digits. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  WEIGHTS.forEach((weight, index) => {
    sum += Number(first17[index]) * weight;
  });
  return CHECK_CHARACTERS[sum % 11] as string;
}

/**
 * Checks an 18-character resident identity number (居民身份证号码). Spaces, as people often
 * write it in groups, are dropped and a lowercase x is read as X, so the stored value is canonical
 * and the blind index matches however it was typed. `now` fixes "today" for the birth-date check,
 * in Beijing time.
 */
export function validateIdNumber(
  input: string,
  now: Date = new Date(),
): Validation<IdNumberProblem> {
  const value = input.replace(/\s+/g, '').toUpperCase();
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!SHAPE.test(value)) return { ok: false, reason: 'format' };

  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(birth) || birth < EARLIEST_BIRTH || birth > beijingDateOf(now)) {
    return { ok: false, reason: 'birthdate' };
  }
  if (idNumberCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return { ok: false, reason: 'checksum' };
  }
  return { ok: true, value };
}
