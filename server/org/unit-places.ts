import type { Knex } from 'knex';

/** Where a unit stands in the org tree: itself and each enclosing level that exists. */
export interface UnitPlaces {
  unit: { code: string; name: string; tier: string };
  gridCode: string | null;
  villageCode: string | null;
  townshipCode: string | null;
  /** The district above (or equal to) the unit; null for the city, which stands outside. */
  districtCode: string | null;
}

interface Row {
  code: string;
  name: string;
  tier: string;
}

/**
 * The unit `code` and its ancestors (grid → village → township → district; a department's
 * district is its parent), or undefined when no such unit exists. Resolved once, when a demand
 * or a session starts, so scopes and routing can use plain equality on the stored codes.
 */
export async function resolveUnitPlaces(
  knex: Knex | Knex.Transaction,
  code: string,
): Promise<UnitPlaces | undefined> {
  const { rows } = await knex.raw<{ rows: Row[] }>(
    `WITH RECURSIVE up AS (
       SELECT code, name, tier, parent_code, 0 AS depth FROM org_units WHERE code = ?
       UNION ALL
       SELECT o.code, o.name, o.tier, o.parent_code, up.depth + 1
         FROM org_units o JOIN up ON o.code = up.parent_code
        WHERE up.depth < 8
     )
     SELECT code, name, tier FROM up ORDER BY depth`,
    [code],
  );
  const [unit] = rows;
  if (!unit) return undefined;
  const first = (tier: string) => rows.find((row) => row.tier === tier)?.code ?? null;
  return {
    unit: { code: unit.code, name: unit.name, tier: unit.tier },
    gridCode: first('grid'),
    villageCode: first('village'),
    townshipCode: first('township'),
    districtCode: first('district'),
  };
}

/** The district when the org tree holds exactly one (a single-district installation). */
export async function onlyDistrictCode(knex: Knex | Knex.Transaction): Promise<string | null> {
  const rows = await knex<Row>('org_units').where({ tier: 'district' }).limit(2).select('code');
  return rows.length === 1 ? (rows[0]?.code ?? null) : null;
}
