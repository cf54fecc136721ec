import { queryString, request } from './http';
import type { MaskedCitizen, UnitRef } from './types';

/** The three ledgers (三级台账): district master, township sub, village micro. */
export const LEDGER_TIERS = ['district', 'township', 'village'] as const;
export type LedgerTier = (typeof LEDGER_TIERS)[number];

export interface LedgerColumn {
  key: string;
  label: string;
}

/** One entry as `GET /api/ledgers/{tier}` sends it (server/README.md "Ledgers"). */
export interface LedgerRow {
  code: string;
  channel: string;
  /** `{withheld: true}` for the accused unit and those below it. */
  citizen: MaskedCitizen & { withheld?: boolean };
  content: string;
  category: string | null;
  domain: string | null;
  responsibleUnit: UnitRef | null;
  assignedAt: string | null;
  dueAt: string | null;
  status: string;
  resolvedAt: string | null;
  satisfaction: string | null;
  closedAt: string | null;
  labels: Record<'channel' | 'category' | 'domain' | 'progress' | 'satisfaction', string>;
  township?: UnitRef | null;
  village?: UnitRef | null;
  grid?: UnitRef | null;
  handler?: string | null;
}

/** A township's sub-ledger: one folder per village, the township's own entries last. */
export interface LedgerFolder {
  village: UnitRef | null;
  rows: LedgerRow[];
}

export interface Ledger {
  tier: LedgerTier;
  title: string;
  unit: UnitRef;
  month: string | null;
  columns: LedgerColumn[];
  /** The entries the text filter kept (all of them without one), not just the page sent. */
  total: number;
  /** With `pageSize` asked: which page `rows` is. */
  page?: number;
  pageSize?: number;
  rows?: LedgerRow[];
  folders?: LedgerFolder[];
}

export interface LedgerQuery {
  /** Empty: the caller's own unit of that tier. */
  unit?: string;
  /** `2026-03`: the demands received in that Beijing month. */
  month?: string;
}

/** One page of a flat ledger and the words it is filtered by (a township's folders: unpaged). */
export interface LedgerPageQuery extends LedgerQuery {
  /** From 1; only with `pageSize`. */
  page?: number;
  /** 1..200. */
  pageSize?: number;
  /** Words that the code, content or progress must all contain. */
  q?: string;
}

/** `GET /api/ledgers/{tier}?unit=&month=&page=&pageSize=&q=`. */
export function getLedger(tier: LedgerTier, query: LedgerPageQuery): Promise<Ledger> {
  return request<Ledger>('GET', `/ledgers/${tier}${queryString({ ...query })}`);
}

/**
 * The address of the same ledger as a workbook (`…/{tier}.xlsx`). A plain link downloads it:
 * the session cookie goes along and a GET needs no CSRF token.
 */
export function ledgerWorkbookUrl(tier: LedgerTier, query: LedgerQuery): string {
  return `/api/ledgers/${tier}.xlsx${queryString({ ...query })}`;
}
