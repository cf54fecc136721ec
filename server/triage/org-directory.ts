import type { Knex } from 'knex';

/**
 * What the suggester needs to know of the org tree, answered from memory so `suggest()` stays
 * synchronous. The same questions workers/support/lead-unit.ts asks the database.
 */
export interface OrgDirectory {
  /** The district department owning `domain`, or null when the district has none. */
  departmentFor(districtCode: string, domain: string): string | null;
  /** The city unit demands are passed up to, or null. */
  cityCode(): string | null;
}

/** A directory with no departments and no city: lead units only from the demand's place. */
export const EMPTY_ORG_DIRECTORY: OrgDirectory = {
  departmentFor: () => null,
  cityCode: () => null,
};

/**
 * A snapshot of the departments' domains and the city unit. The org tree changes rarely (an
 * import); load again after one. Like lead-unit.ts, the lowest code wins when two departments
 * of one district own a domain.
 */
export async function loadOrgDirectory(knex: Knex): Promise<OrgDirectory> {
  const rows = await knex('department_domains as d')
    .join('org_units as u', 'u.code', 'd.unit_code')
    .where('u.tier', 'department')
    .orderBy('u.code')
    .select<Array<{ code: string; district: string; domain: string }>>(
      'u.code as code',
      'u.parent_code as district',
      'd.domain as domain',
    );
  const owners = new Map<string, string>();
  for (const row of rows) {
    const key = `${row.district}|${row.domain}`;
    if (!owners.has(key)) owners.set(key, row.code);
  }
  const city = await knex('org_units')
    .where({ tier: 'city' })
    .orderBy('code')
    .first<{ code: string } | undefined>('code');
  const cityCode = city?.code ?? null;
  return {
    departmentFor: (districtCode, domain) => owners.get(`${districtCode}|${domain}`) ?? null,
    cityCode: () => cityCode,
  };
}
