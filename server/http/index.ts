import './locals';

export {
  HttpProblem,
  PROBLEM_TYPES,
  invalidInput,
  sendProblem,
  type FieldError,
  type ProblemInit,
} from './problem';
export { requestId } from './request-id';
export { jsonBody } from './json-body';
export { route, type RouteHandlers } from './routes';
export { apiErrorHandler, apiNotFound } from './api-errors';
export { auditAs, auditLog, noteAudit, redactPath, type AuditNote } from './audit';
export { readCookie } from './cookies';
export { isoWithOffset, parseIsoWithOffset, API_TIME_ZONE } from './time';
export { createTokenSigner, randomToken, type TokenSigner } from './tokens';
