import {
  addCalendarDays,
  endOfBeijingDay,
  isCalendarDate,
  toCalendarDate,
  type CalendarDate,
  type DateInput,
} from './calendar-date';
import { isNationalWorkingDay } from './national-calendar';

export interface CalendarOptions {
  /** Days the county gives off on top of the national calendar (e.g. a local festival). */
  extraHolidays?: readonly string[];
  /** Days the county works although the national calendar has them off (local make-up days). */
  extraWorkdays?: readonly string[];
}

export interface WorkingCalendar {
  isWorkingDay(date: DateInput): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: DateInput): CalendarDate;
  /**
   * The deadline for "within n working days" of a demand received at `received`: the end
   * (23:59:59.999 Beijing time) of the nth working day after the day of receipt. The day of
   * receipt never counts, whatever the hour, as staff count it. n = 0 means the end of the day
   * of receipt.
   */
  addWorkingDays(received: Date, n: number): Date;
  /**
   * Working days after `from`'s Beijing date up to and including `to`'s; 0 when `to` is not
   * after `from`. The inverse of addWorkingDays: counting from t to addWorkingDays(t, n) gives n.
   */
  countWorkingDaysBetween(from: DateInput, to: DateInput): number;
}

function checkedDates(kind: string, dates: readonly string[] = []): Set<CalendarDate> {
  for (const date of dates) {
    if (!isCalendarDate(date)) {
      throw new RangeError(`Local ${kind} "${date}" is not a valid date written YYYY-MM-DD`);
    }
  }
  return new Set(dates);
}

/**
 * A working-day calendar: the national arrangement, overridden by the county's own days.
 * Local entries win because the county's declaration is the later, more specific one.
 */
export function createWorkingCalendar(options: CalendarOptions = {}): WorkingCalendar {
  const localHolidays = checkedDates('holiday', options.extraHolidays);
  const localWorkdays = checkedDates('workday', options.extraWorkdays);
  for (const date of localHolidays) {
    if (localWorkdays.has(date)) {
      throw new RangeError(`${date} is listed both as a local holiday and a local workday`);
    }
  }

  function works(date: CalendarDate): boolean {
    if (localWorkdays.has(date)) return true;
    if (localHolidays.has(date)) return false;
    return isNationalWorkingDay(date);
  }

  function nextWorkingDayAfter(date: CalendarDate): CalendarDate {
    // Terminates: no arrangement, national or local, removes every weekday for long.
    let day = addCalendarDays(date, 1);
    while (!works(day)) day = addCalendarDays(day, 1);
    return day;
  }

  return {
    isWorkingDay: (date) => works(toCalendarDate(date)),

    nextWorkingDay: (date) => nextWorkingDayAfter(toCalendarDate(date)),

    addWorkingDays(received, n) {
      if (!Number.isInteger(n) || n < 0) {
        throw new RangeError(`Working days must be a whole number of at least 0, got ${n}`);
      }
      let day = toCalendarDate(received);
      for (let counted = 0; counted < n; counted++) day = nextWorkingDayAfter(day);
      return endOfBeijingDay(day);
    },

    countWorkingDaysBetween(from, to) {
      const last = toCalendarDate(to);
      let count = 0;
      // 'YYYY-MM-DD' strings sort in date order.
      for (let day = addCalendarDays(toCalendarDate(from), 1); day <= last;) {
        if (works(day)) count++;
        day = addCalendarDays(day, 1);
      }
      return count;
    },
  };
}
