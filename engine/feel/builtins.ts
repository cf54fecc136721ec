/**
 * Built-in functions that Camunda's FEEL (feel-scala 1.19, Zeebe 8.8) has and feelin lacks —
 * the Camunda extensions. They are passed to feelin as context functions; `$args` names their
 * parameters so named arguments work (`get or else(value: x, default: 0)`).
 */
import { randomUUID } from 'node:crypto';
import { date, FeelDate, FeelDateTime } from 'feelin';

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
  'last day of month': builtin(['date'], (value: unknown) => {
    if (!(value instanceof FeelDate) && !(value instanceof FeelDateTime)) return null;
    const last = new Date(Date.UTC(value.year, value.month, 0));
    return date(last.toISOString().slice(0, 10));
  }),
};
