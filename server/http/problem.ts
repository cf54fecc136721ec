import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';

/** One invalid input field: `field` is a JSON path such as `citizen.phone` or `attachments[0].size`. */
export interface FieldError {
  field: string;
  message: string;
  /** For a choice: the values it accepts (task completion names a form field's options). */
  allowedValues?: unknown[];
}

/**
 * Problem types (RFC 9457 `type`) of this API. Plain HTTP conditions (404, 405, 413, 415, 500)
 * use `about:blank`, whose title is the status phrase; these name the ones clients act on.
 */
export const PROBLEM_TYPES = {
  invalidInput: 'urn:minsheng:problem:invalid-input',
  unauthenticated: 'urn:minsheng:problem:unauthenticated',
  sessionExpired: 'urn:minsheng:problem:session-expired',
  csrf: 'urn:minsheng:problem:csrf-token-invalid',
  forbidden: 'urn:minsheng:problem:forbidden',
  rateLimited: 'urn:minsheng:problem:rate-limited',
  loginLocked: 'urn:minsheng:problem:login-locked',
  conflict: 'urn:minsheng:problem:conflict',
  engineUnavailable: 'urn:minsheng:problem:engine-unavailable',
} as const;

export interface ProblemInit {
  status: number;
  /** Default `about:blank`. */
  type?: string;
  /** Default: the HTTP status phrase. */
  title?: string;
  detail?: string;
  errors?: FieldError[];
  /** Response headers to send with it (`Allow`, `Retry-After`, `WWW-Authenticate`). */
  headers?: Record<string, string>;
}

/**
 * A refusal as an exception: thrown anywhere in a handler, the API's error handler answers it
 * as a problem document. Its message is the detail, so it must not contain personal data.
 */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(readonly problem: ProblemInit) {
    super(problem.detail ?? problem.title ?? STATUS_CODES[problem.status] ?? 'error');
  }
}

export function invalidInput(errors: FieldError[], detail = 'The request has invalid fields.') {
  return new HttpProblem({
    status: 400,
    type: PROBLEM_TYPES.invalidInput,
    title: 'Invalid input',
    detail,
    errors,
  });
}

/** Answers `problem` as `application/problem+json`, with the request id for support. */
export function sendProblem(res: Response, problem: ProblemInit): void {
  for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
  const body: Record<string, unknown> = {
    type: problem.type ?? 'about:blank',
    title: problem.title ?? STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
  };
  if (problem.detail !== undefined) body.detail = problem.detail;
  if (problem.errors !== undefined) body.errors = problem.errors;
  if (res.locals.requestId) body.requestId = res.locals.requestId;
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}
