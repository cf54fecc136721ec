import type { Knex } from 'knex';
import type { Viewer } from '../demands';
import { HttpProblem, invalidInput, PROBLEM_TYPES } from '../http';
import { resolveUnitPlaces, type UnitPlaces } from '../org';

export const LEDGER_TIERS = ['district', 'township', 'village'] as const;
export type LedgerTier = (typeof LEDGER_TIERS)[number];

/**
 * Which tiers of ledger a scope reaches (DOMAIN "三级台账"): the district its master ledger and
 * every sub- and micro-ledger below; a township its sub-ledger and its villages' micro-ledgers;
 * a village (and its grids) its own micro-ledger; a department the district's master ledger,
 * narrowed to its own demands. Auditors and administrators read every ledger.
 */
const REACH: Record<Viewer['scope']['kind'], readonly LedgerTier[]> = {
  all: LEDGER_TIERS,
  district: LEDGER_TIERS,
  township: ['township', 'village'],
  village: ['village'],
  grid: ['village'],
  assigned: ['district'],
  none: [],
};

export interface LedgerUnit {
  tier: LedgerTier;
  code: string;
  name: string;
}

/** The unit a caller reads the ledger of by default: their own at that tier. */
function defaultUnit(viewer: Viewer, places: UnitPlaces, tier: LedgerTier): string | null {
  if (tier === 'district') return places.districtCode;
  if (tier === 'township') return places.townshipCode;
  return places.villageCode;
}

function mayRead(viewer: Viewer, callerPlaces: UnitPlaces, unit: UnitPlaces): boolean {
  const scope = viewer.scope;
  switch (scope.kind) {
    case 'all':
      return true;
    case 'district':
      return unit.districtCode === scope.districtCode;
    case 'township':
      return unit.townshipCode === scope.townshipCode;
    case 'village':
      return unit.unit.code === scope.villageCode;
    case 'grid':
      return unit.unit.code === callerPlaces.villageCode;
    case 'assigned':
      return unit.unit.code === viewer.user.districtCode;
    case 'none':
      return false;
  }
}

/**
 * The ledger a request names (`/ledgers/{tier}?unit=`), checked in the contract's order: a tier
 * beyond the caller's reach is 403; an unknown unit, or one outside the caller's scope, is 404
 * (a ledger's existence is not revealed); a unit of another tier is 400.
 */
export async function resolveLedgerUnit(
  knex: Knex,
  viewer: Viewer,
  tier: LedgerTier,
  requested: string | undefined,
): Promise<LedgerUnit> {
  if (!REACH[viewer.scope.kind].includes(tier)) {
    throw new HttpProblem({
      status: 403,
      type: PROBLEM_TYPES.forbidden,
      detail: `Your unit does not keep or oversee ${tier} ledgers.`,
    });
  }
  const callerPlaces = await resolveUnitPlaces(knex, viewer.user.unitCode);
  const code =
    requested ??
    (callerPlaces && viewer.scope.kind !== 'all' ? defaultUnit(viewer, callerPlaces, tier) : null);
  if (!code)
    throw invalidInput([
      { field: 'unit', message: `The code of the ${tier} whose ledger to read.` },
    ]);
  const unit = await resolveUnitPlaces(knex, code);
  if (!unit || !callerPlaces || !mayRead(viewer, callerPlaces, unit)) {
    throw new HttpProblem({ status: 404, detail: 'There is no such ledger.' });
  }
  if (unit.unit.tier !== tier) {
    throw invalidInput([
      { field: 'unit', message: `Not a ${tier}: the unit is a ${unit.unit.tier}.` },
    ]);
  }
  return { tier, code: unit.unit.code, name: unit.unit.name };
}
