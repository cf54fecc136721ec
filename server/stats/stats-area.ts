import type { Knex } from 'knex';
import { demandScopeOf, type StaffUser } from '../auth';
import { HttpProblem, invalidInput, PROBLEM_TYPES } from '../http';
import { resolveUnitPlaces } from '../org';

/**
 * The part of the county a statistic covers: a district, one township of it, or (auditors and
 * administrators) everything. Null fields mean "not narrowed".
 */
export interface StatsArea {
  districtCode: string | null;
  townshipCode: string | null;
  /** For the answer: the narrowest unit covered, or null for everything. */
  unit: { code: string; name: string } | null;
}

/**
 * Who reads statistics: the district's staff and leaders (and process owners) their district,
 * a township's staff their township, auditors and administrators all. Villages, grids and
 * departments see single demands, not territories: 403, as a ledger tier beyond their reach.
 */
export function statsReachOf(user: StaffUser): Omit<StatsArea, 'unit'> {
  const scope = demandScopeOf(user);
  switch (scope.kind) {
    case 'all':
      return { districtCode: null, townshipCode: null };
    case 'district':
      return { districtCode: scope.districtCode, townshipCode: null };
    case 'township':
      return { districtCode: user.districtCode, townshipCode: scope.townshipCode };
    default:
      throw new HttpProblem({
        status: 403,
        type: PROBLEM_TYPES.forbidden,
        detail: 'Statistics are read by townships, the district and auditors.',
      });
  }
}

/**
 * The area of one request: the caller's reach, narrowed to `township` when given. A township
 * that does not exist or lies outside the reach is 404 (its existence is not revealed), a unit
 * that is not a township 400.
 */
export async function resolveStatsArea(
  knex: Knex,
  reach: Omit<StatsArea, 'unit'>,
  township: string | undefined,
): Promise<StatsArea> {
  const code = township ?? reach.townshipCode ?? reach.districtCode;
  if (code === null) return { ...reach, unit: null };
  const places = await resolveUnitPlaces(knex, code);
  const inReach =
    places !== undefined &&
    (reach.districtCode === null || places.districtCode === reach.districtCode) &&
    (reach.townshipCode === null || places.townshipCode === reach.townshipCode);
  if (!places || !inReach) {
    throw new HttpProblem({ status: 404, detail: 'There is no such township.' });
  }
  if (township !== undefined && places.unit.tier !== 'township') {
    throw invalidInput([
      { field: 'township', message: `Not a township: the unit is a ${places.unit.tier}.` },
    ]);
  }
  return {
    districtCode: places.districtCode,
    townshipCode: township ?? reach.townshipCode,
    unit: { code: places.unit.code, name: places.unit.name },
  };
}

/** Narrows a query over a table with `district_code` and `township_code` columns. */
export function restrictToArea<Q extends Knex.QueryBuilder>(
  query: Q,
  area: StatsArea,
  alias: string,
): Q {
  if (area.districtCode !== null) query.where(`${alias}.district_code`, area.districtCode);
  if (area.townshipCode !== null) query.where(`${alias}.township_code`, area.townshipCode);
  return query;
}
