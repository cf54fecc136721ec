import type { PeriodKind } from '../../domain/rankings';

/** `unit_rankings.period_kind` (migration 007) says `monthly` / `weekly`; the API `month` / `week`. */
export function storedKind(kind: PeriodKind): 'monthly' | 'weekly' {
  return kind === 'month' ? 'monthly' : 'weekly';
}
