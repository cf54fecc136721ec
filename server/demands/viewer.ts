import type { Knex } from 'knex';
import { demandScopeOf, type DemandScope, type StaffUser } from '../auth';

/**
 * A member of staff as the demand views see them: their scope (which demands) and the chain of
 * units they belong to (their own unit and every unit above it), which decides the complainant
 * rule below. Loaded once per request.
 */
export interface Viewer {
  user: StaffUser;
  scope: DemandScope;
  /** The viewer's unit and its ancestors up to the root of the org tree. */
  unitChain: ReadonlySet<string>;
}

export async function loadViewer(knex: Knex, user: StaffUser): Promise<Viewer> {
  const { rows } = await knex.raw<{ rows: { code: string }[] }>(
    `WITH RECURSIVE up AS (
       SELECT code, parent_code, 0 AS depth FROM org_units WHERE code = ?
       UNION ALL
       SELECT o.code, o.parent_code, up.depth + 1
         FROM org_units o JOIN up ON o.code = up.parent_code
        WHERE up.depth < 8
     )
     SELECT code FROM up`,
    [user.unitCode],
  );
  return {
    user,
    scope: demandScopeOf(user),
    unitChain: new Set([user.unitCode, ...rows.map((row) => row.code)]),
  };
}

/**
 * The complainant rule (API.md, DESIGN §6): the citizen who complains about a unit or its staff
 * is never shown to that unit or to the units below it (its villages and grids; for a department,
 * the department itself) — not even masked. True when `viewer` belongs to such a unit.
 */
export function withholdsCitizen(viewer: Viewer, accusedUnitCode: string | null): boolean {
  return accusedUnitCode !== null && viewer.unitChain.has(accusedUnitCode);
}
