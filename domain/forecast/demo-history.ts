import { DOMAINS, type Domain } from '../demand';
import { mulberry32, type SeededRandom } from '../org/seeded-random';
import { BASE_RATES, seasonalFactor } from './demo-seasons';
import { monthOfYear } from './months';

export interface DemoHistoryTownship {
  code: string;
  kind: 'street' | 'township';
}

export interface MonthlyDemandCount {
  townshipCode: string;
  domain: Domain;
  /** `YYYY-MM`. */
  month: string;
  count: number;
}

/** Demands grow slowly as more people learn where to raise them: 0.8 % a month. */
const MONTHLY_GROWTH = 0.008;

/** A Poisson draw: counts of independent events at a mean rate (Knuth; normal above 30). */
function poisson(random: SeededRandom, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const u = Math.max(random(), Number.EPSILON);
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random();
  while (product > limit) {
    k++;
    product *= random();
  }
  return k;
}

/**
 * Monthly demand counts per township and domain for the demo district's past, with the
 * rhythm of `demo-seasons.ts`, a slow growth, a size per township and Poisson noise. The same
 * seed, townships and months give the same counts on every machine.
 */
export function generateDemoHistory(options: {
  townships: readonly DemoHistoryTownship[];
  /** Oldest first. */
  months: readonly string[];
  seed: number;
}): MonthlyDemandCount[] {
  const random = mulberry32(options.seed);
  const rows: MonthlyDemandCount[] = [];
  for (const township of options.townships) {
    const size = 0.7 + 0.6 * random();
    const rates = BASE_RATES[township.kind];
    for (const domain of DOMAINS) {
      options.months.forEach((month, i) => {
        const mean =
          rates[domain] *
          size *
          seasonalFactor(domain, monthOfYear(month)) *
          (1 + MONTHLY_GROWTH * i);
        rows.push({ townshipCode: township.code, domain, month, count: poisson(random, mean) });
      });
    }
  }
  return rows;
}
