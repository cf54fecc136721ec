import type { NextFunction, Request, Response } from 'express';
import { HttpProblem, PROBLEM_TYPES, randomToken, readCookie, type TokenSigner } from '../http';

export const VISITOR_COOKIE = 'minsheng_visitor';
const PURPOSE = 'public-visitor';

/**
 * CSRF protection for the public page without a login: `GET /api/public/csrf` gives the
 * browser a random visitor id in an httpOnly SameSite=Strict cookie and returns the token
 * bound to it; public writes must send that token in `X-CSRF-Token`. Another site can make the
 * browser send the cookie, but cannot read the token.
 */
export function createPublicCsrf(options: { tokens: TokenSigner; cookieSecure: boolean }) {
  const { tokens } = options;

  const issue = (req: Request, res: Response): void => {
    let visitor = readCookie(req, VISITOR_COOKIE);
    if (!visitor || !/^[A-Za-z0-9_-]{43}$/.test(visitor)) {
      visitor = randomToken();
      res.cookie(VISITOR_COOKIE, visitor, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.cookieSecure,
        path: '/api/public',
      });
    }
    res.set('Cache-Control', 'no-store');
    res.json({ csrfToken: tokens.sign(PURPOSE, visitor) });
  };

  const require = (req: Request, _res: Response, next: NextFunction): void => {
    const visitor = readCookie(req, VISITOR_COOKIE);
    if (!visitor || !tokens.verify(PURPOSE, visitor, req.get('x-csrf-token'))) {
      throw new HttpProblem({
        status: 403,
        type: PROBLEM_TYPES.csrf,
        title: 'Missing or wrong CSRF token',
        detail: 'Fetch a token from GET /api/public/csrf and send it in X-CSRF-Token.',
      });
    }
    next();
  };

  return { issue, require };
}
