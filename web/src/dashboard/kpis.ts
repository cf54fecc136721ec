import type { Overview } from '../api/stats';

/**
 * The headline figures of an overview. 办结 counts the demands whose handling is done: the
 * result given and awaiting the citizen's verification, in sign-off, or archived.
 */
export const RESOLVED_STATUSES = ['awaiting_verification', 'signoff', 'archived'] as const;

export interface Kpis {
  received: number;
  valid: number;
  resolved: number;
  /** resolved ÷ valid, 0–1; null without valid demands. */
  resolutionRate: number | null;
  screenedOut: number;
  diverted: number;
  pending: number;
}

export function kpisOf(overview: Overview): Kpis {
  const resolved = overview.byStatus
    .filter((s) => (RESOLVED_STATUSES as readonly string[]).includes(s.status))
    .reduce((sum, s) => sum + s.count, 0);
  const { valid, screenedOut, diverted, pending } = overview.screening;
  return {
    received: overview.total,
    valid,
    resolved,
    resolutionRate: valid === 0 ? null : resolved / valid,
    screenedOut,
    diverted,
    pending,
  };
}

/** `66.7%`, or `—` when there is nothing to measure. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
