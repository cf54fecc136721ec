/**
 * FEEL values (feelin) → what Zeebe stores: JSON values, with temporal values as the ISO
 * strings Zeebe's FeelToMessagePackTransformer writes, and the result type names of Zeebe's
 * `ResultType` for type checks.
 */
import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';

export type ResultType =
  | 'NULL'
  | 'BOOLEAN'
  | 'NUMBER'
  | 'STRING'
  | 'ARRAY'
  | 'OBJECT'
  | 'DURATION'
  | 'PERIOD'
  | 'DATE'
  | 'DATE_TIME'
  | 'UNKNOWN';

export function resultTypeOf(value: unknown): ResultType {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number' || typeof value === 'bigint') return 'NUMBER';
  if (typeof value === 'string') return 'STRING';
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof FeelDuration) return value.yearsMonths ? 'PERIOD' : 'DURATION';
  if (value instanceof FeelDate) return 'DATE';
  if (value instanceof FeelDateTime) return 'DATE_TIME';
  // Times, ranges and functions have no result type in Zeebe.
  return isContext(value) ? 'OBJECT' : 'UNKNOWN';
}

/** A FEEL context: a plain object, not one of feelin's value classes. */
function isContext(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Ranges, functions and other values Zeebe cannot store become null, as in Zeebe. */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof FeelDate || value instanceof FeelDuration) return value.iso;
  if (value instanceof FeelDateTime) return dateTimeText(value);
  if (value instanceof FeelTime) return timeText(value);
  if (isContext(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, toJsonValue(entry)]),
    );
  }
  return null;
}

/** What feelin's temporal wrappers hold: Temporal values (from temporal-polyfill). */
interface PlainDateTimeLike {
  toString(): string;
  toZonedDateTime(zone: string): { toString(): string };
}

const UTC_ZONES = new Set(['Z', '+00:00', 'UTC', 'Etc/UTC']);

/**
 * Java's ISO_LOCAL_DATE_TIME / ISO_ZONED_DATE_TIME: seconds always, fraction only when set, a
 * zero offset as `Z`, a region zone as `+01:00[Europe/Paris]`. UTC is written as a bare `Z`
 * so that clients' date parsers read `now()` results.
 */
function dateTimeText(value: FeelDateTime): string {
  const local = value.unwrap() as unknown as PlainDateTimeLike;
  const zone = value.zone;
  if (zone === null) return local.toString();
  if (UTC_ZONES.has(zone)) return `${local.toString()}Z`;
  if (/^[+-]\d\d:\d\d$/.test(zone)) return `${local.toString()}${zone}`;
  return local.toZonedDateTime(zone).toString().replace('+00:00[', 'Z[');
}

/** Java's LocalTime.toString drops zero seconds: `10:00`, `10:00:30`. */
function timeText(value: FeelTime): string {
  if (value.zone !== null) return value.iso;
  return value.iso.replace(/^(\d\d:\d\d):00$/, '$1');
}
