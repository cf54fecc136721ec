import { DateTime } from 'luxon';

/** The zone the API writes times in: the districts this system serves keep Beijing time. */
export const API_TIME_ZONE = 'Asia/Shanghai';

/** `2026-03-02T11:13:53.000+08:00`: ISO 8601 with offset, as the contract writes every time. */
export function isoWithOffset(instant: Date): string;
export function isoWithOffset(instant: Date | null | undefined): string | null;
export function isoWithOffset(instant: Date | null | undefined): string | null {
  if (!instant) return null;
  return DateTime.fromJSDate(instant).setZone(API_TIME_ZONE).toISO();
}

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
