import type { FieldError } from '../http';

/** One page of a flat ledger, and the text filter it is cut from. */
export interface LedgerPaging {
  /** 1-based; only with `pageSize`. */
  page: number;
  /** Absent: every entry, as the answer always was. */
  pageSize: number | null;
  /** The words typed into the page's text filter, lower-cased; every one must match. */
  words: string[];
}

export const MAX_PAGE_SIZE = 200;
const MAX_QUERY_LENGTH = 200;

function whole(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/**
 * `page`, `pageSize` and `q` of `GET /api/ledgers/{tier}`, each optional; without them the
 * ledger answers whole, as before.
 */
export function ledgerPaging(
  param: (name: string) => string | undefined,
  errors: FieldError[],
): LedgerPaging {
  const page = whole(param('page'));
  const pageSize = whole(param('pageSize'));
  const q = param('q') ?? '';
  if (page === null || page === 0) {
    errors.push({ field: 'page', message: 'A page number from 1.' });
  } else if (page !== undefined && pageSize === undefined) {
    errors.push({ field: 'page', message: 'A page needs its pageSize.' });
  }
  if (pageSize === null || pageSize === 0 || (pageSize ?? 0) > MAX_PAGE_SIZE) {
    errors.push({ field: 'pageSize', message: `Entries per page, 1 to ${MAX_PAGE_SIZE}.` });
  }
  if (q.length > MAX_QUERY_LENGTH) {
    errors.push({ field: 'q', message: `At most ${MAX_QUERY_LENGTH} characters.` });
  }
  return {
    page: page ?? 1,
    pageSize: pageSize ?? null,
    words: q.trim().toLowerCase().split(/\s+/).filter(Boolean),
  };
}

/** Whether an entry's searchable text (code, content, progress) holds every word typed. */
export function matchesWords(text: string, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = text.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** The items of the page asked for (all of them without a page size); past the end: none. */
export function pageOf<T>(items: T[], paging: LedgerPaging): T[] {
  if (paging.pageSize === null) return items;
  const start = (paging.page - 1) * paging.pageSize;
  return items.slice(start, start + paging.pageSize);
}
