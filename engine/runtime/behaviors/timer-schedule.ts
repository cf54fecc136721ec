import { CronExpressionParser } from 'cron-parser';
import { DateTime, Duration } from 'luxon';
import type { Expression, TimerDefinition } from '../../bpmn/model';
import { evaluateDateTime, evaluateExpression, evaluateInterval } from '../../feel';

/** When a timer fires, and how many more times (-1: forever) for a cycle. */
export interface TimerSchedule {
  dueDate: number;
  repetitions: number;
}

type Scheduled = { ok: true; schedule: TimerSchedule } | { ok: false; message: string };

function plus(from: number, duration: Duration): number {
  return DateTime.fromMillis(from, { zone: 'utc' }).plus(duration).toMillis();
}

/** ISO 8601 duration (`PT2H`, `P1M`, `P2W`), signed: a negative one lies in the past. */
function parseDuration(text: string): Duration | undefined {
  if (!/^[-+]?P.*\d/.test(text)) return undefined;
  const duration = Duration.fromISO(text);
  return duration.isValid ? duration : undefined;
}

/**
 * ISO 8601 date-time with an offset (`…Z`, `…+02:00`), optionally followed by a region zone
 * as Java writes it (`…+02:00[Europe/Berlin]`); a region zone alone places the local time in
 * it. Without either it is read as UTC.
 */
function parseDate(text: string): number | undefined {
  const [, local, region] = /^([^[]+)(?:\[([^\]]+)\])?$/.exec(text) ?? [];
  if (local === undefined) return undefined;
  const hasOffset = /T.*(?:Z|[+-]\d\d(?::?\d\d)?)$/.test(local);
  const zone = !hasOffset && region ? region : 'utc';
  const date = DateTime.fromISO(local, { zone, setZone: true });
  return date.isValid ? date.toMillis() : undefined;
}

/** The expression as Zeebe names it in messages: FEEL without its `=`, or the static text. */
function sourceOf(expression: Expression): string {
  return expression.kind === 'feel' ? expression.source : expression.value;
}

/**
 * Timer definitions as Camunda documents them ("Timer events"): timeDuration is an ISO 8601
 * duration from now (zero or negative fires at once), timeDate an ISO 8601 date-time, timeCycle
 * an ISO 8601 repeating interval (`R5/PT10M`, `R/P1D`, `R3/<start>/PT1H`) or a cron expression
 * (`0 0 9 * * MON-FRI`, UTC). Each may be FEEL, giving that text or the equivalent temporal
 * value (`duration(…)`, `date and time(…)`, `cycle(…)`), with now() on the engine clock.
 * `repetitions` counts the firings still to come, this one included.
 */
export function scheduleTimer(
  definition: TimerDefinition,
  variables: Record<string, unknown>,
  now: number,
  repetitionsLeft?: number,
): Scheduled {
  const options = { now: new Date(now) };
  const { expression } = definition;
  const invalid = (what: string, text: string): Scheduled => ({
    ok: false,
    message: `Invalid ${what} format '${text}' for expression '${sourceOf(expression)}'.`,
  });
  if (definition.kind === 'duration') {
    const evaluated = evaluateInterval(expression, variables, options);
    if (!evaluated.ok) return evaluated;
    const duration = parseDuration(evaluated.value.trim());
    return duration
      ? { ok: true, schedule: { dueDate: plus(now, duration), repetitions: 1 } }
      : invalid('duration', evaluated.value);
  }
  if (definition.kind === 'date') {
    const evaluated = evaluateDateTime(expression, variables, options);
    if (!evaluated.ok) return evaluated;
    const date = parseDate(evaluated.value.trim());
    return date !== undefined
      ? { ok: true, schedule: { dueDate: date, repetitions: 1 } }
      : invalid('date-time', evaluated.value);
  }
  // Zeebe reads a cycle as text only: FEEL builds it with cycle() or string concatenation.
  const evaluated = evaluateExpression(expression, variables, 'string', options);
  if (!evaluated.ok) return evaluated;
  const text = String(evaluated.value).trim();
  const schedule = scheduleCycle(text, now, repetitionsLeft);
  return schedule ? { ok: true, schedule } : invalid('cycle', text);
}

/** A repeating interval (the start may carry a bracketed region zone) or a cron expression. */
function scheduleCycle(
  text: string,
  now: number,
  repetitionsLeft?: number,
): TimerSchedule | undefined {
  const interval = /^R(\d*)\/(?:(.+)\/)?(P[^/]+)$/.exec(text);
  if (interval) {
    const duration = parseDuration(interval[3]!);
    if (!duration || duration.toMillis() <= 0) return undefined;
    const total = interval[1] === '' ? -1 : Number(interval[1]);
    const start = interval[2] !== undefined ? parseDate(interval[2]) : undefined;
    if (interval[2] !== undefined && start === undefined) return undefined;
    let dueDate = start !== undefined && start > now ? start : plus(now, duration);
    if (start !== undefined && start <= now) {
      dueDate = start;
      while (dueDate <= now) dueDate = plus(dueDate, duration);
    }
    return { dueDate, repetitions: repetitionsLeft ?? total };
  }
  if (text.startsWith('R')) return undefined;
  try {
    const next = CronExpressionParser.parse(text, { currentDate: new Date(now), tz: 'UTC' }).next();
    return { dueDate: next.getTime(), repetitions: -1 };
  } catch {
    return undefined;
  }
}
