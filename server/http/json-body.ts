import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { HttpProblem } from './problem';

const JSON_TYPES = ['application/json', 'application/*+json'];

function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0')
  );
}

/**
 * Parses a JSON body of at most `limit`. A body of another type is refused with 415 before it
 * is read; an empty body passes with `req.body` undefined (claims and logouts send none).
 * Parse errors and oversized bodies reach the API error handler, which answers 400 and 413.
 * Mounted per route, after authentication, so a caller without credentials learns nothing
 * about how its body would have been read.
 */
export function jsonBody(limit: string): RequestHandler[] {
  const requireJson = (req: Request, _res: Response, next: NextFunction): void => {
    if (hasBody(req) && !req.is(JSON_TYPES)) {
      next(
        new HttpProblem({
          status: 415,
          detail: 'The body must be JSON (Content-Type: application/json).',
        }),
      );
      return;
    }
    next();
  };
  return [requireJson, express.json({ limit, type: JSON_TYPES, strict: true })];
}
