import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import {
  auditAs,
  HttpProblem,
  PROBLEM_TYPES,
  invalidInput,
  jsonBody,
  noteAudit,
  readCookie,
  route,
  type FieldError,
} from '../http';
import type { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import type { SessionStore } from './session-store';
import { SESSION_COOKIE, sessionIdOf, staffOf, type StaffGuards } from './staff-guards';
import { findAccount, loadStaffUser, type StaffUser } from './staff-user';

export interface SessionRoutesOptions {
  knex: Knex;
  sessions: SessionStore;
  throttle: LoginThrottle;
  guards: StaffGuards;
  clock: () => Date;
  cookieSecure: boolean;
  jsonBodyLimit: string;
}

/** Checked against when the account does not exist, so the answer takes as long either way. */
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword('decoy password, never valid'));

function userView(user: StaffUser) {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unit: { code: user.unitCode, name: user.unitName },
  };
}

function credentials(body: unknown): { username: string; password: string } {
  const errors: FieldError[] = [];
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { username, password } = input;
  if (typeof username !== 'string' || username.trim() === '' || username.length > 100) {
    errors.push({ field: 'username', message: 'Enter the user name (at most 100 characters).' });
  }
  if (typeof password !== 'string' || password === '' || password.length > 1000) {
    errors.push({ field: 'password', message: 'Enter the password.' });
  }
  if (errors.length > 0) throw invalidInput(errors);
  return { username: (username as string).trim(), password: password as string };
}

function lockedProblem(until: Date, now: Date): HttpProblem {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new HttpProblem({
    status: 429,
    type: PROBLEM_TYPES.loginLocked,
    title: 'Too many failed logins',
    detail: `This account is locked after repeated failed logins; try again in ${Math.ceil(seconds / 60)} minute(s).`,
    headers: { 'Retry-After': String(seconds) },
  });
}

/**
 * `POST /api/session` (login), `GET /api/session` (who am I), `DELETE /api/session` (logout).
 * A login always issues a new session id (and ends the one the browser had), so an id planted
 * before login is worthless after it.
 */
export function sessionRouter(options: SessionRoutesOptions): Router {
  const { sessions, throttle, guards, clock } = options;
  const router = Router();
  void decoy(); // computed now, so the first unknown name is not slower than a known one
  const cookie = {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: options.cookieSecure,
    path: '/',
  };

  const login = async (req: Request, res: Response) => {
    const { username, password } = credentials(req.body);
    const account = username.toLowerCase();
    res.locals.actor = { username: account };
    const now = clock();

    const locked = await throttle.lockedUntil(account, now);
    if (locked) throw lockedProblem(locked, now);

    const found = await findAccount(options.knex, account);
    const passwordOk = found
      ? await verifyPassword(password, found.passwordHash)
      : (await verifyPassword(password, await decoy()), false);
    const user =
      found && passwordOk && found.active && found.role
        ? await loadStaffUser(options.knex, found.id)
        : undefined;
    if (!user) {
      const lockedNow = await throttle.recordFailure(account, now);
      if (lockedNow) throw lockedProblem(lockedNow, now);
      throw new HttpProblem({
        status: 401,
        type: PROBLEM_TYPES.unauthenticated,
        title: 'Login failed',
        detail: 'The user name or password is wrong.',
      });
    }

    await throttle.clear(account);
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous) await sessions.destroy(previous);
    const sessionId = await sessions.create(user.id, now, {
      ip: req.ip,
      userAgent: req.get('user-agent'),
    });
    res.locals.actor = { userId: user.id, username: user.username };
    noteAudit(res, { entityType: 'user', entityId: user.id });
    res.cookie(SESSION_COOKIE, sessionId, cookie);
    res.set('Cache-Control', 'no-store');
    res.status(200).json({ user: userView(user), csrfToken: guards.csrfTokenFor(sessionId) });
  };

  const current = (_req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    res.json({ user: userView(staffOf(res)), csrfToken: guards.csrfTokenFor(sessionIdOf(res)) });
  };

  const logout = async (_req: Request, res: Response) => {
    const user = staffOf(res);
    noteAudit(res, { entityType: 'user', entityId: user.id });
    await sessions.destroy(sessionIdOf(res));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  };

  route(router, '/session', {
    post: [auditAs('session.login'), ...jsonBody(options.jsonBodyLimit), login],
    get: [guards.requireStaff, current],
    delete: [auditAs('session.logout'), guards.requireStaff, guards.requireCsrf, logout],
  });
  return router;
}
