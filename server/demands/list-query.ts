import { DateTime } from 'luxon';
import { CATEGORIES, DOMAINS, isOneOf, STATUSES, TIERS } from '../../domain/demand';
import { normaliseDemandText } from '../../domain/text';
import { API_TIME_ZONE, invalidInput, parseIsoWithOffset, type FieldError } from '../http';

/** The filters of `GET /api/demands`, checked and normalised once. */
export interface DemandListQuery {
  /** Normalised like intake text; matches a code (exact or prefix) or the content. */
  q: string | null;
  statuses: string[];
  categories: string[];
  domains: string[];
  tiers: string[];
  /** A lead unit or a place (grid, village, township, district, location unit). */
  unit: string | null;
  from: Date | null;
  /** Exclusive upper bound. */
  to: Date | null;
  overdue: boolean | null;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const MAX_Q_CHARACTERS = 200;

/** A query parameter given once as text (`?a=1&a=2` and `?a[b]=1` are refused). */
export function single(query: Record<string, unknown>, name: string, errors: FieldError[]) {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    errors.push({ field: name, message: 'Give this parameter once, as text.' });
    return undefined;
  }
  return value;
}

/** A comma-separated list of known values. */
function list(
  query: Record<string, unknown>,
  name: string,
  allowed: readonly string[],
  errors: FieldError[],
): string[] {
  const raw = single(query, name, errors);
  if (raw === undefined) return [];
  const values = raw.split(',').map((value) => value.trim());
  if (!values.every((value) => isOneOf(allowed, value))) {
    errors.push({ field: name, message: `One or more of ${allowed.join(', ')}, comma-separated.` });
    return [];
  }
  return values;
}

/**
 * A `from`/`to` bound of a time filter: an ISO time with offset, or a Beijing calendar day
 * (`2026-03-02`), which for `to` includes the whole day. Shared by the lists and statistics.
 */
export function timeBound(
  query: Record<string, unknown>,
  name: 'from' | 'to',
  errors: FieldError[],
): Date | null {
  const raw = single(query, name, errors);
  if (raw === undefined) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const day = DateTime.fromISO(raw, { zone: API_TIME_ZONE });
    if (day.isValid) return (name === 'to' ? day.plus({ days: 1 }) : day).toJSDate();
  } else {
    const time = parseIsoWithOffset(raw);
    if (time) return name === 'to' ? new Date(time.getTime() + 1) : time;
  }
  errors.push({
    field: name,
    message: 'A date (2026-03-02, Beijing time) or a time with offset (2026-03-02T09:00:00+08:00).',
  });
  return null;
}

export function positiveInteger(
  query: Record<string, unknown>,
  name: string,
  fallback: number,
  max: number,
  errors: FieldError[],
): number {
  const raw = single(query, name, errors);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) {
    errors.push({ field: name, message: `A whole number from 1 to ${max}.` });
    return fallback;
  }
  return value;
}

export function parseDemandListQuery(query: Record<string, unknown>): DemandListQuery {
  const errors: FieldError[] = [];
  const rawQ = single(query, 'q', errors);
  let q: string | null = null;
  if (rawQ !== undefined) {
    q = normaliseDemandText(rawQ).normalised;
    if (Array.from(q).length > MAX_Q_CHARACTERS) {
      errors.push({ field: 'q', message: `At most ${MAX_Q_CHARACTERS} characters.` });
    }
    if (q === '') q = null;
  }
  const rawOverdue = single(query, 'overdue', errors);
  if (rawOverdue !== undefined && rawOverdue !== 'true' && rawOverdue !== 'false') {
    errors.push({ field: 'overdue', message: 'true or false.' });
  }
  const unit = single(query, 'unit', errors) ?? null;
  const parsed: DemandListQuery = {
    q,
    statuses: list(query, 'status', STATUSES, errors),
    categories: list(query, 'category', CATEGORIES, errors),
    domains: list(query, 'domain', DOMAINS, errors),
    tiers: list(query, 'tier', TIERS, errors),
    unit,
    from: timeBound(query, 'from', errors),
    to: timeBound(query, 'to', errors),
    overdue: rawOverdue === 'true' ? true : rawOverdue === 'false' ? false : null,
    page: positiveInteger(query, 'page', 1, 1_000_000, errors),
    pageSize: positiveInteger(query, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, errors),
  };
  if (parsed.from && parsed.to && parsed.from >= parsed.to) {
    errors.push({ field: 'to', message: 'Must be after from.' });
  }
  if (errors.length > 0) throw invalidInput(errors);
  return parsed;
}
