import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { HttpProblem, PROBLEM_TYPES } from '../http';
import { findChannelCaller, type ChannelCaller } from './channel-keys';

const callers = new WeakMap<Response, ChannelCaller>();

/** The channel of a route behind `requireChannelKey`. */
export function channelOf(res: Response): ChannelCaller {
  const caller = callers.get(res);
  if (!caller) throw new Error('channelOf() used on a route without requireChannelKey');
  return caller;
}

/**
 * `Authorization: Bearer <channel key>`: a missing, unknown or revoked key answers 401 before
 * the body is read. Checked on every request, so a revocation takes effect at once.
 */
export function requireChannelKey(knex: Knex) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const caller = match?.[1] ? await findChannelCaller(knex, match[1]) : undefined;
    if (!caller) {
      throw new HttpProblem({
        status: 401,
        type: PROBLEM_TYPES.unauthenticated,
        title: 'Channel key required',
        detail: 'Send a valid, unrevoked channel key as Authorization: Bearer <key>.',
        headers: { 'WWW-Authenticate': 'Bearer realm="minsheng-intake"' },
      });
    }
    callers.set(res, caller);
    res.locals.actor = { channel: caller.channel, channelKeyId: caller.keyId };
    next();
  };
}
