import type { Request, Response } from 'express';
import type { Knex } from 'knex';

export interface HealthOptions {
  knex: Knex;
  /** How long the database may take to answer before it counts as down. Default 2000 ms. */
  dbTimeoutMs?: number;
}

async function probeDatabase(knex: Knex, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = knex
    .raw('SELECT 1')
    .then(() => true)
    .catch(() => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /health` for load balancers and operators: 200 `{status:"ok",db:"ok"}` when every part
 * answers, else 503 naming the failing part. It reveals nothing else, so it needs no login.
 */
export function healthHandler(options: HealthOptions) {
  const timeoutMs = options.dbTimeoutMs ?? 2000;
  return async (_req: Request, res: Response): Promise<void> => {
    const dbOk = await probeDatabase(options.knex, timeoutMs);
    res.set('Cache-Control', 'no-store');
    if (dbOk) {
      res.status(200).json({ status: 'ok', db: 'ok' });
    } else {
      res.status(503).json({ status: 'unavailable', db: 'unreachable' });
    }
  };
}
