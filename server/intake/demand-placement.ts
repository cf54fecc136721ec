import type { Knex } from 'knex';
import { invalidInput } from '../http';
import { onlyDistrictCode, resolveUnitPlaces } from '../org';

/** The `demands` place columns (migration 008) of a new demand. */
export interface DemandPlacement {
  locationUnitCode: string | null;
  gridCode: string | null;
  villageCode: string | null;
  townshipCode: string | null;
  districtCode: string;
}

/** Units a citizen's demand can be located at; departments and the city are not places. */
const PLACE_TIERS = ['grid', 'village', 'township', 'district'];

/**
 * Places a demand in the org tree from `location.unitCode`: the unit and every level above it.
 * Without a unit, the district is the channel key's, else the only district of the tree; when
 * neither tells, the demand cannot be placed and the unit is required. A district-bound key
 * accepts units of its own district only.
 */
export async function placeDemand(
  knex: Knex,
  unitCode: string | null,
  keyDistrictCode: string | null,
): Promise<DemandPlacement> {
  const refuse = (message: string) => invalidInput([{ field: 'location.unitCode', message }]);
  if (unitCode !== null) {
    const places = await resolveUnitPlaces(knex, unitCode);
    if (!places) throw refuse('No org unit has this code.');
    if (!PLACE_TIERS.includes(places.unit.tier) || !places.districtCode) {
      throw refuse('Must be a grid, village, township or district.');
    }
    if (keyDistrictCode !== null && places.districtCode !== keyDistrictCode) {
      throw refuse("Is not in this channel's district.");
    }
    return {
      locationUnitCode: places.unit.code,
      gridCode: places.gridCode,
      villageCode: places.villageCode,
      townshipCode: places.townshipCode,
      districtCode: places.districtCode,
    };
  }
  const districtCode = keyDistrictCode ?? (await onlyDistrictCode(knex));
  if (!districtCode) throw refuse('Required here: name the unit so the demand has a district.');
  return {
    locationUnitCode: null,
    gridCode: null,
    villageCode: null,
    townshipCode: null,
    districtCode,
  };
}
