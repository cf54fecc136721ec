import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The spot-check policy (验靶, 回访抽查): how many of a unit's closed demands are visited again
 * each month. Local policy like every number of the domain, kept by the process owner in
 * `processes/spot-check-policy.json` and read on every sampling, so an edit needs no restart.
 */
export interface SpotCheckPolicy {
  /** Share of a unit's closures in the month that are sampled (rounded up). */
  share: number;
  /** At least this many per unit that closed any (never more than it closed). */
  minimumPerUnit: number;
  /** At most this many per unit. */
  maximumPerUnit: number;
  /** Mixed into the draw: another seed draws another (equally reproducible) sample. */
  seed: string;
}

export const SPOT_CHECK_POLICY_FILE = path.resolve(
  __dirname,
  '../../processes/spot-check-policy.json',
);

export class SpotCheckPolicyError extends Error {
  override name = 'SpotCheckPolicyError';
}

const isWhole = (v: unknown, min: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min;

/** Reads one policy document; throws SpotCheckPolicyError naming every bad field. */
export function parseSpotCheckPolicy(input: unknown): SpotCheckPolicy {
  const root = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const errors: string[] = [];
  const { share, minimumPerUnit, maximumPerUnit, seed } = root;
  if (typeof share !== 'number' || !(share > 0 && share <= 1)) {
    errors.push('share: must be a number above 0 and at most 1');
  }
  if (!isWhole(minimumPerUnit, 0)) errors.push('minimumPerUnit: must be a whole number ≥ 0');
  if (!isWhole(maximumPerUnit, 1)) errors.push('maximumPerUnit: must be a whole number ≥ 1');
  if (isWhole(minimumPerUnit, 0) && isWhole(maximumPerUnit, 1) && minimumPerUnit > maximumPerUnit) {
    errors.push('minimumPerUnit: must not exceed maximumPerUnit');
  }
  if (typeof seed !== 'string' || seed.trim() === '') errors.push('seed: must be a text');
  if (errors.length > 0) {
    throw new SpotCheckPolicyError(`the spot-check policy is not valid: ${errors.join('; ')}`);
  }
  return {
    share: share as number,
    minimumPerUnit: minimumPerUnit as number,
    maximumPerUnit: maximumPerUnit as number,
    seed: seed as string,
  };
}

/** Reads and checks the policy file; a file that is not JSON is reported as such. */
export function loadSpotCheckPolicy(file = SPOT_CHECK_POLICY_FILE): SpotCheckPolicy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SpotCheckPolicyError(`${path.basename(file)}: ${(error as Error).message}`);
  }
  return parseSpotCheckPolicy(parsed);
}
