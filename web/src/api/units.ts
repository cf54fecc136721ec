import { queryString, request } from './http';

/** The org tiers `GET /api/units` lists (server/README.md "Units"). */
export type UnitTier = 'district' | 'township' | 'village' | 'grid' | 'department';

export interface OrgUnit {
  code: string;
  name: string;
  tier: UnitTier;
  parentCode: string | null;
}

/** `GET /api/units?tier=&parent=`: the units the caller may read, in the org tree's order. */
export async function getUnits(query: { tier?: UnitTier; parent?: string }): Promise<OrgUnit[]> {
  const answer = await request<{ items: OrgUnit[] }>('GET', `/units${queryString({ ...query })}`);
  return answer.items;
}
