/**
 * Calendar months as `YYYY-MM` text: the unit of every series here. Plain arithmetic on the
 * year and month, so no time zone can shift a month (the caller decides which zone's month a
 * demand falls in).
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

/** `2026-03` plus `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`not a month: ${month}`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `count` months that end just before `end` (exclusive), oldest first. */
export function monthsBefore(end: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(end, i - count));
}

/** The calendar month number, 1–12. */
export function monthOfYear(month: string): number {
  return Number(month.slice(5, 7));
}
