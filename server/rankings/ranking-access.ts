import type { Knex } from 'knex';
import type { StaffUser } from '../auth';
import { HttpProblem, PROBLEM_TYPES } from '../http';
import { resolveUnitPlaces } from '../org';

/**
 * Who reads which rankings (red and black lists are published, warnings and the ladder concern
 * the unit and those who oversee it):
 *
 * | who | sees |
 * | --- | --- |
 * | `auditor`, `admin` | every district's rankings, with every unit's ladder and warnings |
 * | `supervisor`, `principal_leader`, `discipline_inspector`, `dispatcher`, `process_owner` | their district's rankings, every group, with ladder and warnings |
 * | other staff (village, township, department, grid, intake) | their own comparable group in their district (rates, score, rank, list of each unit), ladder and warnings of their own unit only |
 *
 * Staff whose unit belongs to no ranked group (a district-level intake clerk, the city) get 403.
 */
export type RankingAudience =
  | { kind: 'all' }
  | { kind: 'district'; districtCode: string }
  | { kind: 'group'; districtCode: string; unitCode: string; tiers: readonly string[] };

const EVERYWHERE = new Set(['auditor', 'admin']);
const OVERSEERS = new Set([
  'supervisor',
  'principal_leader',
  'discipline_inspector',
  'dispatcher',
  'process_owner',
]);

/** `groups`: the policy's comparable groups, by which a unit's peers are found. */
export async function rankingAudience(
  knex: Knex,
  user: StaffUser,
  groups: ReadonlyArray<{ group: string; tiers: readonly string[] }>,
): Promise<RankingAudience> {
  if (EVERYWHERE.has(user.role)) return { kind: 'all' };
  const forbidden = (detail: string) =>
    new HttpProblem({ status: 403, type: PROBLEM_TYPES.forbidden, detail });
  if (!user.districtCode) throw forbidden('Rankings are kept per district; your unit has none.');
  if (OVERSEERS.has(user.role)) return { kind: 'district', districtCode: user.districtCode };
  // A grid's staff belong to their village's group.
  const places = await resolveUnitPlaces(knex, user.unitCode);
  const unitCode =
    user.unitTier === 'grid' ? (places?.villageCode ?? user.unitCode) : user.unitCode;
  const tier = user.unitTier === 'grid' ? 'village' : user.unitTier;
  const group = groups.find((g) => g.tiers.includes(tier));
  if (!group) throw forbidden('Your unit is not in a ranked group and does not oversee rankings.');
  return { kind: 'group', districtCode: user.districtCode, unitCode, tiers: group.tiers };
}

/** Whether the audience sees the ladder and warnings of `unitCode`. */
export function seesDetailsOf(audience: RankingAudience, unitCode: string): boolean {
  return audience.kind !== 'group' || audience.unitCode === unitCode;
}
