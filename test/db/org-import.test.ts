import type { Knex } from 'knex';
import { generateDemoDistrict, type OrgTreeFile } from '../../domain/org';
import { importOrgTree, OrgImportError } from '../../server/org';
import { useTestDatabase } from '../support/database';

function smallDistrict(): OrgTreeFile {
  return {
    code: '511999',
    name: '示范区',
    tier: 'district',
    children: [
      {
        code: '511999001',
        name: '东城街道',
        tier: 'township',
        kind: 'street',
        children: [
          {
            code: '511999001001',
            name: '荧屏社区',
            tier: 'village',
            kind: 'community',
            grids: [
              { code: '511999001001-01', name: '第一网格' },
              { code: '511999001001-02', name: '第二网格' },
            ],
          },
        ],
      },
      { code: '511999101', name: '青山镇', tier: 'township', kind: 'township' },
    ],
    departments: [
      { code: '511999-ZJ', name: '区住房和城乡建设局', domains: ['housing', 'land'] },
      { code: '511999-JT', name: '区交通运输局', domains: ['transport'] },
    ],
    city: { code: '511900', name: '市级部门' },
  };
}

const UNITS_IN_SMALL_DISTRICT = 9;

async function units(knex: Knex) {
  return knex('org_units')
    .select('code', 'name', 'tier', 'kind', 'parent_code', 'sort_order', 'updated_at')
    .orderBy('code');
}

async function domains(knex: Knex) {
  return knex('department_domains').select('unit_code', 'domain').orderBy(['unit_code', 'domain']);
}

async function rowCounts(knex: Knex) {
  const count = async (table: string) =>
    Number((await knex(table).count<{ count: string }[]>('* as count'))[0]?.count);
  return { units: await count('org_units'), domains: await count('department_domains') };
}

describe('importOrgTree: a good file', () => {
  const db = useTestDatabase();

  it('writes every unit with its parent, kind, position and domains', async () => {
    const counts = await importOrgTree(db.knex, smallDistrict());
    expect(counts).toEqual({
      created: UNITS_IN_SMALL_DISTRICT,
      updated: 0,
      unchanged: 0,
      notInFile: 0,
    });
    const byCode = Object.fromEntries(
      (await units(db.knex)).map((u) => [u.code, [u.tier, u.kind, u.parent_code, u.sort_order]]),
    );
    expect(byCode).toEqual({
      '511999': ['district', null, null, 0],
      '511900': ['city', null, null, 0],
      '511999-ZJ': ['department', null, '511999', 0],
      '511999-JT': ['department', null, '511999', 1],
      '511999001': ['township', 'street', '511999', 0],
      '511999101': ['township', 'township', '511999', 1],
      '511999001001': ['village', 'community', '511999001', 0],
      '511999001001-01': ['grid', null, '511999001001', 0],
      '511999001001-02': ['grid', null, '511999001001', 1],
    });
    expect(await domains(db.knex)).toEqual([
      { unit_code: '511999-JT', domain: 'transport' },
      { unit_code: '511999-ZJ', domain: 'housing' },
      { unit_code: '511999-ZJ', domain: 'land' },
    ]);
  });

  it('is idempotent: the same file again changes nothing, not even updated_at', async () => {
    const before = await units(db.knex);
    const counts = await importOrgTree(db.knex, smallDistrict());
    expect(counts).toEqual({
      created: 0,
      updated: 0,
      unchanged: UNITS_IN_SMALL_DISTRICT,
      notInFile: 0,
    });
    expect(await units(db.knex)).toEqual(before);
  });

  it('updates changed units and domains and keeps units missing from the file', async () => {
    const file = smallDistrict();
    file.children![0]!.name = '东城街道办事处';
    file.departments![1]!.domains = ['transport', 'roads'];
    file.children!.pop(); // 青山镇 leaves the file but stays in the database
    const counts = await importOrgTree(db.knex, file);
    expect(counts).toEqual({
      created: 0,
      updated: 2,
      unchanged: UNITS_IN_SMALL_DISTRICT - 3,
      notInFile: 1,
    });
    const rows = await db.knex('org_units').whereIn('code', ['511999001', '511999101']);
    expect(rows.map((r) => r.name).sort()).toEqual(['东城街道办事处', '青山镇']);
    expect(await domains(db.knex)).toContainEqual({ unit_code: '511999-JT', domain: 'roads' });
  });

  it('moves a village to another township', async () => {
    const file = smallDistrict();
    const village = file.children![0]!.children!.pop()!;
    file.children![1]!.children = [village];
    const counts = await importOrgTree(db.knex, file);
    expect(counts.updated).toBeGreaterThanOrEqual(1);
    const row = await db.knex('org_units').where({ code: '511999001001' }).first();
    expect(row.parent_code).toBe('511999101');
  });
});

describe('importOrgTree: a bad file', () => {
  const db = useTestDatabase();

  beforeAll(async () => {
    await importOrgTree(db.knex, smallDistrict());
  });

  it('throws OrgImportError with the path and writes nothing', async () => {
    const file = smallDistrict() as unknown as Record<string, unknown> & OrgTreeFile;
    file.name = '示范区（新）';
    (file.children![0] as unknown as Record<string, unknown>).chidren = [];
    const before = await units(db.knex);
    const error = await importOrgTree(db.knex, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrgImportError);
    expect((error as OrgImportError).errors).toEqual([
      { path: '$.children[0].chidren', message: expect.stringContaining('"children"') },
    ]);
    expect((error as Error).message).toContain('$.children[0].chidren');
    expect(await units(db.knex)).toEqual(before);
  });

  it('writes nothing when the bad node is deep in the tree after many good ones', async () => {
    const file = generateDemoDistrict();
    const lastTownship = file.children!.at(-1)!;
    const lastVillage = lastTownship.children!.at(-1)!;
    lastVillage.grids!.at(-1)!.code = '第九网格';
    const before = await rowCounts(db.knex);
    const error = (await importOrgTree(db.knex, file).catch((e: unknown) => e)) as OrgImportError;
    expect(error).toBeInstanceOf(OrgImportError);
    expect(error.errors.map((e) => e.path)).toEqual([
      `$.children[21].children[${lastTownship.children!.length - 1}]` +
        `.grids[${lastVillage.grids!.length - 1}].code`,
    ]);
    expect(await rowCounts(db.knex)).toEqual(before);
  });

  it('rolls back every unit when the database fails part-way through', async () => {
    // A real trigger, not a mock: the database refuses one grid near the end of the tree,
    // after hundreds of rows were already written in the same transaction.
    const file = generateDemoDistrict();
    const victim = file.children!.at(-1)!.children!.at(-1)!.grids!.at(-1)!.code;
    await db.knex.raw(`
      CREATE FUNCTION refuse_victim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.code = '${victim}' THEN RAISE EXCEPTION 'refused %', NEW.code; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_victim BEFORE INSERT ON org_units
        FOR EACH ROW EXECUTE FUNCTION refuse_victim();`);
    try {
      const before = await rowCounts(db.knex);
      await expect(importOrgTree(db.knex, file)).rejects.toThrow(`refused ${victim}`);
      expect(await rowCounts(db.knex)).toEqual(before);
    } finally {
      await db.knex.raw(`DROP TRIGGER refuse_victim ON org_units; DROP FUNCTION refuse_victim();`);
    }
    // Without the trigger the same file goes in whole.
    const counts = await importOrgTree(db.knex, file);
    expect(counts.created + counts.updated + counts.unchanged).toBeGreaterThan(1000);
  });
});
