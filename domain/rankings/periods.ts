/**
 * Ranking periods in China Standard Time: a month `2026-03`, or an ISO week `2026-W10` (Monday
 * to Sunday). A period is the half-open interval [start, end).
 */

export type PeriodKind = 'month' | 'week';

export interface Period {
  kind: PeriodKind;
  /** `2026-03` or `2026-W10`. */
  period: string;
  start: Date;
  end: Date;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Midnight in Beijing of a calendar date (month 1–12). */
function beijingMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - BEIJING_OFFSET_MS);
}

/** The Monday (as a UTC date of the Beijing calendar) of ISO week 1 of `year`. */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  return jan4 - weekday * DAY_MS;
}

function weeksInIsoYear(year: number): number {
  return Math.round((isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / (7 * DAY_MS));
}

/** The period named `text`, or undefined when it does not name one of `kind`. */
export function parsePeriod(kind: PeriodKind, text: string): Period | undefined {
  if (kind === 'month') {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
    if (!m) return undefined;
    const [year, month] = [Number(m[1]), Number(m[2])];
    return {
      kind,
      period: text,
      start: beijingMidnight(year, month, 1),
      end: month === 12 ? beijingMidnight(year + 1, 1, 1) : beijingMidnight(year, month + 1, 1),
    };
  }
  const w = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!w) return undefined;
  const [year, week] = [Number(w[1]), Number(w[2])];
  if (week < 1 || week > weeksInIsoYear(year)) return undefined;
  const monday = isoWeekOneMonday(year) + (week - 1) * 7 * DAY_MS;
  return {
    kind,
    period: text,
    start: new Date(monday - BEIJING_OFFSET_MS),
    end: new Date(monday + 7 * DAY_MS - BEIJING_OFFSET_MS),
  };
}

/** The period of `kind` that contains `instant` (Beijing calendar). */
export function periodContaining(kind: PeriodKind, instant: Date): Period {
  const local = new Date(instant.getTime() + BEIJING_OFFSET_MS);
  const year = local.getUTCFullYear();
  if (kind === 'month') {
    const month = String(local.getUTCMonth() + 1).padStart(2, '0');
    return parsePeriod('month', `${year}-${month}`)!;
  }
  const day = Date.UTC(year, local.getUTCMonth(), local.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const monday = day - weekday * DAY_MS;
  // The ISO year is the year of the week's Thursday.
  const isoYear = new Date(monday + 3 * DAY_MS).getUTCFullYear();
  const week = Math.round((monday - isoWeekOneMonday(isoYear)) / (7 * DAY_MS)) + 1;
  return parsePeriod('week', `${isoYear}-W${String(week).padStart(2, '0')}`)!;
}

/** The period of `kind` that ended last before `now`: what a run on Monday morning ranks. */
export function periodJustEnded(kind: PeriodKind, now: Date): Period {
  const current = periodContaining(kind, now);
  return periodContaining(kind, new Date(current.start.getTime() - 1));
}

/** The calendar (or ISO week) year a period belongs to, for ladders counted per year. */
export function periodYear(period: string): string {
  return period.slice(0, 4);
}
