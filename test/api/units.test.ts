/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import request from 'supertest';
import { useTestDatabase } from '../support/database';
import {
  DISTRICT,
  demo,
  importDemoDistrict,
  loggedIn,
  makeApp,
  staffAccount,
  type TestApp,
} from './helpers';
import { DEPARTMENT, GRID_A1, TOWNSHIP_A, TOWNSHIP_B, VILLAGE_A1 } from './staff-fixtures';

type Agent = Awaited<ReturnType<typeof loggedIn>>;

const codes = (body: any): string[] => body.items.map((u: any) => u.code).sort();
const sorted = (list: Array<{ code: string }>) => list.map((u) => u.code).sort();

/** GET /api/units: the org units a member of staff may pick, as far as their scope reaches. */
describe('GET /api/units', () => {
  const db = useTestDatabase();
  let t: TestApp;
  const as: Record<string, Agent> = {};

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    t = makeApp(db.knex);
    const accounts: Record<string, [string, string]> = {
      dispatcher: ['dispatcher', DISTRICT],
      township: ['township_staff', TOWNSHIP_A.code],
      village: ['village_staff', VILLAGE_A1.code],
      department: ['department_staff', DEPARTMENT('housing').code],
      auditor: ['auditor', DISTRICT],
    };
    for (const [name, [role, unit]] of Object.entries(accounts)) {
      as[name] = await loggedIn(t.app, await staffAccount(db.knex, role, unit));
    }
  });

  it('asks for a session', async () => {
    const res = await request(t.app).get('/api/units?tier=village');
    expect(res.status).toBe(401);
    expect(res.type).toBe('application/problem+json');
  });

  it('gives a village itself and its grids', async () => {
    const res = await as.village!.agent.get('/api/units');
    expect(res.status).toBe(200);
    expect(codes(res.body)).toEqual([VILLAGE_A1.code, ...sorted(VILLAGE_A1.grids!)].sort());
    expect(res.body.items).toContainEqual({
      code: GRID_A1.code,
      name: GRID_A1.name,
      tier: 'grid',
      parentCode: VILLAGE_A1.code,
    });
    const townships = await as.village!.agent.get('/api/units?tier=township');
    expect(townships.body.items).toEqual([]);
  });

  it('gives a township itself and its villages, never another township’s', async () => {
    const own = await as.township!.agent.get('/api/units?tier=township');
    expect(own.body.items).toEqual([
      { code: TOWNSHIP_A.code, name: TOWNSHIP_A.name, tier: 'township', parentCode: DISTRICT },
    ]);
    const villages = await as.township!.agent.get('/api/units?tier=village');
    expect(codes(villages.body)).toEqual(sorted(TOWNSHIP_A.children!));
    const other = await as.township!.agent.get(`/api/units?tier=village&parent=${TOWNSHIP_B.code}`);
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
  });

  it('gives the district’s staff the whole district, by tier and parent', async () => {
    const district = await as.dispatcher!.agent.get('/api/units?tier=district');
    expect(district.body.items).toEqual([
      { code: DISTRICT, name: demo.name, tier: 'district', parentCode: null },
    ]);
    const townships = await as.dispatcher!.agent.get('/api/units?tier=township');
    expect(codes(townships.body)).toEqual(sorted(demo.children!));
    const departments = await as.dispatcher!.agent.get('/api/units?tier=department');
    expect(codes(departments.body)).toEqual(sorted(demo.departments!));
    const villagesOfB = await as.dispatcher!.agent.get(
      `/api/units?tier=village&parent=${TOWNSHIP_B.code}`,
    );
    expect(codes(villagesOfB.body)).toEqual(sorted(TOWNSHIP_B.children!));
    expect(villagesOfB.body.items.every((u: any) => u.parentCode === TOWNSHIP_B.code)).toBe(true);
    const auditor = await as.auditor!.agent.get('/api/units?tier=township');
    expect(codes(auditor.body)).toEqual(sorted(demo.children!));
  });

  it('gives a department only itself', async () => {
    const res = await as.department!.agent.get('/api/units');
    expect(codes(res.body)).toEqual([DEPARTMENT('housing').code]);
  });

  it('refuses an unknown tier with 400 naming it', async () => {
    const res = await as.dispatcher!.agent.get('/api/units?tier=county');
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([{ field: 'tier', message: expect.any(String) }]);
  });
});
