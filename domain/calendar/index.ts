export {
  beijingDateOf,
  endOfBeijingDay,
  isCalendarDate,
  type CalendarDate,
  type DateInput,
} from './calendar-date';
export { calendarCoverage } from './national-calendar';
export {
  createWorkingCalendar,
  type CalendarOptions,
  type WorkingCalendar,
} from './working-calendar';
export { loadCalendarOptions, CalendarFileError } from './calendar-file';
