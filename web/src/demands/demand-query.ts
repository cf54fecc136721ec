import type { LocationQuery } from 'vue-router';
import type { DemandQuery } from '../api/demands';

/** The search form's values; lists are arrays here and comma-separated in the URL and API. */
export interface DemandFilters {
  q: string;
  status: string[];
  category: string[];
  domain: string[];
  tier: string[];
  unit: string;
  from: string;
  to: string;
  overdue: '' | 'true' | 'false';
}

export const DEFAULT_PAGE_SIZE = 20;
const LISTS = ['status', 'category', 'domain', 'tier'] as const;

export function emptyFilters(): DemandFilters {
  return {
    q: '',
    status: [],
    category: [],
    domain: [],
    tier: [],
    unit: '',
    from: '',
    to: '',
    overdue: '',
  };
}

function text(query: LocationQuery, name: string): string {
  const value = query[name];
  return typeof value === 'string' ? value : '';
}

function whole(query: LocationQuery, name: string, fallback: number): number {
  const value = Number(text(query, name));
  return Number.isInteger(value) && value >= 1 ? value : fallback;
}

/** The filters and page a shared link carries in its query. */
export function fromRouteQuery(query: LocationQuery): {
  filters: DemandFilters;
  page: number;
  pageSize: number;
} {
  const filters = emptyFilters();
  filters.q = text(query, 'q');
  for (const name of LISTS) filters[name] = text(query, name).split(',').filter(Boolean);
  filters.unit = text(query, 'unit');
  filters.from = text(query, 'from');
  filters.to = text(query, 'to');
  const overdue = text(query, 'overdue');
  filters.overdue = overdue === 'true' || overdue === 'false' ? overdue : '';
  return {
    filters,
    page: whole(query, 'page', 1),
    pageSize: whole(query, 'pageSize', DEFAULT_PAGE_SIZE),
  };
}

/** The API's (and the URL's) query: only what is set, so links stay short. */
export function toApiQuery(filters: DemandFilters, page: number, pageSize: number): DemandQuery {
  const query: DemandQuery = {};
  const q = filters.q.trim();
  if (q) query.q = q;
  for (const name of LISTS) if (filters[name].length > 0) query[name] = filters[name].join(',');
  if (filters.unit.trim()) query.unit = filters.unit.trim();
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.overdue) query.overdue = filters.overdue;
  if (page > 1) query.page = page;
  if (pageSize !== DEFAULT_PAGE_SIZE) query.pageSize = pageSize;
  return query;
}

/** The same as strings, for `router.push({ query })`. */
export function toRouteQuery(filters: DemandFilters, page: number, pageSize: number) {
  return Object.fromEntries(
    Object.entries(toApiQuery(filters, page, pageSize)).map(([name, value]) => [
      name,
      String(value),
    ]),
  );
}
