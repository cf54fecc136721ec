import type { Knex } from 'knex';
import type { StaffUser } from './staff-user';

/**
 * Which demands a member of staff may see (DESIGN §6), decided once from their role and unit:
 *
 * | who | sees |
 * | --- | --- |
 * | `auditor` | every demand, read-only (every action answers 403) |
 * | `admin` | every demand, read-only: administers accounts, org tree and processes, not cases |
 * | `process_owner` | their district's demands, read-only: to see how the processes run |
 * | staff of a department (`department_staff`, or any role at a department unit) and of the city | demands assigned to that unit, lead or co-unit, now or before |
 * | staff at a district unit (`dispatcher`, `supervisor`, `principal_leader`, `discipline_inspector`, `intake_clerk`, …) | every demand of that district |
 * | staff at a township unit | the township's demands: its villages' and its own |
 * | staff at a village unit | the village's demands, its grids' included |
 * | staff at a grid unit | the grid's demands |
 *
 * Reads outside the scope answer 404 (a record's existence is not revealed), actions 403.
 * The complainant of a complaint against a unit stays hidden from that unit even in scope:
 * that is a rule of the views, not of the scope.
 */
export type DemandScope = { readOnly: boolean } & (
  | { kind: 'all' }
  | { kind: 'district'; districtCode: string }
  | { kind: 'township'; townshipCode: string }
  | { kind: 'village'; villageCode: string }
  | { kind: 'grid'; gridCode: string }
  | { kind: 'assigned'; unitCode: string }
  | { kind: 'none' }
);

/** Where a demand stands, as far as scopes are concerned (columns of `demands`, assignments). */
export interface DemandPlacement {
  districtCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
  gridCode: string | null;
  /** Units the demand is or was assigned to (lead and co-units) and its responsible unit. */
  assignedUnitCodes: readonly string[];
}

const READ_ONLY_ROLES = new Set(['auditor', 'admin', 'process_owner']);

export function demandScopeOf(user: StaffUser): DemandScope {
  const readOnly = READ_ONLY_ROLES.has(user.role);
  if (user.role === 'auditor' || user.role === 'admin') return { kind: 'all', readOnly: true };
  if (user.role === 'process_owner') {
    return user.districtCode
      ? { kind: 'district', districtCode: user.districtCode, readOnly }
      : { kind: 'none', readOnly: true };
  }
  if (user.role === 'department_staff') {
    return { kind: 'assigned', unitCode: user.unitCode, readOnly };
  }
  switch (user.unitTier) {
    case 'district':
      return { kind: 'district', districtCode: user.unitCode, readOnly };
    case 'township':
      return { kind: 'township', townshipCode: user.unitCode, readOnly };
    case 'village':
      return { kind: 'village', villageCode: user.unitCode, readOnly };
    case 'grid':
      return { kind: 'grid', gridCode: user.unitCode, readOnly };
    case 'department':
    case 'city':
      return { kind: 'assigned', unitCode: user.unitCode, readOnly };
    default:
      return { kind: 'none', readOnly: true };
  }
}

/**
 * Narrows a query over `demands` (as `alias`) to the scope. Every list, count and export of
 * demands goes through this, so `total` counts only what the caller may see.
 */
export function restrictToScope<Q extends Knex.QueryBuilder>(
  query: Q,
  scope: DemandScope,
  alias = 'demands',
): Q {
  const column = (name: string) => `${alias}.${name}`;
  switch (scope.kind) {
    case 'all':
      return query;
    case 'district':
      return query.where(column('district_code'), scope.districtCode) as Q;
    case 'township':
      return query.where(column('township_code'), scope.townshipCode) as Q;
    case 'village':
      return query.where(column('village_code'), scope.villageCode) as Q;
    case 'grid':
      return query.where(column('grid_code'), scope.gridCode) as Q;
    case 'assigned':
      return query.where((inner) =>
        inner.where(column('responsible_unit_code'), scope.unitCode).orWhereExists((sub) =>
          sub
            .select('scope_a.id')
            .from('assignments as scope_a')
            .whereRaw('scope_a.demand_id = ??', [column('id')])
            .where('scope_a.unit_code', scope.unitCode),
        ),
      ) as Q;
    case 'none':
      return query.whereRaw('false') as Q;
  }
}

/** The same rule for one demand already loaded. */
export function isInScope(scope: DemandScope, demand: DemandPlacement): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'district':
      return demand.districtCode === scope.districtCode;
    case 'township':
      return demand.townshipCode === scope.townshipCode;
    case 'village':
      return demand.villageCode === scope.villageCode;
    case 'grid':
      return demand.gridCode === scope.gridCode;
    case 'assigned':
      return demand.assignedUnitCodes.includes(scope.unitCode);
    case 'none':
      return false;
  }
}
