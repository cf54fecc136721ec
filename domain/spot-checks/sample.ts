import { createHash } from 'node:crypto';
import type { SpotCheckPolicy } from './policy';

/** A demand closed in the month, with the lead unit that closed it. */
export interface Closure {
  demandCode: string;
  unitCode: string;
}

/** How many of `closed` demands of one unit are visited again. */
export function sampleSize(closed: number, policy: SpotCheckPolicy): number {
  if (closed <= 0) return 0;
  const byShare = Math.ceil(closed * policy.share - 1e-9);
  return Math.min(closed, policy.maximumPerUnit, Math.max(policy.minimumPerUnit, byShare));
}

/** The draw of one demand: a hash of the seed, the month and the code, so it is reproducible. */
function drawOf(seed: string, period: string, demandCode: string): string {
  return createHash('sha256').update(`${seed}\n${period}\n${demandCode}`).digest('hex');
}

/**
 * The demands to visit again, per unit: the `sampleSize` ones with the lowest draw. The draw
 * depends only on the policy's seed, the month and the demand's code, never on the order the
 * database returns them or the time of the run, so a retry (or a rerun) picks the same ones.
 * Sorted by unit, then code.
 */
export function sampleClosures(
  closures: readonly Closure[],
  policy: SpotCheckPolicy,
  period: string,
): Closure[] {
  const byUnit = new Map<string, Closure[]>();
  for (const closure of closures) {
    const list = byUnit.get(closure.unitCode) ?? [];
    list.push(closure);
    byUnit.set(closure.unitCode, list);
  }
  const sample: Closure[] = [];
  for (const unitCode of [...byUnit.keys()].sort()) {
    const unique = [...new Map(byUnit.get(unitCode)!.map((c) => [c.demandCode, c])).values()];
    const drawn = unique
      .map((c) => ({ c, draw: drawOf(policy.seed, period, c.demandCode) }))
      .sort((a, b) => a.draw.localeCompare(b.draw) || a.c.demandCode.localeCompare(b.c.demandCode))
      .slice(0, sampleSize(unique.length, policy))
      .map((d) => d.c)
      .sort((a, b) => a.demandCode.localeCompare(b.demandCode));
    sample.push(...drawn);
  }
  return sample;
}
