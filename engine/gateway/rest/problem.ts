import type { Request, Response } from 'express';
import type { CommandResult } from '../../processing/command';

/**
 * RFC 9457 problem details, as Camunda's REST API writes them (Spring's ProblemDetail):
 * `type` is `about:blank`, `title` names the error kind (a rejection type such as
 * `INVALID_ARGUMENT`, or the HTTP reason phrase), `instance` is the request path.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
}

type Rejection = Extract<CommandResult, { ok: false }>;

/** Camunda's RestErrorMapper: rejection type → HTTP status. */
const STATUS: Record<Rejection['rejectionType'], number> = {
  INVALID_ARGUMENT: 400,
  EXCEEDED_BATCH_RECORD_SIZE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  INVALID_STATE: 409,
  PROCESSING_ERROR: 500,
  RESOURCE_EXHAUSTED: 503,
  DEADLINE_EXCEEDED: 504,
};

export function problem(status: number, title: string, detail: string, instance: string): Problem {
  return { type: 'about:blank', title, status, detail, instance };
}

export function sendProblem(res: Response, body: Problem): void {
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

/** A request the gateway refuses before it reaches the engine (Camunda's validators). */
export function invalidArgument(req: Request, res: Response, detail: string): void {
  sendProblem(res, problem(400, 'INVALID_ARGUMENT', detail, req.originalUrl));
}

/** A command the engine rejected (or refused under backpressure). */
export function sendRejection(req: Request, res: Response, rejection: Rejection): void {
  sendProblem(
    res,
    problem(
      STATUS[rejection.rejectionType],
      rejection.rejectionType,
      rejection.reason,
      req.originalUrl,
    ),
  );
}
