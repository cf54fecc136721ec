import { createHash } from 'node:crypto';
import request from 'supertest';
import { useTestDatabase } from '../support/database';
import {
  DISTRICT,
  MINUTE,
  VILLAGE,
  auditRows,
  importDemoDistrict,
  loggedIn,
  makeApp,
  movableClock,
  staffAccount,
  type TestApp,
} from './helpers';

const cookieOf = (res: request.Response, name: string): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
const sessionIdIn = (cookie: string | undefined) =>
  /^minsheng_session=([^;]*)/.exec(cookie ?? '')?.[1];

describe('staff sessions: login, CSRF, logout, lockout, expiry', () => {
  const db = useTestDatabase();
  let t: TestApp;
  let clerk: { username: string; password: string; id: string };

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    clerk = await staffAccount(db.knex, 'intake_clerk', DISTRICT);
    t = makeApp(db.knex, {
      clock: movableClock(),
      config: {
        loginMaxFailures: 3,
        loginFailureWindowMs: 10 * MINUTE,
        loginLockMs: 15 * MINUTE,
        sessionIdleMs: 30 * MINUTE,
        sessionAbsoluteMs: 2 * 60 * MINUTE,
      },
    });
  });

  it('logs in with a httpOnly SameSite=Strict cookie, the user and a CSRF token', async () => {
    const res = await request(t.app)
      .post('/api/session')
      .send({ username: clerk.username, password: clerk.password });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: {
        username: clerk.username,
        displayName: clerk.username,
        role: 'intake_clerk',
        unit: { code: DISTRICT, name: expect.any(String) },
      },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
    });
    const cookie = cookieOf(res, 'minsheng_session');
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    // Only a hash of the session id is stored.
    const sessionId = sessionIdIn(cookie)!;
    const rows = await db.knex('staff_sessions').where({ user_id: clerk.id });
    const hashes = rows.map((r) => r.id_hash);
    expect(hashes).toContain(createHash('sha256').update(sessionId).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(sessionId);
  });

  it('marks the cookie Secure when configured', async () => {
    const secure = makeApp(db.knex, { config: { cookieSecure: true } });
    const res = await request(secure.app)
      .post('/api/session')
      .send({ username: clerk.username, password: clerk.password });
    expect(cookieOf(res, 'minsheng_session')).toMatch(/; Secure/);
  });

  it('answers GET /api/session with the current user, and 401 without a session', async () => {
    const { agent, csrfToken } = await loggedIn(t.app, clerk);
    const me = await agent.get('/api/session');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe(clerk.username);
    expect(me.body.csrfToken).toBe(csrfToken);
    const anonymous = await request(t.app).get('/api/session');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('gives each session its own CSRF token and a new session id at every login', async () => {
    const first = await loggedIn(t.app, clerk);
    const firstId = sessionIdIn(cookieOf(first.res, 'minsheng_session'));
    // Logging in again from the same browser replaces its session.
    const again = await first.agent
      .post('/api/session')
      .send({ username: clerk.username, password: clerk.password });
    const secondId = sessionIdIn(cookieOf(again, 'minsheng_session'));
    expect(secondId).not.toBe(firstId);
    expect(again.body.csrfToken).not.toBe(first.csrfToken);
    const old = await request(t.app)
      .get('/api/session')
      .set('Cookie', `minsheng_session=${firstId}`);
    expect(old.status).toBe(401);
  });

  it('checks 401 before 403: logout without a session is 401, without a token 403', async () => {
    const anonymous = await request(t.app).delete('/api/session');
    expect(anonymous.status).toBe(401);
    const anonymousWithToken = await request(t.app)
      .delete('/api/session')
      .set('X-CSRF-Token', 'anything');
    expect(anonymousWithToken.status).toBe(401);

    const { agent, csrfToken } = await loggedIn(t.app, clerk);
    const noToken = await agent.delete('/api/session');
    expect(noToken.status).toBe(403);
    expect(noToken.body.type).toBe('urn:minsheng:problem:csrf-token-invalid');
    const other = await loggedIn(t.app, clerk);
    const wrongToken = await agent.delete('/api/session').set('X-CSRF-Token', other.csrfToken);
    expect(wrongToken.status).toBe(403);
    // The refused logout changed nothing: the session still works.
    expect((await agent.get('/api/session')).status).toBe(200);

    const done = await agent.delete('/api/session').set('X-CSRF-Token', csrfToken);
    expect(done.status).toBe(204);
  });

  it('invalidates the session on the server at logout, whatever the browser keeps', async () => {
    const { agent, csrfToken, res } = await loggedIn(t.app, clerk);
    const sessionId = sessionIdIn(cookieOf(res, 'minsheng_session'));
    expect((await agent.delete('/api/session').set('X-CSRF-Token', csrfToken)).status).toBe(204);
    const replay = await request(t.app)
      .get('/api/session')
      .set('Cookie', `minsheng_session=${sessionId}`);
    expect(replay.status).toBe(401);
    const hash = createHash('sha256').update(sessionId!).digest('hex');
    expect(await db.knex('staff_sessions').where({ id_hash: hash })).toEqual([]);
  });

  it('answers bad credentials with 401, the same for an unknown user', async () => {
    const wrong = await request(t.app)
      .post('/api/session')
      .send({ username: clerk.username, password: 'not the password' });
    const unknown = await request(t.app)
      .post('/api/session')
      .send({ username: 'nobody-here', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect({ ...wrong.body, requestId: 0 }).toEqual({ ...unknown.body, requestId: 0 });
    await db.knex('login_throttle').delete();
  });

  it('refuses a login body without fields with 400 and errors', async () => {
    const res = await request(t.app).post('/api/session').send({ username: '' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'password',
      'username',
    ]);
  });

  it('locks an account after repeated failures, refusing even the right password for a while', async () => {
    const victim = await staffAccount(db.knex, 'village_staff', VILLAGE.code);
    const attempt = (password: string) =>
      request(t.app).post('/api/session').send({ username: victim.username, password });

    expect((await attempt('guess-1')).status).toBe(401);
    // A success in between does not count as a failure (and clears the count).
    expect((await attempt(victim.password)).status).toBe(200);
    expect((await attempt('guess-2')).status).toBe(401);
    expect((await attempt('guess-3')).status).toBe(401);
    const locking = await attempt('guess-4');
    expect(locking.status).toBe(429);
    expect(locking.body.type).toBe('urn:minsheng:problem:login-locked');
    expect(Number(locking.headers['retry-after'])).toBe(15 * 60);

    t.clock.advance(10 * MINUTE);
    const right = await attempt(victim.password);
    expect(right.status).toBe(429);
    expect(right.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(right.headers['retry-after'])).toBe(5 * 60);
    expect(cookieOf(right, 'minsheng_session')).toBeUndefined();
    // Other accounts are not affected by the lock.
    await loggedIn(t.app, clerk);

    t.clock.advance(5 * MINUTE + 1000);
    expect((await attempt(victim.password)).status).toBe(200);
    // After the lock a new count starts: one failure is just a failure.
    expect((await attempt('guess-5')).status).toBe(401);
  });

  it('locks an unknown account name the same way, revealing nothing', async () => {
    const attempt = () =>
      request(t.app).post('/api/session').send({ username: 'ghost-user', password: 'pw' });
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(429);
  });

  it('ends a session after the idle time, with a message saying so', async () => {
    const { agent } = await loggedIn(t.app, clerk);
    t.clock.advance(29 * MINUTE);
    expect((await agent.get('/api/session')).status).toBe(200);
    t.clock.advance(29 * MINUTE); // activity above reset the idle clock
    expect((await agent.get('/api/session')).status).toBe(200);
    t.clock.advance(31 * MINUTE);
    const expired = await agent.get('/api/session');
    expect(expired.status).toBe(401);
    expect(expired.body.type).toBe('urn:minsheng:problem:session-expired');
    expect(expired.body.detail).toMatch(/30 minute\(s\) without activity/);
    expect((await agent.get('/api/session')).status).toBe(401);
  });

  it('ends a busy session at its absolute limit, with a message saying so', async () => {
    const { agent } = await loggedIn(t.app, clerk);
    for (let minutes = 0; minutes < 120; minutes += 20) {
      t.clock.advance(20 * MINUTE);
      expect((await agent.get('/api/session')).status).toBe(200);
    }
    t.clock.advance(2 * MINUTE);
    const expired = await agent.get('/api/session');
    expect(expired.status).toBe(401);
    expect(expired.body.type).toBe('urn:minsheng:problem:session-expired');
    expect(expired.body.detail).toMatch(/maximum length of 2 hour\(s\)/);
  });

  it('audits logins and logouts with the user, never the password', async () => {
    const failed = await request(t.app)
      .post('/api/session')
      .send({ username: clerk.username, password: 'wrong-secret-123' });
    const { agent, csrfToken, res } = await loggedIn(t.app, clerk);
    const out = await agent.delete('/api/session').set('X-CSRF-Token', csrfToken);

    const [failedRow] = await auditRows(db.knex, failed.headers['x-request-id'] as string);
    expect(failedRow).toEqual(
      expect.objectContaining({
        action: 'session.login',
        user_id: null,
        details: expect.objectContaining({
          outcome: 'denied',
          status: 401,
          username: clerk.username,
        }),
      }),
    );
    const [loginRow] = await auditRows(db.knex, res.headers['x-request-id'] as string);
    expect(loginRow).toEqual(
      expect.objectContaining({
        action: 'session.login',
        user_id: clerk.id,
        entity_type: 'user',
        entity_id: clerk.id,
      }),
    );
    const [logoutRow] = await auditRows(db.knex, out.headers['x-request-id'] as string);
    expect(logoutRow).toEqual(
      expect.objectContaining({ action: 'session.logout', user_id: clerk.id }),
    );
    const all = JSON.stringify(await db.knex('audit_log'));
    expect(all).not.toContain('wrong-secret-123');
    expect(all).not.toContain(clerk.password);
  });
});
