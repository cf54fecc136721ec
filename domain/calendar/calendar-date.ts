/**
 * A calendar day written 'YYYY-MM-DD', always meaning the day as seen in Beijing.
 *
 * The whole of China keeps one zone, China Standard Time (UTC+8, no daylight saving), so an
 * instant maps to a Beijing day by a fixed offset. We never use the machine's local zone: the
 * servers may run in UTC, and a demand received at 02:00 Beijing time must still count as that
 * Beijing day, not the previous UTC one.
 */
export type CalendarDate = string;

/** Either an instant, or a calendar date already expressed as a Beijing 'YYYY-MM-DD'. */
export type DateInput = Date | CalendarDate;

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real day written exactly 'YYYY-MM-DD' (rejects '2025-02-30' and '2025-2-3'). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return (
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day
  );
}

/** The Beijing calendar date on which `instant` falls. */
export function beijingDateOf(instant: Date): CalendarDate {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid Date cannot be placed on the calendar');
  return new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Accepts an instant or a 'YYYY-MM-DD' string and returns the Beijing calendar date. */
export function toCalendarDate(input: DateInput): CalendarDate {
  if (input instanceof Date) return beijingDateOf(input);
  if (!isCalendarDate(input)) {
    throw new RangeError(`Expected a date written YYYY-MM-DD, got "${input}"`);
  }
  return input;
}

// Calendar arithmetic happens on UTC midnights, where every day is exactly 24 hours long.
function utcMidnight(date: CalendarDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for the Beijing date itself. */
export function weekdayOf(date: CalendarDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/** The last millisecond of `date` in Beijing: 23:59:59.999 +08:00. */
export function endOfBeijingDay(date: CalendarDate): Date {
  return new Date(utcMidnight(date) + DAY_MS - 1 - BEIJING_OFFSET_MS);
}
