/**
 * Built-in functions that Camunda's FEEL (feel-scala 1.19, Zeebe 8.8) has and feelin lacks —
 * the Camunda extensions. They are passed to feelin as context functions; `$args` names their
 * parameters so named arguments work (`get or else(value: x, default: 0)`).
 */
import { randomUUID } from 'node:crypto';
import { date, FeelDate, FeelDateTime, FeelDuration } from 'feelin';

/** Thrown by assert(): Zeebe fails the evaluation (an incident), it does not return null. */
export class AssertionFailure extends Error {}

type Builtin = ((...args: never[]) => unknown) & { $args?: string[] };

function builtin<F extends Builtin>(parameters: string[], fn: F): F {
  fn.$args = parameters;
  return fn;
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** Lists in, lists out; a wrong argument type gives null, as FEEL's built-ins do. */
export const CAMUNDA_BUILTINS: Record<string, Builtin> = {
  /**
   * Since FEEL 1.17 (Camunda 8.3+) a missing variable or context entry evaluates to null, and
   * `is defined()` is a null check: false for null and for what does not exist.
   */
  'is defined': builtin(['value'], (value: unknown) => value !== null && value !== undefined),
  'get or else': builtin(['value', 'default'], (value: unknown, fallback: unknown) =>
    value === null || value === undefined ? fallback : value,
  ),
  assert: builtin(
    ['value', 'condition', 'cause'],
    (value: unknown, condition: unknown, cause: unknown) => {
      if (condition !== true) {
        throw new AssertionFailure(isString(cause) ? cause : 'The condition is not fulfilled');
      }
      return value;
    },
  ),
  'is empty': builtin(['list'], (list: unknown) =>
    Array.isArray(list) ? list.length === 0 : null,
  ),
  'is blank': builtin(['string'], (text: unknown) => (isString(text) ? text.trim() === '' : null)),
  trim: builtin(['string'], (text: unknown) => (isString(text) ? text.trim() : null)),
  uuid: builtin([], () => randomUUID()),
  'to base64': builtin(['value'], (text: unknown) =>
    isString(text) ? Buffer.from(text, 'utf8').toString('base64') : null,
  ),
  extract: builtin(['string', 'pattern'], (text: unknown, pattern: unknown) => {
    if (!isString(text) || !isString(pattern)) return null;
    return [...text.matchAll(new RegExp(pattern, 'gu'))].map((match) => match[0]);
  }),
  'random number': builtin([], () => Math.random()),
  'duplicate values': builtin(['list'], (list: unknown) => {
    if (!Array.isArray(list)) return null;
    // In the order of first occurrence: duplicate values([1, 2, 3, 2, 1]) is [1, 2].
    const counts = new Map<string, { item: unknown; count: number }>();
    for (const item of list) {
      const key = JSON.stringify(item);
      const entry = counts.get(key) ?? { item, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    return [...counts.values()].filter((entry) => entry.count > 1).map((entry) => entry.item);
  }),
  partition: builtin(['list', 'size'], (list: unknown, size: unknown) => {
    if (!Array.isArray(list) || typeof size !== 'number' || size < 1) return null;
    const parts: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
    return parts;
  }),
  cycle: builtin(['repetitions', 'interval'], cycle),
  'last day of month': builtin(['date'], (value: unknown) => {
    if (!(value instanceof FeelDate) && !(value instanceof FeelDateTime)) return null;
    const last = new Date(Date.UTC(value.year, value.month, 0));
    return date(last.toISOString().slice(0, 10));
  }),
};

/**
 * Zeebe's `cycle()` (Camunda docs, "Expressions" → temporal expressions): the ISO 8601
 * repeating interval a timeCycle expects, `cycle(3, duration("PT1H"))` is "R3/PT1H" and
 * `cycle(duration("P7D"))` (or a null count) repeats forever, "R/P7D". Anything else fails the
 * evaluation, as Zeebe's function does.
 */
function cycle(first: unknown, second?: unknown): string {
  // One positional argument is the interval; a named call passes `repetitions` as undefined.
  const [repetitions, interval] = second === undefined ? [null, first] : [first, second];
  if (interval instanceof FeelDuration) {
    if (repetitions === null || repetitions === undefined) return `R/${interval.iso}`;
    if (typeof repetitions === 'number') return `R${Math.trunc(repetitions)}/${interval.iso}`;
  }
  throw new Error(
    `cycle function expected a repetitions (number) and an interval (duration) parameter, but found '${String(repetitions)}' and '${String(interval)}'`,
  );
}
