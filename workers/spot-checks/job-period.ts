import { parsePeriod, periodJustEnded, type Period } from '../../domain/rankings';
import {
  loadSpotCheckPolicy,
  SpotCheckPolicyError,
  type SpotCheckPolicy,
} from '../../domain/spot-checks';
import { JobInputError, optionalText } from '../job-errors';

/**
 * The month a sampling works on: `spotCheckPeriod` when the instance names one (`2026-10`, a
 * sampling started by hand), else the Beijing month that ended last before the engine's `now`.
 * Both depend on the instance alone, so a retried job samples the same month.
 */
export function spotCheckPeriodOf(named: unknown, now: Date): Period {
  const text = optionalText(named);
  if (text === null) return periodJustEnded('month', now);
  const period = parsePeriod('month', text);
  if (!period) throw new JobInputError(`spotCheckPeriod ${JSON.stringify(text)} is not a month`);
  return period;
}

/** The policy as the process owner left it; a bad file is an incident naming the field. */
export function currentSpotCheckPolicy(): SpotCheckPolicy {
  try {
    return loadSpotCheckPolicy();
  } catch (error) {
    if (error instanceof SpotCheckPolicyError) throw new JobInputError(error.message);
    throw error;
  }
}
