import { TIERS, type Tier } from '../../domain/demand';
import type { OrgDirectory } from './org-directory';
import type { RoutingRule } from './routing-table';
import type { TriagePlace } from './triage-types';

function unitAt(place: TriagePlace, tier: Tier, domain: string | null, org: OrgDirectory) {
  switch (tier) {
    case 'village':
      return place.villageCode;
    case 'township':
      return place.townshipCode;
    case 'district':
      return (domain ? org.departmentFor(place.districtCode, domain) : null) ?? place.districtCode;
    case 'city':
      return org.cityCode();
  }
}

/**
 * The lead unit and co-units the routing rule gives, as workers/support/lead-unit.ts chooses
 * them: the demand's village or township, the district department owning the domain (else the
 * district), the city; a tier where the demand has no unit hands it up. Co-units are tier keys
 * (the demand's own unit) or domain keys (that department), never the lead, each once. The
 * accused-unit rule is the dispatcher's: the suggestion does not know the accused unit.
 */
export function suggestUnits(
  place: TriagePlace,
  rule: RoutingRule,
  domain: string | null,
  org: OrgDirectory,
): { leadUnitCode: string | null; coUnitCodes: string[] } {
  let leadUnitCode: string | null = null;
  for (const tier of TIERS.slice(TIERS.indexOf(rule.tier))) {
    leadUnitCode = unitAt(place, tier, domain, org);
    if (leadUnitCode) break;
  }
  const coUnitCodes: string[] = [];
  for (const key of rule.coUnits) {
    const code =
      key === 'village'
        ? place.villageCode
        : key === 'township'
          ? place.townshipCode
          : org.departmentFor(place.districtCode, key);
    if (code && code !== leadUnitCode && !coUnitCodes.includes(code)) coUnitCodes.push(code);
  }
  return { leadUnitCode, coUnitCodes };
}
