import type { AuditNote } from './audit';

/**
 * What middleware leaves on `res.locals` for later steps. Declared once here so every module
 * reads the same, typed names.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by `requestId` for every request. */
      requestId: string;
      /** What the audit log records about this request (see `noteAudit`). */
      audit?: AuditNote;
      /** Who made the request, for the audit log: a staff user id or a channel key id. */
      actor?: { userId?: string; channelKeyId?: string; channel?: string; username?: string };
    }
  }
}

export {};
