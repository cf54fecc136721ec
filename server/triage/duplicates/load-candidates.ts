import type { Knex } from 'knex';
import type { DuplicatePolicy } from './duplicate-policy';
import type { DuplicateCandidate, DuplicateProbe } from './types';

/** The newest this many candidates are compared: a busy village's window, not the district's. */
export const CANDIDATE_LIMIT = 500;

const DAY_MS = 86_400_000;
const METRES_PER_DEGREE_LATITUDE = 111_320;

// Demands that left the system without being handled are nothing to repeat: one diverted to
// 110 or a court, one closed as false or out of scope.
const NOT_REPEATABLE = ['diverted', 'closed_invalid'];

interface CandidateRow {
  id: string | number;
  code: string;
  text: string;
  phone_hash: string | null;
  village_code: string | null;
  grid_code: string | null;
  latitude: string | number | null;
  longitude: string | number | null;
  submitted_at: Date;
  domain: string | null;
  group_id: string | number | null;
  root_id: string | number | null;
  root_code: string | null;
}

const idOf = (value: string | number | null) => (value === null ? null : String(value));
const coordinate = (value: string | number | null) => (value === null ? null : Number(value));

/**
 * The earlier demands of the district that `findDuplicate` may match against the probe, newest
 * first, in one query: submitted within the policy's window before the probe, at a place the
 * policy counts as the same (same grid, same village, or within the square around the probe's
 * coordinates that holds the nearby circle; findDuplicate measures the exact distance), each
 * with the first demand of its duplicate group. None when the probe has no usable place.
 */
export async function loadDuplicateCandidates(
  knex: Knex,
  districtCode: string,
  probe: DuplicateProbe,
  policy: DuplicatePolicy,
  limit = CANDIDATE_LIMIT,
): Promise<DuplicateCandidate[]> {
  const rules = policy.samePlace;
  const places: Array<(query: Knex.QueryBuilder) => void> = [];
  if (rules.sameGrid && probe.gridCode !== null) {
    places.push((q) => q.orWhere('d.grid_code', probe.gridCode));
  }
  if (rules.sameVillage && probe.villageCode !== null) {
    places.push((q) => q.orWhere('d.village_code', probe.villageCode));
  }
  if (rules.withinDistance && probe.lat !== null && probe.lng !== null) {
    const { lat, lng } = probe;
    const dLat = policy.nearbyMetres / METRES_PER_DEGREE_LATITUDE;
    const dLng = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
    places.push((q) =>
      q.orWhere((box) =>
        box
          .whereBetween('d.latitude', [lat - dLat, lat + dLat])
          .whereBetween('d.longitude', [lng - dLng, lng + dLng]),
      ),
    );
  }
  if (places.length === 0) return [];

  const from = new Date(probe.submittedAt.getTime() - policy.windowDays * DAY_MS);
  const rows = await knex('demands as d')
    .leftJoin('duplicate_groups as g', 'g.id', 'd.duplicate_group_id')
    .leftJoin('demands as r', 'r.id', 'g.primary_demand_id')
    .where('d.district_code', districtCode)
    .whereRaw('coalesce(d.submitted_at, d.received_at) >= ?', [from])
    .whereRaw('coalesce(d.submitted_at, d.received_at) < ?', [probe.submittedAt])
    .whereNotIn('d.status', NOT_REPEATABLE)
    .where((q) => places.forEach((place) => place(q)))
    .orderByRaw('coalesce(d.submitted_at, d.received_at) DESC, d.id DESC')
    .limit(limit)
    .select<CandidateRow[]>(
      'd.id',
      'd.code',
      'd.content_normalised as text',
      'd.citizen_phone_hash as phone_hash',
      'd.village_code',
      'd.grid_code',
      'd.latitude',
      'd.longitude',
      knex.raw('coalesce(d.submitted_at, d.received_at) as submitted_at'),
      'd.domain',
      'd.duplicate_group_id as group_id',
      'g.primary_demand_id as root_id',
      'r.code as root_code',
    );
  return rows.map((row) => ({
    id: String(row.id),
    code: row.code,
    text: row.text,
    phoneHash: row.phone_hash,
    villageCode: row.village_code,
    gridCode: row.grid_code,
    lat: coordinate(row.latitude),
    lng: coordinate(row.longitude),
    submittedAt: new Date(row.submitted_at),
    domain: row.domain,
    groupId: idOf(row.group_id),
    rootId: idOf(row.root_id),
    rootCode: row.root_code,
  }));
}
