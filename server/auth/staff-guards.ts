import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { HttpProblem, PROBLEM_TYPES, readCookie, type TokenSigner } from '../http';
import type { SessionStore } from './session-store';
import { loadStaffUser, type StaffUser } from './staff-user';

export const SESSION_COOKIE = 'minsheng_session';
/** The header every state-changing staff request carries (API.md). */
export const CSRF_HEADER = 'X-CSRF-Token';
const CSRF_PURPOSE = 'staff-session';
/** Sessions are marked active at most this often, to spare a write per request. */
const TOUCH_EVERY_MS = 60_000;

export interface StaffGuardOptions {
  knex: Knex;
  sessions: SessionStore;
  tokens: TokenSigner;
  clock: () => Date;
  idleMs: number;
  absoluteMs: number;
}

/**
 * The checks every staff route starts with, in the contract's order: `requireStaff` (no valid
 * session → 401), then `requireCsrf` on state-changing routes (bad token → 403), then the
 * route's own role and scope checks (→ 404 for reads of one record, 403 for actions).
 *
 *   route(router, '/demands/:code/split', {
 *     post: [guards.requireStaff, guards.requireCsrf, ...jsonBody(limit), handler],
 *   });
 *
 * Inside the handler `staffOf(res)` is the caller.
 */
export interface StaffGuards {
  requireStaff: (req: Request, res: Response, next: NextFunction) => Promise<void>;
  requireCsrf: (req: Request, res: Response, next: NextFunction) => void;
  /** The CSRF token of a session, as login and `GET /api/session` hand it out. */
  csrfTokenFor(sessionId: string): string;
}

const staffByResponse = new WeakMap<Response, { user: StaffUser; sessionId: string }>();

/** The caller of a route behind `requireStaff`. */
export function staffOf(res: Response): StaffUser {
  const found = staffByResponse.get(res);
  if (!found) throw new Error('staffOf() used on a route without requireStaff');
  return found.user;
}

/** The session id of the caller (for logout). */
export function sessionIdOf(res: Response): string {
  const found = staffByResponse.get(res);
  if (!found) throw new Error('sessionIdOf() used on a route without requireStaff');
  return found.sessionId;
}

function unauthenticated(detail: string, expired = false): HttpProblem {
  return new HttpProblem({
    status: 401,
    type: expired ? PROBLEM_TYPES.sessionExpired : PROBLEM_TYPES.unauthenticated,
    title: expired ? 'Session expired' : 'Not logged in',
    detail,
  });
}

function duration(ms: number): string {
  return ms % 3_600_000 === 0
    ? `${ms / 3_600_000} hour(s)`
    : `${Math.round(ms / 60_000)} minute(s)`;
}

export function createStaffGuards(options: StaffGuardOptions): StaffGuards {
  const { sessions, tokens, clock } = options;

  const requireStaff = async (req: Request, res: Response, next: NextFunction) => {
    const sessionId = readCookie(req, SESSION_COOKIE);
    if (!sessionId) throw unauthenticated('Log in first.');
    const session = await sessions.find(sessionId);
    if (!session) throw unauthenticated('The session has ended; log in again.');

    const now = clock();
    let expiry: string | undefined;
    if (now.getTime() - session.createdAt.getTime() > options.absoluteMs) {
      expiry = `The session reached its maximum length of ${duration(options.absoluteMs)}; log in again.`;
    } else if (now.getTime() - session.lastSeenAt.getTime() > options.idleMs) {
      expiry = `The session expired after ${duration(options.idleMs)} without activity; log in again.`;
    }
    if (expiry) {
      await sessions.destroyByHash(session.idHash);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      throw unauthenticated(expiry, true);
    }

    const user = await loadStaffUser(options.knex, session.userId);
    if (!user) {
      await sessions.destroyByHash(session.idHash);
      throw unauthenticated('The account is no longer active.');
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await sessions.touch(session.idHash, now);
    }
    staffByResponse.set(res, { user, sessionId });
    res.locals.actor = { userId: user.id, username: user.username };
    next();
  };

  const requireCsrf = (req: Request, res: Response, next: NextFunction) => {
    const found = staffByResponse.get(res);
    if (!found) throw new Error('requireCsrf must follow requireStaff');
    if (!tokens.verify(CSRF_PURPOSE, found.sessionId, req.get(CSRF_HEADER))) {
      throw new HttpProblem({
        status: 403,
        type: PROBLEM_TYPES.csrf,
        title: 'Missing or wrong CSRF token',
        detail: `State-changing requests carry the session's token in ${CSRF_HEADER}.`,
      });
    }
    next();
  };

  return {
    requireStaff,
    requireCsrf,
    csrfTokenFor: (sessionId) => tokens.sign(CSRF_PURPOSE, sessionId),
  };
}
