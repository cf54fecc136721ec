import { CATEGORIES, DOMAINS, TIERS } from '../../domain/demand';
import type { HeadSpec, Seed } from './online-model';
import { DOMAIN_FEATURE } from './text-features';
import { CUE_OUTCOMES, CUE_REASON_CODES, type TierLexicon } from './triage-lexicons';

/**
 * The heads of the triage model and where they start. Before any example, a head's answer is
 * its lexicon: a term of class c found in the text gives the feature `lex:<head>:<c>`, seeded
 * with SEED_WEIGHT for c. With no term found, the small biases pick the most common answer
 * (a valid request at village level), with a low probability that says "not sure".
 */
export const SEED_WEIGHT = 3;

export const EMERGENCY_CLASSES = ['none', 'emergency'] as const;

export const TRIAGE_HEADS: Record<string, HeadSpec> = {
  category: { classes: CATEGORIES, bias: { request: 0.5 } },
  domain: { classes: DOMAINS, bias: { other: 0.5 } },
  tier: { classes: TIERS, bias: { village: 0.5 } },
  outcome: { classes: CUE_OUTCOMES, bias: { valid: 1.5 } },
  /** Which reason code, read only within the outcome the outcome head chose. */
  reason: { classes: CUE_REASON_CODES },
  /**
   * Whether people diverted the demand as an emergency: the learned net behind the rules
   * (emergency-net.ts). Not seeded: it knows only what it has been shown, and starts at "none".
   */
  emergency: { classes: EMERGENCY_CLASSES, bias: { none: 2 } },
};

/** The starting weights: each lexicon class for its own class, and the tiers usual by domain. */
export function triageSeeds(tier?: TierLexicon): Seed[] {
  const seeds: Seed[] = [];
  for (const [head, spec] of Object.entries(TRIAGE_HEADS)) {
    for (const label of spec.classes) {
      seeds.push({ head, feature: `lex:${head}:${label}`, label, weight: SEED_WEIGHT });
    }
  }
  // Tests, spam and abuse are no demand at all: category and domain "other".
  const falseInfo = 'lex:outcome:invalid_false_info';
  seeds.push({ head: 'category', feature: falseInfo, label: 'other', weight: SEED_WEIGHT });
  seeds.push({ head: 'domain', feature: falseInfo, label: 'other', weight: SEED_WEIGHT });
  for (const [domain, label] of Object.entries(tier?.byDomain ?? {})) {
    const feature = `${DOMAIN_FEATURE}${domain}`;
    seeds.push({ head: 'tier', feature, label, weight: tier!.byDomainWeight });
  }
  return seeds;
}
