import type { Knex } from 'knex';
import {
  candidateGroupOf,
  demandScopeOf,
  isInScope,
  loadStaffUser,
  restrictToScope,
} from '../../server/auth';
import { importOrgTree } from '../../server/org';
import { useTestDatabase } from '../support/database';
import {
  DISTRICT,
  GRID,
  HOUSING_DEPARTMENT,
  TOWNSHIP,
  VILLAGE,
  demo,
  importDemoDistrict,
  staffAccount,
} from './helpers';

const OTHER_VILLAGE = TOWNSHIP.children!.find((v) => v.code !== VILLAGE.code)!;
const OTHER_TOWNSHIP = demo.children![1]!;
const FAR_VILLAGE = OTHER_TOWNSHIP.children![0]!;

interface Place {
  district: string;
  township?: string;
  village?: string;
  grid?: string;
  responsible?: string;
  assignedTo?: string;
}

/** The demands of the test, by name, and where each stands. */
const PLACES: Record<string, Place> = {
  inGrid: { district: DISTRICT, township: TOWNSHIP.code, village: VILLAGE.code, grid: GRID.code },
  inVillage: { district: DISTRICT, township: TOWNSHIP.code, village: VILLAGE.code },
  inOtherVillage: { district: DISTRICT, township: TOWNSHIP.code, village: OTHER_VILLAGE.code },
  atTownship: { district: DISTRICT, township: TOWNSHIP.code },
  inFarVillage: { district: DISTRICT, township: OTHER_TOWNSHIP.code, village: FAR_VILLAGE.code },
  assignedToHousing: { district: DISTRICT, assignedTo: HOUSING_DEPARTMENT.code },
  housingLeads: {
    district: DISTRICT,
    village: FAR_VILLAGE.code,
    responsible: HOUSING_DEPARTMENT.code,
  },
  otherDistrict: { district: '519999' },
};
const IN_DISTRICT = Object.keys(PLACES).filter((name) => name !== 'otherDistrict');

async function insertDemand(knex: Knex, name: string, place: Place): Promise<void> {
  const [row] = await knex('demands')
    .insert({
      code: `scope-${name}`,
      channel: 'hotline_12345',
      content_original: name,
      content_normalised: name,
      district_code: place.district,
      township_code: place.township ?? null,
      village_code: place.village ?? null,
      grid_code: place.grid ?? null,
      responsible_unit_code: place.responsible ?? null,
    })
    .returning<{ id: string }[]>('id');
  if (place.assignedTo) {
    await knex('assignments').insert({
      demand_id: row!.id,
      unit_code: place.assignedTo,
      role: 'co',
      tier: 'district',
    });
  }
}

describe('demand scope: which demands a member of staff may see', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    await importOrgTree(db.knex, { code: '519999', name: '另一区', tier: 'district' });
    for (const [name, place] of Object.entries(PLACES)) await insertDemand(db.knex, name, place);
  });

  async function visibleTo(role: string, unitCode: string) {
    const { id } = await staffAccount(db.knex, role, unitCode);
    const user = (await loadStaffUser(db.knex, id))!;
    const scope = demandScopeOf(user);
    const listed = await restrictToScope(db.knex('demands').select('demands.code'), scope);
    const names = listed.map((row: { code: string }) => row.code.replace('scope-', '')).sort();
    // The one-record check agrees with the list.
    for (const [name, place] of Object.entries(PLACES)) {
      const one = isInScope(scope, {
        districtCode: place.district,
        townshipCode: place.township ?? null,
        villageCode: place.village ?? null,
        gridCode: place.grid ?? null,
        assignedUnitCodes: [place.responsible, place.assignedTo].filter((c): c is string => !!c),
      });
      expect({ name, visible: one }).toEqual({ name, visible: names.includes(name) });
    }
    return { names, readOnly: scope.readOnly, user };
  }

  it('a village sees its own demands, its grids’ included; a grid only its own', async () => {
    expect((await visibleTo('village_staff', VILLAGE.code)).names).toEqual(['inGrid', 'inVillage']);
    expect((await visibleTo('village_staff', GRID.code)).names).toEqual(['inGrid']);
  });

  it('a township sees its villages and itself', async () => {
    expect((await visibleTo('township_staff', TOWNSHIP.code)).names).toEqual(
      ['atTownship', 'inGrid', 'inOtherVillage', 'inVillage'].sort(),
    );
  });

  it('a department sees what is or was assigned to it, and what it leads', async () => {
    expect((await visibleTo('department_staff', HOUSING_DEPARTMENT.code)).names).toEqual([
      'assignedToHousing',
      'housingLeads',
    ]);
  });

  it.each(['dispatcher', 'supervisor', 'principal_leader', 'discipline_inspector', 'intake_clerk'])(
    '%s at the district sees the district, and may act',
    async (role) => {
      const seen = await visibleTo(role, DISTRICT);
      expect(seen.names).toEqual([...IN_DISTRICT].sort());
      expect(seen.readOnly).toBe(false);
    },
  );

  it('auditors and admins see everything, read-only; process owners their district, read-only', async () => {
    const everything = Object.keys(PLACES).sort();
    const auditor = await visibleTo('auditor', DISTRICT);
    expect(auditor).toEqual(expect.objectContaining({ names: everything, readOnly: true }));
    const admin = await visibleTo('admin', DISTRICT);
    expect(admin).toEqual(expect.objectContaining({ names: everything, readOnly: true }));
    const owner = await visibleTo('process_owner', DISTRICT);
    expect(owner).toEqual(
      expect.objectContaining({ names: [...IN_DISTRICT].sort(), readOnly: true }),
    );
  });

  it('describes the user with unit, district and tier, and names their candidate group', async () => {
    const { user } = await visibleTo('village_staff', GRID.code);
    expect(user).toEqual({
      id: expect.any(String),
      username: expect.any(String),
      displayName: expect.any(String),
      role: 'village_staff',
      unitCode: GRID.code,
      unitName: GRID.name,
      districtCode: DISTRICT,
      unitTier: 'grid',
    });
    expect(candidateGroupOf(user)).toBe(`village_staff:${GRID.code}`);
  });
});
