import type { DuplicatePolicy } from './duplicate-policy';

export interface Place {
  villageCode: string | null;
  gridCode: string | null;
  lat: number | null;
  lng: number | null;
}

const EARTH_RADIUS_METRES = 6_371_000;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine); ample precision for hundreds of metres. */
export function distanceMetres(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Why two demands stand at the same place (同网格, 同村, 相距约 120 米), by the first rule of
 * the policy that holds; undefined when none does. An unknown place matches nothing.
 */
export function samePlaceReason(a: Place, b: Place, policy: DuplicatePolicy): string | undefined {
  const rules = policy.samePlace;
  if (rules.sameGrid && a.gridCode !== null && a.gridCode === b.gridCode) return '同网格';
  if (rules.sameVillage && a.villageCode !== null && a.villageCode === b.villageCode) {
    return '同村（社区）';
  }
  if (
    rules.withinDistance &&
    a.lat !== null &&
    a.lng !== null &&
    b.lat !== null &&
    b.lng !== null
  ) {
    const metres = distanceMetres({ lat: a.lat, lng: a.lng }, { lat: b.lat, lng: b.lng });
    if (metres <= policy.nearbyMetres) return `相距约 ${Math.round(metres)} 米`;
  }
  return undefined;
}
