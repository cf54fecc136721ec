/**
 * Time as the engine sees it. Every service task maps `now` from FEEL's `now()` (the engine's
 * clock, which tests move), so deadlines and timestamps follow the engine, not this machine.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * The job's `now` variable as an instant. FEEL writes a date-time value as ISO 8601, possibly
 * with a zone id after the offset (`…+08:00[Asia/Shanghai]`); without a usable value (a model
 * not mapping it) the machine's clock is the fallback.
 */
export function engineNow(value: unknown, fallback: () => Date = () => new Date()): Date {
  if (typeof value === 'string') {
    const parsed = Date.parse(value.replace(/\[[^\]]*\]$/, ''));
    if (!Number.isNaN(parsed)) return new Date(parsed);
  }
  return fallback();
}

/** An instant written in China Standard Time, `2026-03-02T09:00:00+08:00` (milliseconds when not 0). */
export function beijingIso(instant: Date): string {
  const shifted = new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString();
  const withoutZone = shifted.endsWith('.000Z') ? shifted.slice(0, -5) : shifted.slice(0, -1);
  return `${withoutZone}+08:00`;
}

/** Reads an ISO date-time variable (a deadline handed back by the engine). */
export function instantOf(value: unknown, name: string): Date {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value.replace(/\[[^\]]*\]$/, '')))) {
    throw new TypeError(`variable ${name} is not an ISO date-time: ${JSON.stringify(value)}`);
  }
  return new Date(Date.parse(value.replace(/\[[^\]]*\]$/, '')));
}
