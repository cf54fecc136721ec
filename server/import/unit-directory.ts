import type { Knex } from 'knex';

interface PlaceUnit {
  code: string;
  name: string;
  tier: 'district' | 'township' | 'village' | 'grid';
  parent: string | null;
}

export type UnitLookup =
  | { ok: true; code: string | null }
  | {
      ok: false;
      problem: 'unknown' | 'ambiguous';
      tier: 'township' | 'village' | 'grid';
      value: string;
    };

/** The unit columns of a row as written: a name (金山苑社区) or a code (511999001002) each. */
export interface UnitCells {
  township: string;
  village: string;
  grid: string;
}

const compact = (text: string) => text.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/**
 * The places of the org tree (district, townships, villages, grids), loaded once per import so
 * that a file of thousands of rows names its villages without a query per row. Clerks write
 * names; a name is looked for under the unit named before it (a grid under its village, a
 * village under its township) and within the import's district, so "第一网格" is found only
 * with its village.
 */
export async function loadUnitDirectory(knex: Knex, districtCode: string | null) {
  const rows = await knex('org_units')
    .whereIn('tier', ['district', 'township', 'village', 'grid'])
    .select<
      Array<{ code: string; name: string; tier: PlaceUnit['tier']; parent_code: string | null }>
    >('code', 'name', 'tier', 'parent_code');
  const units = new Map<string, PlaceUnit>(
    rows.map((row) => [
      row.code,
      { code: row.code, name: compact(row.name), tier: row.tier, parent: row.parent_code },
    ]),
  );
  const byName = new Map<string, PlaceUnit[]>();
  for (const unit of units.values()) {
    const list = byName.get(unit.name) ?? [];
    list.push(unit);
    byName.set(unit.name, list);
  }

  const isUnder = (unit: PlaceUnit, ancestor: string): boolean => {
    for (
      let at: PlaceUnit | undefined = unit;
      at;
      at = at.parent ? units.get(at.parent) : undefined
    ) {
      if (at.code === ancestor) return true;
    }
    return false;
  };

  function find(
    tier: 'township' | 'village' | 'grid',
    value: string,
    within: string | null,
  ): UnitLookup {
    const byCode = units.get(value.trim());
    if (byCode) return { ok: true, code: byCode.code };
    const candidates = (byName.get(compact(value)) ?? []).filter(
      (unit) =>
        unit.tier === tier &&
        (within === null || isUnder(unit, within)) &&
        (districtCode === null || isUnder(unit, districtCode)),
    );
    if (candidates.length === 1) return { ok: true, code: candidates[0]!.code };
    return { ok: false, problem: candidates.length === 0 ? 'unknown' : 'ambiguous', tier, value };
  }

  /** The most precise unit the cells name (grid, else village, else township), or null for none. */
  function resolve(cells: UnitCells): UnitLookup {
    let within: string | null = null;
    for (const tier of ['township', 'village', 'grid'] as const) {
      const value = cells[tier];
      if (value === '') continue;
      const found = find(tier, value, within);
      if (!found.ok) return found;
      within = found.code;
    }
    return { ok: true, code: within };
  }

  return { resolve };
}

export type UnitDirectory = Awaited<ReturnType<typeof loadUnitDirectory>>;
