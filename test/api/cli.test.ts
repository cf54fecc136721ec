import { spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { useTestDatabase } from '../support/database';
import { DISTRICT, VILLAGE, importDemoDistrict, makeApp, type TestApp } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run SCRIPT -- ARGS` as an operator would, against the given database. */
function npmRun(script: string, args: string[], databaseUrl: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (text: string) => text.trimEnd().split('\n').pop() ?? '';

describe('user:create and channel key commands', () => {
  const db = useTestDatabase();
  let t: TestApp;
  const countUsers = async () =>
    Number((await db.knex('users').count<{ c: string }[]>('* as c'))[0]?.c);

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    t = makeApp(db.knex);
  });

  describe('user:create', () => {
    it('creates an account that can log in with its role and unit (exit 0)', async () => {
      const run = await npmRun(
        'user:create',
        ['--username', 'wang.li', '--password', 'long-enough-pw', '--role', 'village_staff'].concat(
          ['--unit', VILLAGE.code, '--name', '王丽'],
        ),
        db.url,
      );
      expect({ code: run.code, stderr: run.stderr }).toEqual({
        code: 0,
        stderr: expect.any(String),
      });
      expect(run.stdout).toMatch(/created user wang\.li .* as village_staff at unit/);
      const login = await request(t.app)
        .post('/api/session')
        .send({ username: 'wang.li', password: 'long-enough-pw' });
      expect(login.status).toBe(200);
      expect(login.body.user).toEqual({
        username: 'wang.li',
        displayName: '王丽',
        role: 'village_staff',
        unit: { code: VILLAGE.code, name: VILLAGE.name },
      });
      const [row] = await db.knex('users').where({ username: 'wang.li' });
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(JSON.stringify(row)).not.toContain('long-enough-pw');
    }, 60_000);

    it('refuses an unknown unit, an unknown role, a taken name and a short password (exit 1)', async () => {
      const before = await countUsers();
      const base = ['--password', 'long-enough-pw'];
      const unknownUnit = await npmRun(
        'user:create',
        ['--username', 'zhao', ...base, '--role', 'dispatcher', '--unit', '000000'],
        db.url,
      );
      expect(unknownUnit.code).toBe(1);
      expect(unknownUnit.stderr).toMatch(/no org unit has the code "000000"/);
      const unknownRole = await npmRun(
        'user:create',
        ['--username', 'zhao', ...base, '--role', 'mayor', '--unit', DISTRICT],
        db.url,
      );
      expect(unknownRole.code).toBe(1);
      expect(unknownRole.stderr).toMatch(/unknown role "mayor"; roles: intake_clerk, /);
      const taken = await npmRun(
        'user:create',
        ['--username', 'wang.li', ...base, '--role', 'dispatcher', '--unit', DISTRICT],
        db.url,
      );
      expect(taken.code).toBe(1);
      expect(taken.stderr).toMatch(/"wang\.li" is taken/);
      const short = await npmRun(
        'user:create',
        ['--username', 'zhao', '--password', 'short', '--role', 'dispatcher', '--unit', DISTRICT],
        db.url,
      );
      expect(short.code).toBe(1);
      expect(short.stderr).toMatch(/at least 10 characters/);
      expect(await countUsers()).toBe(before);
    }, 120_000);

    it('answers bad usage with exit 2', async () => {
      const missing = await npmRun('user:create', ['--username', 'zhao'], db.url);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/usage: npm run user:create/);
      const unknownOption = await npmRun('user:create', ['--user', 'zhao'], db.url);
      expect(unknownOption.code).toBe(2);
    }, 60_000);
  });

  describe('channel:create-key and channel:revoke-key', () => {
    const deliver = (key: string, externalId: string) =>
      request(t.app)
        .post('/api/demands')
        .set('Authorization', `Bearer ${key}`)
        .send({ externalId, content: '小区路灯坏了，晚上出行不便' });

    it('prints a working key alone on the last line, stores only its hash, and revokes it', async () => {
      const created = await npmRun('channel:create-key', ['hotline_12345'], db.url);
      expect({ code: created.code, stderr: created.stderr }).toEqual({
        code: 0,
        stderr: expect.any(String),
      });
      const key = lastLine(created.stdout);
      expect(key).toMatch(/^msk_[A-Za-z0-9_-]{43}$/);
      const keyId = /channel key (\d+) for hotline_12345/.exec(created.stdout)?.[1];
      expect(keyId).toBeDefined();
      const rows = await db.knex('channel_keys').where({ id: keyId });
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(key);

      expect((await deliver(key, 'cli-1')).status).toBe(201);

      const revoked = await npmRun('channel:revoke-key', [keyId!], db.url);
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toMatch(`revoked channel key ${keyId} (hotline_12345)`);
      const refused = await deliver(key, 'cli-2');
      expect(refused.status).toBe(401);
      expect(await db.knex('demands').where({ channel_ticket_id: 'cli-2' })).toEqual([]);

      const again = await npmRun('channel:revoke-key', [keyId!], db.url);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/already revoked/);
    }, 120_000);

    it('binds a key to a district when asked', async () => {
      const created = await npmRun(
        'channel:create-key',
        ['wechat', '--district', DISTRICT],
        db.url,
      );
      expect(created.code).toBe(0);
      const [row] = await db.knex('channel_keys').orderBy('id', 'desc').limit(1);
      expect(row).toEqual(expect.objectContaining({ channel: 'wechat', district_code: DISTRICT }));
    }, 60_000);

    it('refuses unknown channels, the public channel, non-districts and unknown keys (exit 1)', async () => {
      const before = await db.knex('channel_keys').count<{ c: string }[]>('* as c');
      const unknown = await npmRun('channel:create-key', ['fax'], db.url);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/unknown channel "fax"/);
      const web = await npmRun('channel:create-key', ['citizen_web'], db.url);
      expect(web.code).toBe(1);
      const village = await npmRun(
        'channel:create-key',
        ['wechat', '--district', VILLAGE.code],
        db.url,
      );
      expect(village.code).toBe(1);
      expect(village.stderr).toMatch(/is a village, not a district/);
      expect(await db.knex('channel_keys').count<{ c: string }[]>('* as c')).toEqual(before);
      const missingKey = await npmRun('channel:revoke-key', ['999999'], db.url);
      expect(missingKey.code).toBe(1);
      expect(missingKey.stderr).toMatch(/there is no channel key 999999/);
    }, 120_000);

    it('answers bad usage with exit 2', async () => {
      expect((await npmRun('channel:create-key', [], db.url)).code).toBe(2);
      expect((await npmRun('channel:revoke-key', [], db.url)).code).toBe(2);
      expect((await npmRun('channel:create-key', ['wechat', '--unit', 'x'], db.url)).code).toBe(2);
    }, 60_000);
  });
});
