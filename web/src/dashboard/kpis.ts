import type { Overview } from '../api/stats';

/**
 * The headline figures of an overview. 已办结, the on-time rate and the satisfaction rate are the
 * server's (`resolved`, `onTimeRate`, `satisfactionRate`), measured as the rankings measure a
 * unit, so the dashboard and the 红黑榜 never disagree about what "on time" means.
 */
export interface Kpis {
  received: number;
  valid: number;
  resolved: number;
  /** resolved ÷ valid, 0–1; null without valid demands. */
  resolutionRate: number | null;
  /** Resolved by the deadline ÷ (resolved, or past the deadline); null: nothing due yet. */
  onTimeRate: number | null;
  /** 满意 and 基本满意 (partial credit) ÷ answers; null: no answers yet. */
  satisfactionRate: number | null;
  screenedOut: number;
  diverted: number;
  pending: number;
}

export function kpisOf(overview: Overview): Kpis {
  const { valid, screenedOut, diverted, pending } = overview.screening;
  const { resolved } = overview;
  return {
    received: overview.total,
    valid,
    resolved,
    resolutionRate: valid === 0 ? null : resolved / valid,
    onTimeRate: overview.onTimeRate,
    satisfactionRate: overview.satisfactionRate,
    screenedOut,
    diverted,
    pending,
  };
}

/** `66.7%`, or `—` when there is nothing to measure. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
