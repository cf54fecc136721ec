/**
 * Timer expressions as Zeebe's ExpressionProcessor reads them (Camunda docs, "Timer events" →
 * Timers): the result is either a string in the ISO 8601 form of the static value, or the
 * equivalent temporal value. A timeDuration takes a duration (days-time or years-months) or a
 * string; a timeDate a date and time or a string. Temporal values are handed on as ISO text,
 * so the timer grammar reads static values, strings and FEEL values alike.
 */
import { FeelDateTime, FeelDuration } from 'feelin';
import type { Expression } from '../bpmn/model';
import { resultTypeOf, type ResultType } from './convert';
import {
  evaluateFeel,
  typeMismatch,
  type EvaluationOptions,
  type EvaluationResult,
} from './evaluate';

const INTERVAL_TYPES: ResultType[] = ['DURATION', 'PERIOD', 'STRING'];
const DATE_TIME_TYPES: ResultType[] = ['DATE_TIME', 'STRING'];

/** An interval (timeDuration) as ISO 8601 duration text, e.g. `PT2H`, `P1M`, `-PT5M`. */
export function evaluateInterval(
  expression: Expression,
  variables: Record<string, unknown>,
  options: EvaluationOptions = {},
): EvaluationResult<string> {
  return evaluateTemporal(expression, variables, options, INTERVAL_TYPES, (value) =>
    value instanceof FeelDuration ? value.iso : undefined,
  );
}

/**
 * A point in time (timeDate) as ISO 8601 text with its offset, e.g. `2026-10-01T10:00:00+02:00`.
 * A date and time without a zone is read as UTC, the engine's zone.
 */
export function evaluateDateTime(
  expression: Expression,
  variables: Record<string, unknown>,
  options: EvaluationOptions = {},
): EvaluationResult<string> {
  return evaluateTemporal(expression, variables, options, DATE_TIME_TYPES, (value) =>
    value instanceof FeelDateTime ? instantText(value) : undefined,
  );
}

function evaluateTemporal(
  expression: Expression,
  variables: Record<string, unknown>,
  options: EvaluationOptions,
  accepted: ResultType[],
  temporalText: (value: unknown) => string | undefined,
): EvaluationResult<string> {
  if (expression.kind === 'static') return { ok: true, value: expression.value };
  const evaluated = evaluateFeel(expression.source, variables, options);
  if (!evaluated.ok) return evaluated;
  const { value, warnings } = evaluated;
  if (typeof value === 'string') return { ok: true, value };
  const text = temporalText(value);
  if (text !== undefined) return { ok: true, value: text };
  const actual = resultTypeOf(value);
  return { ok: false, message: typeMismatch(expression.source, accepted, actual, warnings) };
}

/** What feelin's date-time wrapper holds: a Temporal.PlainDateTime (temporal-polyfill). */
interface PlainDateTimeLike {
  toZonedDateTime(zone: string): { toString(options: { timeZoneName: 'never' }): string };
}

/** The instant with its offset: a region zone resolves to the offset it has at that time. */
function instantText(value: FeelDateTime): string {
  const local = value.unwrap() as unknown as PlainDateTimeLike;
  return local.toZonedDateTime(value.zone ?? 'UTC').toString({ timeZoneName: 'never' });
}
