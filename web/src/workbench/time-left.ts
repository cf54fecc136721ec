/** How far a deadline is from now, for badges and countdowns. */
export type Urgency = 'overdue' | 'dueSoon' | 'normal';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function urgencyOf(due: string | null, now: Date, soonMs = 2 * DAY): Urgency {
  if (!due) return 'normal';
  const left = Date.parse(due) - now.getTime();
  if (left < 0) return 'overdue';
  return left < soonMs ? 'dueSoon' : 'normal';
}

/**
 * The time between now and `due` in whole days, or hours under a day (calendar time: the API
 * gives the deadline's instant, already computed on the working-day calendar).
 */
export function spanOf(
  due: string,
  now: Date,
): { overdue: boolean; unit: 'days' | 'hours'; n: number } {
  const left = Date.parse(due) - now.getTime();
  const span = Math.abs(left);
  return span >= DAY
    ? { overdue: left < 0, unit: 'days', n: Math.floor(span / DAY) }
    : { overdue: left < 0, unit: 'hours', n: Math.max(1, Math.ceil(span / HOUR)) };
}

/** A time as staff read it: 2026-12-03 14:05. */
export function formatTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
