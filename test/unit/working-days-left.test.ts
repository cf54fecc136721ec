import fc from 'fast-check';
import { createWorkingCalendar } from '../../domain/calendar';
import { workingDaysLeft } from '../../server/demands/working-days-left';

const calendar = createWorkingCalendar();
const beijing = (wallClock: string): Date => new Date(`${wallClock}+08:00`);

describe('working days left to a deadline (the countdown staff plan with)', () => {
  it('does not count the National Day week: 5 working days on Sep 30 end on Oct 14', () => {
    const now = beijing('2025-09-30T09:30:00');
    expect(workingDaysLeft(beijing('2025-10-14T23:59:59.999'), now, calendar)).toBe(5);
    // From Oct 9 (the first day back) only Oct 10, 11 (make-up), 13, 14 are left.
    expect(
      workingDaysLeft(beijing('2025-10-14T23:59:59.999'), beijing('2025-10-09T08:00:00'), calendar),
    ).toBe(4);
  });

  it('is 0 on the last day, whatever the hour, and negative in working days once past', () => {
    const due = beijing('2025-10-10T23:59:59.999');
    expect(workingDaysLeft(due, beijing('2025-10-10T08:00:00'), calendar)).toBe(0);
    expect(workingDaysLeft(due, beijing('2025-10-10T23:00:00'), calendar)).toBe(0);
    // Past on Saturday the 11th (a make-up workday) and Monday the 13th; Sunday does not count.
    expect(workingDaysLeft(due, beijing('2025-10-13T10:00:00'), calendar)).toBe(-2);
  });

  it('counts back exactly the working days the deadline was set with', () => {
    const start = Date.parse('2024-01-01T00:00:00+08:00');
    const end = Date.parse('2026-12-01T00:00:00+08:00');
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), fc.integer({ min: 0, max: 90 }), (t, n) => {
        const received = new Date(t);
        expect(workingDaysLeft(calendar.addWorkingDays(received, n), received, calendar)).toBe(n);
      }),
    );
  });
});
