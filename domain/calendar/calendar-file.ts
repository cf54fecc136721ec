import { readFileSync } from 'node:fs';
import { isCalendarDate } from './calendar-date';
import type { CalendarOptions } from './working-calendar';

export class CalendarFileError extends Error {
  override name = 'CalendarFileError';
}

const LISTS = { holidays: 'extraHolidays', workdays: 'extraWorkdays' } as const;
type ListName = keyof typeof LISTS;

function isListName(key: string): key is ListName {
  return Object.hasOwn(LISTS, key);
}

/**
 * Reads the county's own holidays and make-up workdays from the JSON file named by
 * MINSHENG_CALENDAR_FILE, e.g. {"holidays":["2027-01-01"],"workdays":["2027-02-20"]}.
 * Without the variable the national calendar applies unchanged.
 *
 * Deadlines are legal commitments, so a typo must stop the start-up rather than silently drop a
 * holiday: every error names the file and the offending entry.
 */
export function loadCalendarOptions(env: NodeJS.ProcessEnv = process.env): CalendarOptions {
  const file = env.MINSHENG_CALENDAR_FILE;
  if (!file) return {};

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CalendarFileError(
      `Calendar file ${file} (MINSHENG_CALENDAR_FILE) cannot be read: ${code}`,
    );
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CalendarFileError(
      `Calendar file ${file} is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CalendarFileError(
      `Calendar file ${file} must hold an object like {"holidays":[...],"workdays":[...]}`,
    );
  }

  const options: CalendarOptions = {};
  for (const [key, value] of Object.entries(parsed)) {
    // A misspelt key ("holiday") would otherwise be ignored and its days silently lost.
    if (!isListName(key)) {
      throw new CalendarFileError(
        `Calendar file ${file} has unknown key "${key}"; expected "holidays" and "workdays"`,
      );
    }
    if (!Array.isArray(value)) {
      throw new CalendarFileError(`Calendar file ${file}: "${key}" must be a list of dates`);
    }
    value.forEach((entry: unknown, index) => {
      if (typeof entry !== 'string' || !isCalendarDate(entry)) {
        throw new CalendarFileError(
          `Calendar file ${file}: ${key}[${index}] = ${JSON.stringify(entry)} is not a valid date written YYYY-MM-DD`,
        );
      }
    });
    options[LISTS[key]] = value as string[];
  }
  const both = (options.extraHolidays ?? []).filter((d) => options.extraWorkdays?.includes(d));
  if (both.length > 0) {
    throw new CalendarFileError(
      `Calendar file ${file}: ${both.join(', ')} listed both in "holidays" and "workdays"`,
    );
  }
  return options;
}
