/**
 * The State Council's 2026 holiday arrangement, written out here so that expected deadlines are
 * computed independently of the calendar the system uses (国务院办公厅关于2026年部分节假日安排的通知).
 */
const HOLIDAYS_2026 = new Set([
  '2026-01-01',
  '2026-01-02',
  '2026-01-03',
  '2026-02-15',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-21',
  '2026-02-22',
  '2026-02-23',
  '2026-04-04',
  '2026-04-05',
  '2026-04-06',
  '2026-05-01',
  '2026-05-02',
  '2026-05-03',
  '2026-05-04',
  '2026-05-05',
  '2026-06-19',
  '2026-06-20',
  '2026-06-21',
  '2026-09-25',
  '2026-09-26',
  '2026-09-27',
  '2026-10-01',
  '2026-10-02',
  '2026-10-03',
  '2026-10-04',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
]);
/** Weekend days worked instead (调休上班). */
const MAKE_UP_WORKDAYS_2026 = new Set([
  '2026-01-04',
  '2026-02-14',
  '2026-02-28',
  '2026-05-09',
  '2026-09-20',
  '2026-10-10',
]);

/** The day after `date` (`YYYY-MM-DD`), counted in plain calendar arithmetic. */
export function nextDay(date: string, days = 1): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string): boolean {
  if (!date.startsWith('2026')) throw new Error(`no arrangement written here for ${date}`);
  if (MAKE_UP_WORKDAYS_2026.has(date)) return true;
  if (HOLIDAYS_2026.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The nth working day after `date` (the day itself never counts); n = 0 is `date`. */
export function workingDaysAfter(date: string, n: number): string {
  let day = date;
  for (let counted = 0; counted < n;) {
    day = nextDay(day);
    if (isWorkingDay(day)) counted++;
  }
  return day;
}

/** Working days after `from` up to and including `to`. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (isWorkingDay(day)) count++;
  return count;
}

/** The end of a Beijing day, as an instant (a deadline "within n working days" ends then). */
export function endOfDay(date: string): number {
  return Date.parse(`${date}T23:59:59.999+08:00`);
}

/** A Beijing time of day on `date`, e.g. `at('2026-10-09', '09:00')`. */
export function at(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/** The Beijing calendar date of an ISO instant. */
export function beijingDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}
