import { CronExpressionParser } from 'cron-parser';
import { DateTime, Duration } from 'luxon';
import type { TimerDefinition } from '../../bpmn/model';
import { evaluateExpression } from '../../feel';

/** When a timer fires, and how many more times (-1: forever) for a cycle. */
export interface TimerSchedule {
  dueDate: number;
  repetitions: number;
}

type Scheduled = { ok: true; schedule: TimerSchedule } | { ok: false; message: string };

function plus(from: number, duration: Duration): number {
  return DateTime.fromMillis(from, { zone: 'utc' }).plus(duration).toMillis();
}

function parseDuration(text: string): Duration | undefined {
  const duration = Duration.fromISO(text);
  return duration.isValid && duration.toMillis() >= 0 ? duration : undefined;
}

/** ISO 8601 date-time; without an offset it is read as UTC. */
function parseDate(text: string): number | undefined {
  const date = DateTime.fromISO(text, { zone: 'utc', setZone: true });
  return date.isValid ? date.toMillis() : undefined;
}

/**
 * Timer definitions as Camunda documents them ("Timer events"): timeDuration is an ISO 8601
 * duration from now, timeDate an ISO 8601 date-time, timeCycle an ISO 8601 repeating interval
 * (`R5/PT10M`, `R/P1D`, `R3/<start>/PT1H`) or a cron expression (`0 0 9 * * MON-FRI`, UTC).
 * Each may be FEEL. `repetitions` counts the firings still to come, this one included.
 */
export function scheduleTimer(
  definition: TimerDefinition,
  variables: Record<string, unknown>,
  now: number,
  repetitionsLeft?: number,
): Scheduled {
  const evaluated = evaluateExpression(definition.expression, variables, 'string');
  if (!evaluated.ok) return evaluated;
  const text = String(evaluated.value).trim();
  const invalid = (what: string): Scheduled => ({
    ok: false,
    message: `Invalid ${what} format '${text}' for the timer expression`,
  });
  if (definition.kind === 'duration') {
    const duration = parseDuration(text);
    return duration
      ? { ok: true, schedule: { dueDate: plus(now, duration), repetitions: 1 } }
      : invalid('duration');
  }
  if (definition.kind === 'date') {
    const date = parseDate(text);
    return date !== undefined
      ? { ok: true, schedule: { dueDate: date, repetitions: 1 } }
      : invalid('date');
  }
  const interval = /^R(\d*)\/(?:([^/]+)\/)?(P[^/]+)$/.exec(text);
  if (interval) {
    const duration = parseDuration(interval[3]!);
    if (!duration || duration.toMillis() === 0) return invalid('cycle');
    const total = interval[1] === '' ? -1 : Number(interval[1]);
    const start = interval[2] ? parseDate(interval[2]) : undefined;
    if (interval[2] && start === undefined) return invalid('cycle');
    let dueDate = start !== undefined && start > now ? start : plus(now, duration);
    if (start !== undefined && start <= now) {
      dueDate = start;
      while (dueDate <= now) dueDate = plus(dueDate, duration);
    }
    return { ok: true, schedule: { dueDate, repetitions: repetitionsLeft ?? total } };
  }
  try {
    const next = CronExpressionParser.parse(text, { currentDate: new Date(now), tz: 'UTC' }).next();
    return { ok: true, schedule: { dueDate: next.getTime(), repetitions: -1 } };
  } catch {
    return invalid('cycle');
  }
}
