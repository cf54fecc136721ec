import { DateTime } from 'luxon';

/** The zone the API writes times in: the districts this system serves keep Beijing time. */
export const API_TIME_ZONE = 'Asia/Shanghai';

/** `2026-03-02T11:13:53.000+08:00`: ISO 8601 with offset, as the contract writes every time. */
export function isoWithOffset(instant: Date): string;
export function isoWithOffset(instant: Date | null | undefined): string | null;
export function isoWithOffset(instant: Date | null | undefined): string | null {
  if (!instant) return null;
  const ms = instant.getTime();
  // Beijing time has been UTC+8 all year since 1992: shift and write it out (every task and
  // demand in a list carries several times; the zone lookup cost more than the rest of them).
  if (ms >= FIXED_OFFSET_SINCE && ms < FIXED_OFFSET_UNTIL) {
    return new Date(ms + EIGHT_HOURS).toISOString().replace('Z', '+08:00');
  }
  return DateTime.fromJSDate(instant).setZone(API_TIME_ZONE).toISO();
}

const EIGHT_HOURS = 8 * 3_600_000;
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
/** Four-digit years only: toISOString writes ±YYYYYY beyond them. */
const FIXED_OFFSET_UNTIL = Date.UTC(9999, 0, 1);

/**
 * A time as the contract accepts it: ISO 8601 with a date, a time and an offset (`Z` or
 * `±hh:mm`). A time without offset is refused rather than guessed.
 */
export function parseIsoWithOffset(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    return undefined;
  }
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}
