import crypto from 'node:crypto';
import { DOMAINS } from '../../domain/demand';
import {
  DEMO_DISTRICT_CODE,
  demoUsers,
  generateDemoDistrict,
  mulberry32,
  parseOrgTree,
} from '../../domain/org';

const tree = generateDemoDistrict();
const townships = tree.children ?? [];
const villages = townships.flatMap((t) => t.children ?? []);

describe('demo district', () => {
  it('is 示范区 511999 with the city level 511900', () => {
    expect(tree).toMatchObject({ code: '511999', name: '示范区', tier: 'district' });
    expect(tree.city).toEqual({ code: '511900', name: '市级部门' });
  });

  it('passes the validator, also after a round trip through JSON', () => {
    const result = parseOrgTree(JSON.parse(JSON.stringify(tree)));
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
    expect(result.tree).toEqual(tree);
  });

  it('has exactly 22 townships/streets, mixing 街道, 镇 and 乡', () => {
    expect(townships).toHaveLength(22);
    const suffixes = townships.map((t) => t.name.match(/(街道|镇|乡)$/)?.[1]);
    expect(new Set(suffixes)).toEqual(new Set(['街道', '镇', '乡']));
    for (const township of townships) {
      expect(township.kind).toBe(township.name.endsWith('街道') ? 'street' : 'township');
      expect(township.code).toMatch(new RegExp(`^${DEMO_DISTRICT_CODE}\\d{3}$`));
    }
    expect(new Set(townships.map((t) => t.name)).size).toBe(22);
  });

  it('has exactly 296 villages/communities: 社区 under streets, 村 under towns', () => {
    expect(villages).toHaveLength(296);
    for (const township of townships) {
      expect((township.children ?? []).length).toBeGreaterThan(0);
      for (const village of township.children ?? []) {
        if (township.kind === 'street') {
          expect(village).toMatchObject({
            kind: 'community',
            name: expect.stringMatching(/社区$/),
          });
        } else {
          expect(village).toMatchObject({ kind: 'village', name: expect.stringMatching(/村$/) });
        }
        expect(village.code.startsWith(township.code)).toBe(true);
      }
    }
    // Names are unique across the district, so a name alone identifies a village in a report.
    expect(new Set(villages.map((v) => v.name)).size).toBe(296);
  });

  it('gives every village 2 to 4 grids, and all three sizes occur', () => {
    const sizes = villages.map((v) => (v.grids ?? []).length);
    expect(Math.min(...sizes)).toBe(2);
    expect(Math.max(...sizes)).toBe(4);
    expect(new Set(sizes)).toEqual(new Set([2, 3, 4]));
    expect(villages[0]?.grids?.[0]?.name).toBe('第一网格');
  });

  it('has the district departments, each domain owned by exactly one of them', () => {
    const departments = tree.departments ?? [];
    const owners = new Map<string, string[]>();
    for (const d of departments)
      for (const domain of d.domains) owners.set(domain, [...(owners.get(domain) ?? []), d.name]);
    // Every domain of the contract but `other` is routed to exactly one department.
    for (const domain of DOMAINS.filter((d) => d !== 'other')) {
      expect([domain, owners.get(domain)?.length]).toEqual([domain, 1]);
    }
    expect([...owners.keys()].every((d) => (DOMAINS as readonly string[]).includes(d))).toBe(true);
    expect(owners.get('urban_management')).toEqual(['区城市管理局']);
    expect(owners.get('conduct')).toEqual(['区纪委监委']);
  });

  it('is the same on every call', () => {
    expect(generateDemoDistrict()).toEqual(generateDemoDistrict());
    const digest = crypto
      .createHash('sha256')
      .update(JSON.stringify(generateDemoDistrict()))
      .digest('hex');
    // Changes only when the generator changes on purpose; then update this value.
    expect(digest).toBe('40e2892207d3787dafebb3155fddedb05123c13e510018721603a0f773a2824c');
  });
});

describe('demo users', () => {
  const users = demoUsers(tree);

  it('has one user per role at the expected unit', () => {
    const byUsername = Object.fromEntries(users.map((u) => [u.username, [u.role, u.unitCode]]));
    expect(byUsername).toEqual({
      'demo-intake': ['intake_clerk', '511999'],
      'demo-village': ['village_staff', villages[0]?.code],
      'demo-township': ['township_staff', townships[0]?.code],
      'demo-department': ['department_staff', '511999-ZJ'],
      'demo-dispatcher': ['dispatcher', '511999'],
      'demo-supervisor': ['supervisor', '511999'],
      'demo-leader': ['principal_leader', '511999'],
      'demo-discipline': ['discipline_inspector', '511999'],
      'demo-auditor': ['auditor', '511999'],
      'demo-process': ['process_owner', '511999'],
      'demo-admin': ['admin', '511999'],
    });
    for (const user of users) expect(user.displayName).toMatch(/[\u4e00-\u9fff]/);
  });

  it('is deterministic', () => {
    expect(demoUsers(generateDemoDistrict())).toEqual(users);
  });

  it('refuses a tree that lacks a unit for a role', () => {
    expect(() => demoUsers({ code: '1', name: '区', tier: 'district' })).toThrow(/village_staff/);
  });
});

describe('mulberry32', () => {
  it('repeats its sequence for the same seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(values[0]);
  });
});
