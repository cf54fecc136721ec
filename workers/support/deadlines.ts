import { beijingDateOf, endOfBeijingDay, type WorkingCalendar } from '../../domain/calendar';
import { addCalendarDays } from '../../domain/calendar/calendar-date';
import { JobInputError } from '../job-errors';
import { beijingIso } from './time';

/** The `policy` variable: the `demand-deadlines` decision's result (processes/README.md step 7). */
export interface DeadlinePolicy {
  responseDays: number;
  resolutionDays: number;
  dayKind: 'working' | 'calendar';
  warnShare: number;
  escalationGraceDays: number;
  verificationDays: number;
  maxExtensions: number;
  maxExtensionDays: number;
  unsatisfiedEscalateAfter: number;
}

const NUMBERS = [
  'responseDays',
  'resolutionDays',
  'warnShare',
  'escalationGraceDays',
  'verificationDays',
  'maxExtensions',
  'maxExtensionDays',
] as const;

export function readPolicy(value: unknown): DeadlinePolicy {
  const policy = value as Partial<DeadlinePolicy> | null | undefined;
  if (!policy || typeof policy !== 'object') throw new JobInputError('variable policy is missing');
  for (const key of NUMBERS) {
    if (typeof policy[key] !== 'number' || !Number.isFinite(policy[key])) {
      throw new JobInputError(`policy.${key} is not a number`);
    }
  }
  if (policy.dayKind !== 'working' && policy.dayKind !== 'calendar') {
    throw new JobInputError(`policy.dayKind is ${JSON.stringify(policy.dayKind)}`);
  }
  return policy as DeadlinePolicy;
}

const DAY_MS = 86_400_000;

/**
 * The end of the nth day after `from`'s Beijing day: working days on the calendar (holidays and
 * make-up workdays), or plain calendar days for the clocks the law counts that way (petitions).
 */
export function addDays(
  calendar: WorkingCalendar,
  from: Date,
  n: number,
  kind: DeadlinePolicy['dayKind'],
): Date {
  const days = Math.max(0, Math.round(n));
  return kind === 'working'
    ? calendar.addWorkingDays(from, days)
    : endOfBeijingDay(addCalendarDays(beijingDateOf(from), days));
}

/** Days of `kind` after `from`'s Beijing day up to and including `to`'s (0 when not after). */
export function daysBetween(
  calendar: WorkingCalendar,
  from: Date,
  to: Date,
  kind: DeadlinePolicy['dayKind'],
): number {
  if (kind === 'working') return calendar.countWorkingDaysBetween(from, to);
  const diff = Date.parse(beijingDateOf(to)) - Date.parse(beijingDateOf(from));
  return Math.max(0, Math.round(diff / DAY_MS));
}

/** The outputs every `demand-schedule` mode completes with (processes/README.md step 7). */
export interface ScheduleOutputs {
  responseDue: string;
  resolutionDue: string;
  warnAt: string;
  escalateAt: string;
  reminderCycle: string;
  extensions: number;
}

/** The times derived from a running resolution clock: warning, escalation, daily reminders. */
export function derivedTimes(
  calendar: WorkingCalendar,
  policy: DeadlinePolicy,
  startedAt: Date,
  resolutionDue: Date,
): { warnAt: Date; escalateAt: Date; reminderStart: Date } {
  const span = resolutionDue.getTime() - startedAt.getTime();
  const share = Math.min(1, Math.max(0, policy.warnShare));
  return {
    warnAt: new Date(startedAt.getTime() + Math.round(span * share)),
    escalateAt: addDays(calendar, resolutionDue, policy.escalationGraceDays, policy.dayKind),
    reminderStart: new Date(resolutionDue.getTime() + DAY_MS),
  };
}

export function scheduleOutputs(
  times: {
    responseDue: Date;
    resolutionDue: Date;
    warnAt: Date;
    escalateAt: Date;
    reminderStart: Date;
  },
  extensions: number,
): ScheduleOutputs {
  return {
    responseDue: beijingIso(times.responseDue),
    resolutionDue: beijingIso(times.resolutionDue),
    warnAt: beijingIso(times.warnAt),
    escalateAt: beijingIso(times.escalateAt),
    reminderCycle: `R/${beijingIso(times.reminderStart)}/P1D`,
    extensions,
  };
}
