import {
  loadRankingPolicy,
  parsePeriod,
  periodJustEnded,
  RankingPolicyError,
  type Period,
  type PeriodKind,
  type RankingPolicy,
} from '../../domain/rankings';
import { JobInputError, optionalText } from '../job-errors';

/** The `kind` header of the ranking tasks. */
export function kindOf(header: unknown): PeriodKind {
  if (header === 'week' || header === 'month') return header;
  throw new JobInputError(`header kind is ${JSON.stringify(header ?? null)}, not week or month`);
}

/**
 * The period a ranking job works on: `rankingPeriod` when the instance names one (a
 * recomputation started by hand), else the period that ended last before the engine's `now`.
 */
export function periodOf(kind: PeriodKind, named: unknown, now: Date): Period {
  const text = optionalText(named);
  if (text === null) return periodJustEnded(kind, now);
  const period = parsePeriod(kind, text);
  if (!period) throw new JobInputError(`rankingPeriod ${JSON.stringify(text)} is not a ${kind}`);
  return period;
}

/** The policy as the process owner left it; a bad file is an incident naming the field. */
export function currentPolicy(): RankingPolicy {
  try {
    return loadRankingPolicy();
  } catch (error) {
    if (error instanceof RankingPolicyError) throw new JobInputError(error.message);
    throw error;
  }
}
