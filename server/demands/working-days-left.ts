import {
  createWorkingCalendar,
  loadCalendarOptions,
  type WorkingCalendar,
} from '../../domain/calendar';

let countyCalendar: WorkingCalendar | undefined;

/** The county's working-day calendar, as the workers that set the deadlines use it. */
function calendar(): WorkingCalendar {
  countyCalendar ??= createWorkingCalendar(loadCalendarOptions());
  return countyCalendar;
}

/**
 * Working days from `now` to a deadline, as staff count them: 0 when it falls due today, 3 when
 * it is the end of the third working day after today, negative when past (-2: two working days
 * late). Deadlines are ends of working days, so the count is what a clerk plans with; hours
 * still matter only on the last day, which the page shows itself.
 */
export function workingDaysLeft(due: Date, now: Date, days: WorkingCalendar = calendar()): number {
  if (due.getTime() >= now.getTime()) return days.countWorkingDaysBetween(now, due);
  return -days.countWorkingDaysBetween(due, now);
}
