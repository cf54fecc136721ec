import type { LocationQuery } from 'vue-router';
import { LEDGER_TIERS, type LedgerRow, type LedgerTier } from '../api/ledgers';
import type { Role } from '../api/types';

/**
 * What the page shows: the tier, the unit (empty: the user's own), the month, a text filter
 * and the page of the entries it kept.
 */
export interface LedgerFilters {
  tier: LedgerTier;
  unit: string;
  month: string;
  q: string;
  page: number;
}

/** Entries per page: the server sends one page at a time (a district's month is ~16,000). */
export const LEDGER_PAGE_SIZE = 50;

/** The tiers a role's unit keeps or oversees (server/ledgers REACH); the server decides. */
export function tiersFor(role: Role): LedgerTier[] {
  if (role === 'village_staff') return ['village'];
  if (role === 'township_staff') return ['township', 'village'];
  if (role === 'department_staff') return ['district'];
  return [...LEDGER_TIERS];
}

/** This month in Beijing time, as the API's `month` (`2026-03`). */
export function currentMonth(now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3600_000);
  return beijing.toISOString().slice(0, 7);
}

const text = (query: LocationQuery, name: string) => {
  const value = query[name];
  return typeof value === 'string' ? value : '';
};

/** The filters a shared link carries; the natural tier of the role and this month by default. */
export function fromRouteQuery(query: LocationQuery, role: Role, now = new Date()): LedgerFilters {
  const tiers = tiersFor(role);
  const tier = text(query, 'tier') as LedgerTier;
  const month = text(query, 'month');
  const page = Number(text(query, 'page'));
  return {
    tier: tiers.includes(tier) ? tier : tiers[0]!,
    unit: text(query, 'unit'),
    month: /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : currentMonth(now),
    q: text(query, 'q'),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

export function toRouteQuery(filters: LedgerFilters): Record<string, string> {
  const query: Record<string, string> = { tier: filters.tier, month: filters.month };
  if (filters.unit) query.unit = filters.unit;
  if (filters.q) query.q = filters.q;
  if (filters.page > 1) query.page = String(filters.page);
  return query;
}

/** A cell's text for a column key the API names (units by name, codes by their labels). */
export function cellText(row: LedgerRow, key: string): string {
  switch (key) {
    case 'channel':
    case 'category':
    case 'domain':
    case 'satisfaction':
      return row.labels[key] ?? '';
    case 'progress':
      return row.labels.progress ?? row.status;
    case 'citizen':
      return citizenText(row);
    case 'responsibleUnit':
    case 'township':
    case 'village':
    case 'grid': {
      const unit = row[key];
      return unit ? unit.name || unit.code : '';
    }
    case 'assignedAt':
    case 'dueAt':
    case 'resolvedAt':
    case 'closedAt':
      return ledgerTime(row[key]);
    default: {
      const value = (row as unknown as Record<string, unknown>)[key];
      return value === null || value === undefined ? '' : String(value);
    }
  }
}

/** The complainant as the clerk's sheet writes them; withheld from the accused unit. */
function citizenText(row: LedgerRow): string {
  const citizen = row.citizen;
  if (citizen.withheld) return '（不予显示）';
  const name = citizen.anonymous ? '匿名' : (citizen.name ?? '');
  return [name, citizen.phone ?? ''].filter((part) => part !== '').join(' ');
}

/** `2026-03-02T15:00:00+08:00` → `2026-03-02 15:00`, as the workbook writes Beijing times. */
export function ledgerTime(value: string | null | undefined): string {
  if (!value) return '';
  const beijing = new Date(new Date(value).getTime() + 8 * 3600_000);
  return beijing.toISOString().slice(0, 16).replace('T', ' ');
}
