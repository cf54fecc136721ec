import nationalData from 'chinese-days/dist/chinese-days.json';
import { weekdayOf, type CalendarDate } from './calendar-date';

/**
 * The national working-day arrangement published each year by the State Council, as shipped in
 * the `chinese-days` package.
 *
 * We read the package's data table rather than calling `isWorkday`/`getDayDetail`: those parse
 * and format dates in the machine's local zone, so on a server west of UTC every answer shifts
 * by one day. The table is keyed by plain 'YYYY-MM-DD' and is zone-free.
 */
interface NationalTable {
  /** Days off (statutory holidays and the weekdays swapped into them), name as value. */
  holidays: Record<string, string>;
  /** Weekend days declared as make-up workdays (调休上班). */
  workdays: Record<string, string>;
}

const table: NationalTable = nationalData;
let coverage: number | undefined;

/** Whether the national calendar says staff work on `date`. */
export function isNationalWorkingDay(date: CalendarDate): boolean {
  if (Object.hasOwn(table.workdays, date)) return true;
  if (Object.hasOwn(table.holidays, date)) return false;
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The last year for which the package carries an official holiday arrangement.
 *
 * The State Council publishes the next year's arrangement around November, and the package only
 * learns it on upgrade. For later years the national calendar silently degrades to "Monday to
 * Friday", so every deadline crossing Spring Festival or National Day would be wrong. The app
 * should warn when today's year (or a deadline's) is beyond this, until the package is updated
 * or the county lists the days in MINSHENG_CALENDAR_FILE. With chinese-days 1.5.7 this is 2026.
 */
export function calendarCoverage(): number {
  coverage ??= Math.max(...Object.keys(table.holidays).map((date) => Number(date.slice(0, 4))));
  return coverage;
}
