import type { Category, Domain, Tier } from '../../domain/demand';
import type { Matter } from './triage-lexicons';

/**
 * A mirror of processes/demand-routing.dmn (hit policy FIRST), so a suggestion can name the lead
 * and co-units synchronously, without the engine. test/unit/triage-routing.test.ts parses the
 * DMN and fails when the two differ: change the DMN, then this table. `null` is "any" (`-`).
 * Co-units are tier keys (village, township: the demand's own unit) or domain keys (the
 * district department owning that domain).
 */
export interface RoutingRule {
  id: string;
  scope: readonly Tier[] | null;
  category: readonly Category[] | null;
  domain: readonly Domain[] | null;
  matter: readonly Matter[] | null;
  tier: Tier;
  coUnits: readonly string[];
}

// prettier-ignore
export const ROUTING_RULES: readonly RoutingRule[] = [
  { id: 'rule-conduct', scope: null, category: null, domain: ['conduct'], matter: null, tier: 'district', coUnits: [] },
  { id: 'rule-city', scope: ['city'], category: null, domain: null, matter: null, tier: 'city', coUnits: [] },
  { id: 'rule-living-noise', scope: ['township', 'district'], category: null, domain: ['urban_management'], matter: ['noise'], tier: 'district', coUnits: ['township', 'environment'] },
  { id: 'rule-construction-noise', scope: ['township', 'district'], category: null, domain: ['environment'], matter: ['noise'], tier: 'district', coUnits: ['township', 'urban_management'] },
  { id: 'rule-fumes', scope: ['township', 'district'], category: null, domain: ['urban_management'], matter: ['fumes'], tier: 'district', coUnits: ['township', 'environment'] },
  { id: 'rule-village-collective', scope: ['village'], category: ['collective'], domain: null, matter: null, tier: 'township', coUnits: ['village'] },
  { id: 'rule-village', scope: ['village'], category: null, domain: null, matter: null, tier: 'village', coUnits: [] },
  { id: 'rule-township', scope: ['township'], category: null, domain: null, matter: null, tier: 'township', coUnits: [] },
  { id: 'rule-district-collective', scope: ['district'], category: ['collective'], domain: null, matter: null, tier: 'district', coUnits: ['township'] },
  { id: 'rule-district', scope: ['district'], category: null, domain: null, matter: null, tier: 'district', coUnits: [] },
  { id: 'rule-unknown', scope: null, category: null, domain: null, matter: null, tier: 'township', coUnits: [] },
];

export interface RoutingInput {
  scope: Tier | null;
  category: Category | null;
  domain: Domain | null;
  matter: Matter | null;
}

const matches = <T>(allowed: readonly T[] | null, value: T | null) =>
  allowed === null || (value !== null && allowed.includes(value));

/** The first rule that matches, as the engine evaluates the DMN. */
export function routeDemand(input: RoutingInput): RoutingRule {
  const rule = ROUTING_RULES.find(
    (r) =>
      matches(r.scope, input.scope) &&
      matches(r.category, input.category) &&
      matches(r.domain, input.domain) &&
      matches(r.matter, input.matter),
  );
  // The last rule matches anything, so this only fires if the table is edited badly.
  if (!rule) throw new Error('the routing table has no catch-all rule');
  return rule;
}
