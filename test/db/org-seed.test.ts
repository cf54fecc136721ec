import type { Knex } from 'knex';
import { importOrgTree, seedDemoIfEmpty, type DemoLogin } from '../../server/org';
import { verifyPassword } from '../../server/auth/password';
import { useTestDatabase } from '../support/database';

async function unitsByTier(knex: Knex): Promise<Record<string, number>> {
  const { rows } = await knex.raw<{ rows: { tier: string; n: number }[] }>(
    'SELECT tier, count(*)::int AS n FROM org_units GROUP BY tier',
  );
  return Object.fromEntries(rows.map((r) => [r.tier, r.n]));
}

describe('seedDemoIfEmpty on an empty database', () => {
  const db = useTestDatabase();
  const messages: string[] = [];
  const log = (message: string) => messages.push(message);
  let logins: DemoLogin[] | undefined;

  it('creates the demo district, one user per role (11), and returns their logins', async () => {
    logins = await seedDemoIfEmpty(db.knex, { log });
    expect(logins).toHaveLength(11);

    const tiers = await unitsByTier(db.knex);
    expect(tiers).toMatchObject({ district: 1, township: 22, village: 296, department: 14 });
    expect(tiers.city).toBe(1);
    expect(tiers.grid).toBeGreaterThanOrEqual(2 * 296);
    expect(tiers.grid).toBeLessThanOrEqual(4 * 296);

    const { rows: users } = await db.knex.raw<{
      rows: { username: string; role_code: string; unit_code: string; tier: string }[];
    }>(`SELECT u.username, r.role_code, u.unit_code, o.tier
          FROM users u JOIN user_roles r ON r.user_id = u.id JOIN org_units o ON o.code = u.unit_code
         ORDER BY u.username`);
    expect(users.map((u) => [u.username, u.role_code, u.tier])).toEqual([
      ['demo-admin', 'admin', 'district'],
      ['demo-auditor', 'auditor', 'district'],
      ['demo-department', 'department_staff', 'department'],
      ['demo-discipline', 'discipline_inspector', 'district'],
      ['demo-dispatcher', 'dispatcher', 'district'],
      ['demo-intake', 'intake_clerk', 'district'],
      ['demo-leader', 'principal_leader', 'district'],
      ['demo-process', 'process_owner', 'district'],
      ['demo-supervisor', 'supervisor', 'district'],
      ['demo-township', 'township_staff', 'township'],
      ['demo-village', 'village_staff', 'village'],
    ]);
    expect(logins).toContainEqual(
      expect.objectContaining({ username: 'demo-department', unitName: '区住房和城乡建设局' }),
    );
    // The code beside the name, as API requests name the unit.
    const village = users.find((u) => u.username === 'demo-village');
    expect(logins).toContainEqual(
      expect.objectContaining({ username: 'demo-village', unitCode: village?.unit_code }),
    );
  });

  it('gives each user a distinct random password that verifies, and never logs it', async () => {
    expect(logins).toBeDefined();
    expect(new Set(logins!.map((l) => l.password)).size).toBe(11);
    for (const login of logins!) {
      expect(login.password.length).toBeGreaterThanOrEqual(12);
      const { password_hash } = await db
        .knex('users')
        .where({ username: login.username })
        .first('password_hash');
      expect(password_hash).toMatch(/^scrypt\$/);
      await expect(verifyPassword(login.password, password_hash)).resolves.toBe(true);
      await expect(verifyPassword(`${login.password}x`, password_hash)).resolves.toBe(false);
      for (const message of messages) expect(message).not.toContain(login.password);
    }
    expect(messages.join('\n')).toMatch(/22.*296/);
  });

  it('does nothing the second time', async () => {
    const before = await unitsByTier(db.knex);
    await expect(seedDemoIfEmpty(db.knex, { log })).resolves.toBeUndefined();
    expect(await unitsByTier(db.knex)).toEqual(before);
    expect(Number((await db.knex('users').count<{ c: string }[]>('* as c'))[0]?.c)).toBe(11);
  });
});

describe('seedDemoIfEmpty with an org tree already present', () => {
  const db = useTestDatabase();

  it('leaves a real org tree alone', async () => {
    await importOrgTree(db.knex, {
      code: '510000',
      name: '某县',
      tier: 'district',
      kind: 'county',
    });
    await expect(seedDemoIfEmpty(db.knex, { log: () => undefined })).resolves.toBeUndefined();
    expect(await unitsByTier(db.knex)).toEqual({ district: 1 });
  });
});

describe('seedDemoIfEmpty started twice at once', () => {
  const db = useTestDatabase();

  it('seeds exactly once', async () => {
    const results = await Promise.all([
      seedDemoIfEmpty(db.knex, { log: () => undefined }),
      seedDemoIfEmpty(db.knex, { log: () => undefined }),
    ]);
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect((await unitsByTier(db.knex)).village).toBe(296);
  });
});
