import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** A caller's own id is kept when it is plainly an id (a proxy's or a channel's trace id). */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * Gives every request an id, echoed in `X-Request-Id`, in problem documents and in the audit
 * log, so a citizen's or clerk's report of an error can be found in the logs.
 */
export function requestId() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const offered = req.get('x-request-id');
    const id = offered && ACCEPTABLE.test(offered) ? offered : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    next();
  };
}
