import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import type { Log } from '../../platform';

/** What a handler tells the audit log about its request. */
export interface AuditNote {
  /** A dotted name such as `session.login` or `demand.intake`. */
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Codes and decisions only: never secrets, never personal data. */
  details?: Record<string, unknown>;
}

/** Adds to what the audit log will record about this request. */
export function noteAudit(res: Response, note: AuditNote): void {
  const before = res.locals.audit ?? {};
  res.locals.audit = { ...before, ...note, details: { ...before.details, ...note.details } };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Long digit runs in a path may be phone or ID numbers a client put there: never kept. */
export function redactPath(path: string): string {
  return path.replace(/\d{11,}[Xx]?/g, '[redacted]');
}

function outcomeOf(status: number): string {
  if (status < 400) return 'succeeded';
  if (status === 401 || status === 403) return 'denied';
  if (status === 429) return 'throttled';
  return status < 500 ? 'refused' : 'failed';
}

/**
 * Writes one `audit_log` row for every state-changing request under `/api` once it is
 * answered, refused ones included: who (staff user, channel key), what (action and route),
 * which entity, and the outcome. Bodies are never copied, so no secret or personal number can
 * reach the log; handlers add only what `noteAudit` is given.
 */
export function auditLog(options: { knex: Knex; log: Log }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    res.once('finish', () => {
      const note = res.locals.audit ?? {};
      const actor = res.locals.actor ?? {};
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : undefined;
      const where = route ?? redactPath(req.originalUrl.split('?')[0] ?? '');
      const details: Record<string, unknown> = {
        method: req.method,
        route: where,
        status: res.statusCode,
        outcome: outcomeOf(res.statusCode),
        ...(actor.channel ? { channel: actor.channel } : {}),
        ...(actor.channelKeyId ? { channelKeyId: actor.channelKeyId } : {}),
        ...(actor.username && !actor.userId ? { username: actor.username } : {}),
        ...note.details,
      };
      options
        .knex('audit_log')
        .insert({
          user_id: actor.userId ?? null,
          action: note.action ?? `${req.method} ${where}`,
          entity_type: note.entityType ?? null,
          entity_id: note.entityId ?? null,
          request_id: res.locals.requestId,
          ip: req.ip ?? null,
          details,
        })
        .catch((error: unknown) => {
          options.log(
            `audit log write failed for request ${res.locals.requestId}: ${(error as Error).message}`,
          );
        });
    });
    next();
  };
}

/** Names the audit action up front, so refusals by guards are recorded under it too. */
export function auditAs(action: string, entityType?: string) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    noteAudit(res, entityType ? { action, entityType } : { action });
    next();
  };
}
