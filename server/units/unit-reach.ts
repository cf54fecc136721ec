import type { Knex } from 'knex';
import { demandScopeOf, type StaffUser } from '../auth';

/** The org units a caller may read: a subtree under `root` (itself included), or everything. */
export type UnitReach =
  | { kind: 'all' }
  | { kind: 'subtree'; root: string }
  | { kind: 'unit'; code: string }
  | { kind: 'none' };

/**
 * Follows the demand scope (auth/demand-scope.ts), so the units offered are the ones whose
 * demands the caller sees: the district's staff the district and everything under it, a
 * township its villages and grids, a village its grids, a grid itself; a department (or the
 * city) only itself, as it sees assigned demands, not a territory.
 */
export function unitReachOf(user: StaffUser): UnitReach {
  const scope = demandScopeOf(user);
  switch (scope.kind) {
    case 'all':
      return { kind: 'all' };
    case 'district':
      return { kind: 'subtree', root: scope.districtCode };
    case 'township':
      return { kind: 'subtree', root: scope.townshipCode };
    case 'village':
      return { kind: 'subtree', root: scope.villageCode };
    case 'grid':
      return { kind: 'subtree', root: scope.gridCode };
    case 'assigned':
      return { kind: 'unit', code: scope.unitCode };
    case 'none':
      return { kind: 'none' };
  }
}

export interface UnitItem {
  code: string;
  name: string;
  tier: string;
  parentCode: string | null;
}

/** Deep enough for grid → village → township → district → city, with room to spare. */
const MAX_DEPTH = 8;

/** The units within reach, narrowed to a tier and a parent when given, in the tree's order. */
export async function unitsWithin(
  knex: Knex,
  reach: UnitReach,
  filter: { tier?: string; parent?: string },
): Promise<UnitItem[]> {
  if (reach.kind === 'none') return [];
  const query: Knex.QueryBuilder =
    reach.kind === 'subtree'
      ? knex
          .withRecursive('reach', (q) =>
            q
              .select('code', knex.raw('0 AS depth'))
              .from('org_units')
              .where('code', reach.root)
              .unionAll((down) =>
                down
                  .select('o.code', knex.raw('reach.depth + 1'))
                  .from('org_units as o')
                  .join('reach', 'o.parent_code', 'reach.code')
                  .where('reach.depth', '<', MAX_DEPTH),
              ),
          )
          .from('org_units as u')
          .join('reach', 'reach.code', 'u.code')
      : knex.from('org_units as u');
  if (reach.kind === 'unit') query.where('u.code', reach.code);
  if (filter.tier) query.where('u.tier', filter.tier);
  if (filter.parent) query.where('u.parent_code', filter.parent);
  const rows = await query
    .select('u.code', 'u.name', 'u.tier', 'u.parent_code')
    .orderBy([{ column: 'u.sort_order' }, { column: 'u.code' }]);
  return (
    rows as Array<{ code: string; name: string; tier: string; parent_code: string | null }>
  ).map((row) => ({ code: row.code, name: row.name, tier: row.tier, parentCode: row.parent_code }));
}
