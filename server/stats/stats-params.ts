import { DateTime } from 'luxon';
import { DOMAINS, isOneOf, type Domain } from '../../domain/demand';
import { isMonth } from '../../domain/forecast';
import { single, timeBound } from '../demands';
import { API_TIME_ZONE, invalidInput, type FieldError } from '../http';

type Query = Record<string, unknown>;

/** A period of demand times: `from` included, `to` excluded. */
export interface Period {
  from: Date;
  to: Date;
}

/** Longest period one request may cover: trends of five years are plenty. */
const MAX_PERIOD_YEARS = 5;

/** `from`/`to`; by default the current Beijing month up to the end of today. */
export function parsePeriod(query: Query, now: Date, errors: FieldError[]): Period {
  const today = DateTime.fromJSDate(now).setZone(API_TIME_ZONE).startOf('day');
  const to = timeBound(query, 'to', errors) ?? today.plus({ days: 1 }).toJSDate();
  const from = timeBound(query, 'from', errors) ?? today.startOf('month').toJSDate();
  if (from >= to) errors.push({ field: 'to', message: 'Must be after from.' });
  else if (DateTime.fromJSDate(from).plus({ years: MAX_PERIOD_YEARS }).toJSDate() < to) {
    errors.push({ field: 'to', message: `At most ${MAX_PERIOD_YEARS} years after from.` });
  }
  return { from, to };
}

export function parseDomain(query: Query, errors: FieldError[]): Domain | null {
  const raw = single(query, 'domain', errors);
  if (raw === undefined) return null;
  if (isOneOf(DOMAINS, raw)) return raw;
  errors.push({ field: 'domain', message: `One of ${DOMAINS.join(', ')}.` });
  return null;
}

export function parseChoice<T extends string>(
  query: Query,
  name: string,
  allowed: readonly T[],
  fallback: T,
  errors: FieldError[],
): T {
  const raw = single(query, name, errors);
  if (raw === undefined) return fallback;
  if (isOneOf(allowed, raw)) return raw;
  errors.push({ field: name, message: `One of ${allowed.join(', ')}.` });
  return fallback;
}

/** The Beijing month of an instant, `2026-03`. */
export function monthOf(instant: Date): string {
  return DateTime.fromJSDate(instant).setZone(API_TIME_ZONE).toFormat('yyyy-MM');
}

/**
 * The month to forecast: by default the current one. Every month before it must be over, so
 * a later month is refused.
 */
export function parseForecastMonth(query: Query, now: Date, errors: FieldError[]): string {
  const current = monthOf(now);
  const raw = single(query, 'month', errors);
  if (raw === undefined) return current;
  if (!isMonth(raw)) {
    errors.push({ field: 'month', message: 'A month such as 2026-03.' });
    return current;
  }
  if (raw > current) {
    errors.push({
      field: 'month',
      message: `At the latest the current month (${current}): the months before it must be complete.`,
    });
    return current;
  }
  return raw;
}

/** Throws the 400 with every error found. */
export function refuseIfInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw invalidInput(errors);
}
