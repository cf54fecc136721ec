import type { NextFunction, Request, Response } from 'express';
import type { Log } from '../../platform';
import { HttpProblem, sendProblem } from './problem';
import { allowedMethods } from './routes';

/** The last handler under `/api`: no route answered — a method the path lacks, or no such path. */
export function apiNotFound() {
  return (_req: Request, res: Response): void => {
    const allowed = allowedMethods(res);
    if (allowed.length > 0) {
      const allow = allowed.join(', ');
      sendProblem(res, {
        status: 405,
        detail: `This resource allows ${allow}.`,
        headers: { Allow: allow },
      });
      return;
    }
    sendProblem(res, { status: 404, detail: 'There is no such resource in this API.' });
  };
}

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/** What body-parser's errors mean to a client (its messages can quote the body: never sent). */
function bodyProblem(error: BodyParserError): HttpProblem | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return new HttpProblem({ status: 413, detail: 'The body is larger than this API accepts.' });
    case 'entity.parse.failed':
      return new HttpProblem({ status: 400, detail: 'The body is not valid JSON.' });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpProblem({ status: 415, detail: 'The body must be UTF-8 encoded JSON.' });
    case 'request.aborted':
    case 'request.size.invalid':
      return new HttpProblem({ status: 400, detail: 'The body arrived incomplete.' });
    default:
      return undefined;
  }
}

/**
 * Turns every error under `/api` into a problem document. Unexpected errors are logged with the
 * request id (never with the body, which may hold personal data) and answered 500.
 */
export function apiErrorHandler(log: Log) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpProblem) {
      sendProblem(res, error.problem);
      return;
    }
    const fromBody = bodyProblem(error as BodyParserError);
    if (fromBody) {
      sendProblem(res, fromBody.problem);
      return;
    }
    const status = (error as BodyParserError).status;
    if ((error as BodyParserError).expose && status && status >= 400 && status < 500) {
      sendProblem(res, { status });
      return;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${req.method} ${req.path} failed (request ${res.locals.requestId}): ${message}`);
    sendProblem(res, { status: 500, detail: 'The server failed; the error has been logged.' });
  };
}
